/**
 * Hierarchical (organization/folder) and global network firewall policies:
 * every page read, each organization/folder listed once per scan whatever
 * the number of projects below it, and a listing that fails (or a hierarchy
 * that cannot be walked) leaves a stand-in the rule answers unknown for.
 */
import { describe, it, expect } from 'vitest';
import { fixtureCloud } from './helpers.js';
import type { FaultRule, ProxiedRequest } from '../cloud/proxy.js';
import { op, permissionDenied } from '../cloud/gcp/faults.js';
import type { FirewallPolicyWorld, GcpWorld } from '../cloud/gcp/world.js';
import { scanGcp } from '../../src/sources/providers/gcp/collectors/index.js';
import { GCP_APIS, parseEndpoints } from '../../src/sources/providers/gcp/collectors/transport.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import type { Inventory } from '../../src/model/inventory.js';
import rule from '../../rules/bastion-only/gcp-firewall-policy/rule.js';

const iapOnly = (shortName: string): FirewallPolicyWorld => ({
  shortName,
  rules: [{ priority: 100, direction: 'INGRESS', action: 'allow', match: { srcIpRanges: ['35.235.240.0/20'], layer4Configs: [{ ipProtocol: 'tcp', ports: ['22'] }] } }],
});

/** Organization 10 → folder 20 → p-a; p-b directly under the organization. The violation sits on the organization's last page. */
const world: GcpWorld = {
  organizations: [
    {
      id: '10',
      firewallPolicies: [
        iapOnly('org-1'),
        iapOnly('org-2'),
        iapOnly('org-3'),
        iapOnly('org-4'),
        { shortName: 'org-rdp-open', rules: [{ priority: 10, direction: 'INGRESS', action: 'allow', match: { srcIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'tcp', ports: ['3000-3400'] }] } }] },
      ],
    },
  ],
  folders: [{ id: '20', parent: 'organizations/10', firewallPolicies: [iapOnly('folder-1')] }],
  projects: [
    { id: 'p-a', parent: 'folders/20', networkFirewallPolicies: [iapOnly('net-a1'), iapOnly('net-a2'), iapOnly('net-a3')] },
    { id: 'p-b', parent: 'organizations/10', networkFirewallPolicies: [iapOnly('net-b1')] },
  ],
};

const cloud = fixtureCloud(() => world);

async function scan(rules: FaultRule[] = [], targets: { organization?: string; projects?: string[] } = { organization: '10' }) {
  cloud.proxy.setRules(rules);
  return scanGcp({
    endpoints: parseEndpoints(GCP_APIS.map((a) => `${a}=${cloud.proxy.url}`)),
    concurrency: 4,
    maxAttempts: 2,
    retryBaseMs: 1,
    timeoutMs: 5000,
    pageSizes: { compute: 2 },
    targets,
  });
}

const verdicts = (inventory: Inventory) =>
  Object.fromEntries(
    evaluate(inventory, [rule], { controls: ['bastion-only'], ctx: { params: DEFAULT_PARAMETERS, inventory } }).map((f) => [f.resource.name ?? f.resource.id, f.status]),
  );

describe('firewall policies in a live GCP scan', () => {
  it('reads every page, lists each organization/folder once, and judges the policy on the last page', async () => {
    const { inventory } = await scan();
    const policies = inventory.ofType('gcp.compute.firewall-policy');
    expect(policies.map((p) => p.name).sort()).toEqual(['folder-1', 'net-a1', 'net-a2', 'net-a3', 'net-b1', 'org-1', 'org-2', 'org-3', 'org-4', 'org-rdp-open']);
    const calls = inventory.coverage.calls!;
    // Organization: 5 policies in pages of 2 = 3 calls; folder: 1. Two projects share the organization: still listed once.
    expect(calls['compute.firewallPolicies.list']).toBe(4);
    // p-a: 3 policies = 2 pages; p-b: 1.
    expect(calls['compute.networkFirewallPolicies.list']).toBe(3);
    const org = policies.find((p) => p.name === 'org-rdp-open')!;
    expect(org.location).toMatchObject({ account: 'organizations/10', region: 'global' });
    expect(org.id).toMatch(/^\/\/compute\.googleapis\.com\/locations\/global\/firewallPolicies\/\d+$/);
    expect(org.properties.parent).toBe('organizations/10');
    expect(policies.find((p) => p.name === 'net-a2')!.location.account).toBe('p-a');
    const v = verdicts(inventory);
    expect(v['org-rdp-open']).toBe('fail');
    for (const name of ['org-1', 'folder-1', 'net-a3', 'net-b1']) expect(v[name], name).toBe('pass');
    expect(inventory.coverage.failures).toEqual([]);
  });

  it('a denied hierarchical listing leaves an unknown stand-in for that folder, not a pass', async () => {
    const denied = (r: ProxiedRequest) => op('compute.firewallPolicies.list')(r) && r.url.includes('parentId=folders%2F20');
    const { inventory } = await scan([{ match: denied, fault: permissionDenied('compute.firewallPolicies.list', 'folders/20') }]);
    const standIn = inventory.ofType('gcp.compute.firewall-policy').find((p) => p.id.startsWith('gcp-unlisted:'))!;
    expect(standIn.location.account).toBe('folders/20');
    expect(standIn.gaps?.['*']).toMatch(/^PERMISSION_DENIED: compute\.firewallPolicies\.list:/);
    const findings = evaluate(inventory, [rule], { controls: ['bastion-only'], ctx: { params: DEFAULT_PARAMETERS, inventory } });
    expect(findings.find((f) => f.resource.id === standIn.id)?.status).toBe('unknown');
    expect(inventory.coverage.failures).toEqual([expect.objectContaining({ operation: 'compute.firewallPolicies.list', code: 'PERMISSION_DENIED', account: 'p-a' })]);
    // The organization's policies were still read and judged.
    expect(verdicts(inventory)['org-rdp-open']).toBe('fail');
  });

  it('a project whose parent cannot be read gets a stand-in: the policies above it are unknown', async () => {
    const { inventory } = await scan([{ match: op('cloudresourcemanager.projects.get', 'p-b'), fault: permissionDenied('resourcemanager.projects.get', 'projects/p-b') }], { projects: ['p-b'] });
    const standIn = inventory.ofType('gcp.compute.firewall-policy').find((p) => p.id.startsWith('gcp-unlisted:'))!;
    expect(standIn).toMatchObject({ location: { account: 'p-b' } });
    expect(standIn.gaps?.['*']).toMatch(/^ANCESTORS_UNKNOWN: compute\.firewallPolicies\.list: parent of p-b unknown: PERMISSION_DENIED/);
    expect(verdicts(inventory)[standIn.name!]).toBe('unknown');
    // Nothing above p-b was listed (its parent is unknown); its own network policy was.
    expect(inventory.coverage.calls!['compute.firewallPolicies.list']).toBeUndefined();
    expect(verdicts(inventory)['net-b1']).toBe('pass');
  });

  it('an answer whose items are not objects is a collector error and a stand-in', async () => {
    const { inventory } = await scan([{ match: op('compute.firewallPolicies.list'), fault: { kind: 'rewrite', transform: () => JSON.stringify({ items: [1, 'x'] }) } }], { projects: ['p-b'] });
    const standIns = inventory.ofType('gcp.compute.firewall-policy').filter((p) => p.id.startsWith('gcp-unlisted:'));
    expect(standIns.map((p) => p.location.account)).toEqual(['organizations/10']);
    expect(standIns[0]!.gaps?.['*']).toMatch(/^COLLECTOR_ERROR: compute\.firewallPolicies\.list: a firewall policy item is not an object/);
    expect(inventory.coverage.failures).toEqual([expect.objectContaining({ operation: 'compute.firewallPolicies.list', code: 'COLLECTOR_ERROR', account: 'p-b' })]);
  });
});
