/**
 * GCP and DigitalOcean ownership from the labels and tags deployment tools
 * write (src/findings/drift/labels.ts): the tool named with the label that says so;
 * `unknown` (never shadow) where no label names one or the type carries none,
 * with coverage saying which. The live scans on the fixture clouds are
 * test/gcp/ownership.test.ts and test/digitalocean/ownership.test.ts.
 */
import { describe, it, expect } from 'vitest';
import { attachLabelOwners, labelOwner } from '../../src/findings/drift/labels.js';
import { ownerLine } from '../../src/findings/drift/ownership.js';
import type { Resource } from '../../src/model/resource.js';

const res = (provider: 'gcp' | 'digitalocean', type: string, properties: Record<string, unknown>, source: 'live' | 'iac' = 'live'): Resource => ({
  type,
  provider,
  source,
  id: `${type}/${JSON.stringify(properties).length}`,
  properties,
  location: {},
  relations: {},
});

describe('owner from labels and tags', () => {
  it('GCP: Terraform, Config Connector, Deployment Manager, Pulumi and GKE labels name their tool', () => {
    expect(labelOwner(res('gcp', 'gcp.compute.instance', { labels: { env: 'prod', 'goog-terraform-provisioned': 'true' } }))).toEqual({ status: 'managed', tool: 'terraform', label: 'goog-terraform-provisioned=true' });
    expect(labelOwner(res('gcp', 'gcp.storage.bucket', { labels: { 'managed-by-cnrm': 'true' } }))?.tool).toBe('config-connector');
    expect(labelOwner(res('gcp', 'gcp.compute.disk', { labels: { 'goog-dm': 'shop-deployment' } }))?.tool).toBe('deployment-manager');
    expect(labelOwner(res('gcp', 'gcp.compute.forwarding-rule', { labels: { 'pulumi-stack': 'prod' } }))?.tool).toBe('pulumi');
    expect(labelOwner(res('gcp', 'gcp.sql.instance', { settings: { userLabels: { 'goog-terraform-provisioned': 'true' } } }))?.tool).toBe('terraform');
    expect(labelOwner(res('gcp', 'gcp.compute.disk', { labels: { 'goog-gke-node': '' } }))?.tool).toBe('gke');
  });

  it('GCP: no tool label is unknown with why, never shadow; a type without labels says so; containers get no owner', () => {
    const o = labelOwner(res('gcp', 'gcp.compute.instance', { labels: { env: 'prod', terraform: 'yes' } }))!;
    expect(o.status).toBe('unknown');
    expect(o.reason).toMatch(/no label names a deployment tool/);
    expect(labelOwner(res('gcp', 'gcp.compute.firewall', { name: 'fw' }))).toEqual({ status: 'unknown', reason: 'gcp.compute.firewall carries no labels: GCP records no owner for it' });
    expect(labelOwner(res('gcp', 'gcp.project', { labels: { 'goog-terraform-provisioned': 'true' } }))).toBeUndefined();
    expect(labelOwner(res('gcp', 'gcp.compute.instance', { labels: { 'goog-terraform-provisioned': 'true' } }, 'iac'))).toBeUndefined();
  });

  it('DigitalOcean: DOKS node tags and team tool tags; a firewall\'s target tags are not ownership', () => {
    expect(labelOwner(res('digitalocean', 'digitalocean.droplet', { tags: ['web', 'k8s:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b', 'k8s'] }))).toEqual({ status: 'managed', tool: 'digitalocean-kubernetes', label: 'k8s:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b' });
    expect(labelOwner(res('digitalocean', 'digitalocean.volume', { tags: ['terraform'] }))?.tool).toBe('terraform');
    expect(labelOwner(res('digitalocean', 'digitalocean.database', { tags: ['managed-by:Pulumi'] }))?.tool).toBe('pulumi');
    expect(labelOwner(res('digitalocean', 'digitalocean.droplet', { tags: ['web'] }))?.status).toBe('unknown');
    expect(labelOwner(res('digitalocean', 'digitalocean.firewall', { tags: ['terraform'] }))).toEqual({ status: 'unknown', reason: 'digitalocean.firewall carries no tags: DigitalOcean records no owner for it' });
  });

  it('attachLabelOwners sets owners, counts per tool and gives one coverage line per type without a known owner', () => {
    const rs = [
      res('gcp', 'gcp.compute.instance', { labels: { 'goog-terraform-provisioned': 'true' } }),
      res('gcp', 'gcp.compute.instance', { labels: {} }),
      res('gcp', 'gcp.compute.firewall', {}),
      res('gcp', 'gcp.compute.firewall', { a: 1 }),
    ];
    const s = attachLabelOwners(rs);
    expect(s).toMatchObject({ managed: 1, unknown: 3, byTool: { terraform: 1 } });
    expect(s.causes).toEqual(['2 gcp.compute.firewall: this type carries no labels or tags, so no owner can be known', '1 gcp.compute.instance: no label or tag names a deployment tool; ownership unknown (never counted as shadow)']);
    expect(rs[0]!.owner?.status).toBe('managed');
    expect(ownerLine(rs[0]!.owner)).toBe('managed by terraform (goog-terraform-provisioned=true)');
  });
});
