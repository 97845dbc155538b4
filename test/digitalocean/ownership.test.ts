/**
 * DigitalOcean ownership on the fixture server: droplet tags as the v2 API
 * returns them. A DOKS node (`k8s:<cluster id>`) and a droplet tagged
 * `terraform` name their tool; the others, and types without tags
 * (firewalls, load balancers), are `unknown`, and coverage says which.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDoServer, type DoServer } from '../cloud/digitalocean/server.js';
import { compliantWorld } from '../cloud/digitalocean/world.js';
import { collectDigitalOcean } from '../../src/sources/providers/digitalocean/collectors/index.js';

const TOKEN = 'dop_v1_' + 'c0ffee00'.repeat(8);
let server: DoServer;

beforeAll(async () => {
  const world = compliantWorld();
  world.droplets = world.droplets.map((d) =>
    d.id === 1000 ? { ...d, tags: [...(d.tags ?? []), 'terraform'] } : d.id === 1001 ? { ...d, tags: [...(d.tags ?? []), 'k8s', 'k8s:6f1c2b7a-0d4e-4c1b-9a55-2f0e8d7c6b5a'] } : d,
  );
  world.droplets.push({ id: 1009, name: 'console-vm', region: 'fra1', tags: ['web'], publicIp: false, backups: 'weekly' });
  server = await startDoServer(world, { token: TOKEN });
});
afterAll(async () => {
  await server?.close();
});

describe('DigitalOcean ownership from tags (fixture server)', () => {
  it('names the tool where a tag says, unknown elsewhere, and says so in coverage', async () => {
    const inventory = await collectDigitalOcean({ token: TOKEN, apiUrl: server.url, concurrency: 4, timeoutMs: 5000, spaces: {}, services: ['compute', 'load-balancers'] });
    const byName = (n: string) => [...inventory.all()].find((r) => r.name === n);
    expect(byName('bastion-1')?.owner).toEqual({ status: 'managed', tool: 'terraform', label: 'terraform' });
    expect(byName('app-weekly')?.owner).toEqual({ status: 'managed', tool: 'digitalocean-kubernetes', label: 'k8s:6f1c2b7a-0d4e-4c1b-9a55-2f0e8d7c6b5a' });
    expect(byName('console-vm')?.owner).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/no tag names a deployment tool/) });
    const fw = [...inventory.all()].find((r) => r.type === 'digitalocean.firewall')!;
    expect(fw.owner).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/carries no tags/) });
    expect([...inventory.all()].find((r) => r.type === 'digitalocean.team')?.owner).toBeUndefined();
    const notes = (inventory.coverage.notCollected ?? []).filter((n) => n.what === 'DigitalOcean ownership').map((n) => n.why);
    expect(notes).toEqual(expect.arrayContaining([expect.stringMatching(/^1 digitalocean\.droplet: no label or tag names a deployment tool/), expect.stringMatching(/digitalocean\.firewall: this type carries no labels or tags/)]));
  });
});
