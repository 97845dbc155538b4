/** Running `vouch scan gcp` in-process against the fixture server, and reading its evidence. */
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';
import { capturedContext } from '../../src/cli/context.js';
import type { EvidenceDocument, Finding } from '../../src/findings/evidence.js';
import { GCP_APIS } from '../../src/sources/providers/gcp/collectors/transport.js';
import { beforeAll, afterAll } from 'vitest';
import { startGcpServer, type GcpFixtureServer } from '../cloud/gcp/server.js';
import { startFaultProxy, type FaultProxy } from '../cloud/proxy.js';
import type { GcpWorld } from '../cloud/gcp/world.js';

/**
 * The fixture cloud for `world` with a fault proxy in front of it, started
 * before the file's tests and closed after them. Read `server` and `proxy`
 * inside tests (they are set once the file's beforeAll has run).
 */
export function fixtureCloud(world: () => GcpWorld): { server: GcpFixtureServer; proxy: FaultProxy } {
  const cloud = {} as { server: GcpFixtureServer; proxy: FaultProxy };
  beforeAll(async () => {
    cloud.server = await startGcpServer(world());
    cloud.proxy = await startFaultProxy(cloud.server.url);
  });
  afterAll(async () => {
    await cloud.proxy?.close();
    await cloud.server?.close();
  });
  return cloud;
}

export interface ScanRun {
  code: number;
  doc: EvidenceDocument;
  stdout: string;
  stderr: string;
  dir: string;
}

/** `--endpoint` flags routing every API to `url`. */
export function endpointsTo(url: string): string[] {
  return GCP_APIS.flatMap((a) => ['--endpoint', `${a}=${url}`]);
}

export async function runScan(args: string[], claims: string, env: Record<string, string> = {}): Promise<ScanRun> {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-gcp-'));
  const claimsFile = join(dir, 'claims.yaml');
  writeFileSync(claimsFile, claims);
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  // Google's auth library reads the process environment itself; the CLI reads its context's.
  const ctx = capturedContext({ env: { ...process.env } });
  let code: number;
  try {
    code = await run(['scan', 'gcp', ...args, '--claims', claimsFile, '--out', join(dir, 'reports'), '--format', 'json'], ctx);
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  let doc: EvidenceDocument;
  try {
    doc = JSON.parse(readFileSync(join(dir, 'reports', 'evidence.json'), 'utf8')) as EvidenceDocument;
  } catch {
    doc = undefined as unknown as EvidenceDocument;
  }
  return { code, doc, stdout: ctx.out(), stderr: ctx.err(), dir };
}

export function cleanup(run: ScanRun): void {
  rmSync(run.dir, { recursive: true, force: true });
}

export function findingsOf(doc: EvidenceDocument, ruleId: string, name?: string): Finding[] {
  return doc.findings.filter((f) => f.ruleId === ruleId && (name === undefined || f.resource.name === name));
}
