/**
 * The scan's schedule (collectProject, paced): a project's other collectors
 * start when its first bucket policy read gets a request slot, or at once when
 * it has no bucket policy to read; they are never left waiting, whatever
 * happens to the buckets. Observed through the order in which GcpContext.call
 * runs the requests (a request runs when its API's limiter gives it a slot).
 */
import { describe, it, expect } from 'vitest';
import { fixtureCloud } from './helpers.js';
import { op, permissionDenied } from '../cloud/gcp/faults.js';
import { collectProject, GcpContext } from '../../src/sources/providers/gcp/collectors/index.js';
import { Hierarchy } from '../../src/sources/providers/gcp/collectors/resourcemanager.js';
import { GCP_APIS, parseEndpoints } from '../../src/sources/providers/gcp/collectors/transport.js';
import type { GcpWorld } from '../cloud/gcp/world.js';

const world: GcpWorld = {
  organizations: [{ id: '7' }],
  projects: [
    {
      id: 'with-buckets',
      parent: 'organizations/7',
      buckets: Array.from({ length: 6 }, (_, i) => ({ name: `wb-${i}`, iamPolicy: { bindings: [{ role: 'roles/storage.objectViewer', members: ['group:g@example.com'] }] } })),
      firewalls: [{ name: 'fw-1', allowed: [{ IPProtocol: 'tcp', ports: ['443'] }], sourceRanges: ['10.0.0.0/8'] }],
    },
    { id: 'no-buckets', parent: 'organizations/7', firewalls: [{ name: 'fw-2', allowed: [{ IPProtocol: 'tcp', ports: ['443'] }], sourceRanges: ['10.0.0.0/8'] }] },
  ],
};

const cloud = fixtureCloud(() => world);

/** A context whose requests are logged, in the order they get a request slot. */
async function recordingContext(url: string) {
  const ctx = await GcpContext.create({ endpoints: parseEndpoints(GCP_APIS.map((a) => `${a}=${url}`)), concurrency: 2, maxAttempts: 1 });
  const started: string[] = [];
  const call = ctx.call.bind(ctx);
  ctx.call = (api, operation, project, fn) =>
    call(api, operation, project, (signal) => {
      started.push(operation);
      return fn(signal);
    });
  return { ctx, started };
}

const others = (op: string) => !op.startsWith('storage.');

describe('collectProject, paced', () => {
  it('starts the other collectors when the first bucket policy read gets its slot, not before', async () => {
    const { ctx, started } = await recordingContext(cloud.server.url);
    try {
      const list = await collectProject(ctx, new Hierarchy(ctx), 'with-buckets', {}, true);
      const firstRead = started.indexOf('storage.buckets.getIamPolicy');
      const firstOther = started.findIndex(others);
      expect(firstRead).toBeGreaterThan(0);
      expect(started.slice(0, firstRead).every((o) => o === 'storage.buckets.list')).toBe(true);
      expect(firstOther).toBeGreaterThan(firstRead);
      // Everything was still collected.
      expect(list.filter((r) => r.type === 'gcp.storage.bucket')).toHaveLength(6);
      expect(list.filter((r) => r.type === 'gcp.compute.firewall').map((r) => r.name)).toEqual(['fw-1']);
      expect(list.every((r) => !r.gaps)).toBe(true);
    } finally {
      ctx.http.close();
    }
  });

  it('unpaced, the other collectors do not wait for the buckets', async () => {
    const { ctx, started } = await recordingContext(cloud.server.url);
    try {
      await collectProject(ctx, new Hierarchy(ctx), 'with-buckets', {}, false);
      expect(started.findIndex(others)).toBeLessThan(started.indexOf('storage.buckets.getIamPolicy'));
    } finally {
      ctx.http.close();
    }
  });

  it('a project without buckets runs its other collectors once its list is in', async () => {
    const { ctx, started } = await recordingContext(cloud.server.url);
    try {
      const list = await collectProject(ctx, new Hierarchy(ctx), 'no-buckets', {}, true);
      expect(started[0]).toBe('storage.buckets.list');
      expect(started).not.toContain('storage.buckets.getIamPolicy');
      expect(list.filter((r) => r.type === 'gcp.compute.firewall').map((r) => r.name)).toEqual(['fw-2']);
    } finally {
      ctx.http.close();
    }
  });

  it('a failed bucket list does not hold the other collectors back', async () => {
    cloud.proxy.setRules([{ match: op('storage.buckets.list'), fault: permissionDenied('storage.buckets.list', 'projects/with-buckets') }]);
    const { ctx, started } = await recordingContext(cloud.proxy.url);
    try {
      const list = await collectProject(ctx, new Hierarchy(ctx), 'with-buckets', {}, true);
      expect(started).not.toContain('storage.buckets.getIamPolicy');
      expect(list.find((r) => r.type === 'gcp.storage.bucket')?.gaps?.['*']).toMatch(/PERMISSION_DENIED/);
      expect(list.filter((r) => r.type === 'gcp.compute.firewall').map((r) => r.name)).toEqual(['fw-1']);
    } finally {
      cloud.proxy.setRules([]);
      ctx.http.close();
    }
  });

  it('a bucket collector that breaks (not a call failure) does not leave the others waiting', async () => {
    const { ctx } = await recordingContext(cloud.server.url);
    // The storage reader cannot be built: collectBuckets throws before any list.
    const endpoint = ctx.endpoint.bind(ctx);
    ctx.endpoint = (api) => (api === 'storage' ? (undefined as never) : endpoint(api));
    try {
      const list = await collectProject(ctx, new Hierarchy(ctx), 'with-buckets', {}, true);
      expect(list.find((r) => r.type === 'gcp.storage.bucket')?.gaps?.['*']).toMatch(/COLLECTOR_ERROR/);
      expect(list.filter((r) => r.type === 'gcp.compute.firewall').map((r) => r.name)).toEqual(['fw-1']);
    } finally {
      ctx.http.close();
    }
  }, 10_000);
});
