/**
 * GCP ownership on the fixture cloud: the real collectors read labels as the
 * APIs return them, and every resource that can carry labels names the tool
 * that made it (Terraform, Config Connector) or is `unknown`; types without
 * labels are `unknown` too, and coverage says which and why.
 */
import { describe, it, expect } from 'vitest';
import { fixtureCloud } from './helpers.js';
import type { GcpWorld } from '../cloud/gcp/world.js';
import { scanGcp } from '../../src/sources/providers/gcp/collectors/index.js';
import { GCP_APIS, parseEndpoints } from '../../src/sources/providers/gcp/collectors/transport.js';

const world: GcpWorld = {
  projects: [
    {
      id: 'shop-prod',
      buckets: [
        { name: 'tf-assets', labels: { 'goog-terraform-provisioned': 'true', team: 'web' } },
        { name: 'hand-made', labels: { team: 'web' } },
      ],
      instances: [
        { name: 'kcc-vm', zone: 'europe-west1-b', labels: { 'managed-by-cnrm': 'true' } },
        { name: 'plain-vm', zone: 'europe-west1-b' },
      ],
      sqlInstances: [{ name: 'orders-db', region: 'europe-west1', settings: { userLabels: { 'goog-terraform-provisioned': 'true' } } }],
      firewalls: [{ name: 'allow-https', direction: 'INGRESS', sourceRanges: ['0.0.0.0/0'], allowed: [{ IPProtocol: 'tcp', ports: ['443'] }] }],
    },
  ],
};

const cloud = fixtureCloud(() => world);

describe('GCP ownership from labels (fixture cloud)', () => {
  it('names the tool where a label says, unknown elsewhere, and says so in coverage', async () => {
    const { inventory } = await scanGcp({
      endpoints: parseEndpoints(GCP_APIS.map((a) => `${a}=${cloud.proxy.url}`)),
      concurrency: 4,
      maxAttempts: 2,
      retryBaseMs: 1,
      timeoutMs: 5000,
      targets: { projects: ['shop-prod'] },
    });
    const owner = (name: string) => [...inventory.all()].find((r) => r.name === name)?.owner;
    expect(owner('tf-assets')).toEqual({ status: 'managed', tool: 'terraform', label: 'goog-terraform-provisioned=true' });
    expect(owner('kcc-vm')).toMatchObject({ status: 'managed', tool: 'config-connector' });
    expect(owner('orders-db')).toMatchObject({ status: 'managed', tool: 'terraform' });
    expect(owner('hand-made')).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/no label names a deployment tool/) });
    expect(owner('plain-vm')?.status).toBe('unknown');
    expect(owner('allow-https')).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/carries no labels/) });
    expect([...inventory.all()].find((r) => r.type === 'gcp.project')?.owner).toBeUndefined();
    const notes = (inventory.coverage.notCollected ?? []).filter((n) => n.what === 'GCP ownership').map((n) => n.why);
    expect(notes).toEqual(expect.arrayContaining([expect.stringMatching(/^1 gcp\.compute\.firewall: this type carries no labels/), expect.stringMatching(/^1 gcp\.storage\.bucket: no label or tag names a deployment tool/)]));
    // Informational: no ownership line makes a claim unverified or the scan incomplete.
    expect((inventory.coverage.notCollected ?? []).filter((n) => n.what === 'GCP ownership' && (n.gap || n.rule))).toEqual([]);
  });
});
