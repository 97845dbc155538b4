/**
 * DigitalOcean Spaces: an endpoint whose name does not resolve (no DNS, a
 * resolver that blocks it) is a failed call — the Spaces checks are `unknown`
 * and coverage names the failure — never "no Spaces in this region" and a pass.
 *
 * The endpoint is a `.invalid` name (RFC 2606: it never resolves). So that no
 * query leaves the machine, the resolver is replaced in this process for
 * `.invalid` names only: it answers ENOTFOUND, as a resolver does for them.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import dns from 'node:dns';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVouch } from '../helpers/in-process.js';
import { startDoServer, type DoServer } from '../cloud/digitalocean/server.js';
import { compliantWorld } from '../cloud/digitalocean/world.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';

const TOKEN = 'dop_v1_' + 'd05dd5'.repeat(10) + 'beef';
const work = mkdtempSync(join(tmpdir(), 'vouch-do-dns-'));
const realLookup = dns.lookup;
const looked: string[] = [];
let api: DoServer;

beforeAll(async () => {
  (dns as { lookup: unknown }).lookup = (host: string, ...rest: unknown[]) => {
    const cb = rest[rest.length - 1] as (e: NodeJS.ErrnoException | null, ...a: unknown[]) => void;
    if (typeof host === 'string' && /\.invalid\.?$/i.test(host)) {
      looked.push(host);
      const e: NodeJS.ErrnoException = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname: host });
      process.nextTick(() => cb(e));
      return;
    }
    return (realLookup as (...a: unknown[]) => unknown)(host, ...rest);
  };
  api = await startDoServer(compliantWorld(), { token: TOKEN });
  writeFileSync(join(work, 'claims.yaml'), 'version: 1\nname: spaces\nclaims:\n  - { id: private, text: "Nothing is public.", controls: [public-access] }\n');
}, 60_000);

afterAll(async () => {
  (dns as { lookup: unknown }).lookup = realLookup;
  await api?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('Spaces endpoint that does not resolve', () => {
  it('is a failed call: Spaces checks unknown, coverage names spaces.list_buckets and ENOTFOUND, exit 3 — never PASSED', async () => {
    const out = join(work, 'run');
    const run = await runVouch(
      ['scan', 'digitalocean', '--endpoint', `api=${api.url}`, '--endpoint', 'spaces=http://spaces.vouch-test.invalid:9000', '--claims', join(work, 'claims.yaml'), '--out', out, '--format', 'json', '--quiet'],
      { DIGITALOCEAN_TOKEN: TOKEN, SPACES_ACCESS_KEY_ID: 'DO00VOUCHDNSTEST0001', SPACES_SECRET_ACCESS_KEY: 'spaces-dns-test-secret-0123456789abcdef', CI: 'true' },
    );
    const doc: EvidenceDocument = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8'));
    expect(looked.length, 'the Spaces host was looked up').toBeGreaterThan(0);
    const failure = doc.coverage.failures!.find((f) => f.operation === 'spaces.list_buckets');
    expect(failure, JSON.stringify(doc.coverage.failures)).toBeDefined();
    expect(`${failure!.code} ${failure!.message}`).toMatch(/ENOTFOUND/);
    const spaces = doc.findings.filter((f) => f.resource.type === 'digitalocean.spaces-bucket');
    expect(spaces.length).toBeGreaterThan(0);
    expect(spaces.filter((f) => f.status !== 'unknown')).toEqual([]);
    expect(spaces[0]!.message).toMatch(/could not be listed/);
    expect(run.code, run.stderr).toBe(3);
    expect(doc.summary.exitCode).toBe(3);
    expect(run.stdout + run.stderr).not.toMatch(/PASSED/);
    // The Spaces secret is not in anything written.
    expect(readFileSync(join(out, 'evidence.json'), 'utf8')).not.toContain('spaces-dns-test-secret');
  });
});
