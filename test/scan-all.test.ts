/**
 * `vouch scan all` as a real `bin/vouch` process against the local fixture
 * clouds: moto (AWS), the GCP and DigitalOcean fixture servers, routed by
 * `sources.*.endpoints` in a vouch.config.yaml, plus an IaC template. One
 * evidence file holds findings from all four sources; a missing cloud is
 * skipped with its line; `--require` of a missing one exits 2.
 *
 * With VOUCH_RECORD_DEMO=1 the same worlds are also recorded, clouds only,
 * into examples/demo/demo-inventory.json (the inventory `npm start` judges).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMoto, type Moto } from './aws/moto.js';
import { e2eWorld, seedAwsWorld, plantedSecrets, type Seeded } from './cloud/aws/world.js';
import { startGcpServer, type GcpFixtureServer } from './cloud/gcp/server.js';
import { shopWorld } from './gcp/worlds.js';
import { startDoServer, type DoServer } from './cloud/digitalocean/server.js';
import { violationsWorld } from './cloud/digitalocean/world.js';
import { GCP_APIS } from '../src/sources/providers/gcp/collectors/transport.js';
import { runVouch, ROOT, type CliResult } from './helpers/cli.js';
import { awsCredentialSource, endpointsByProvider, gcpCredentialSource, servicesPerCloud } from '../src/cli/commands/scan-all.js';
import type { EvidenceDocument } from '../src/findings/evidence.js';
import { claimVerdicts } from '../src/findings/claim-verdicts.js';

const DO_TOKEN = 'dop_v1_' + 'a11sca'.repeat(10) + 'cafe';
const AWS_SECRET = 'sCaNaLlSeCrEt/K7MDENG+bPxRfiCYz0a9Q2w';
const work = mkdtempSync(join(tmpdir(), 'vouch-scan-all-'));
const home = join(work, 'home'); // an empty HOME: no ~/.aws or gcloud files leak in from the machine

let moto: Moto;
let seeded: Seeded;
let gcp: GcpFixtureServer;
let dos: DoServer;
let run: CliResult;
let doc: EvidenceDocument;

/** Environment of a machine with the given clouds' credentials (and nothing from the test runner's own). */
function env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    HOME: home,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_ENDPOINT_URL: undefined,
    AWS_SHARED_CREDENTIALS_FILE: undefined,
    AWS_CONFIG_FILE: undefined,
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
    AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
    GOOGLE_APPLICATION_CREDENTIALS: undefined,
    GOOGLE_CLOUD_PROJECT: undefined,
    CLOUDSDK_CONFIG: undefined,
    DIGITALOCEAN_TOKEN: undefined,
    SPACES_ACCESS_KEY_ID: undefined,
    SPACES_SECRET_ACCESS_KEY: undefined,
    AWS_REGION: 'us-east-1',
    ...extra,
  };
}
const awsCreds = { AWS_ACCESS_KEY_ID: 'AKIASCANALLTEST00001', AWS_SECRET_ACCESS_KEY: AWS_SECRET };

function config(name: string, body: string): string {
  const f = join(work, name);
  writeFileSync(f, body);
  return f;
}

function cloudsConfig(withIac: boolean): string {
  return `version: 1
sources:
  aws:
    regions: [us-east-1, eu-west-1]
    endpoints: { default: "${moto.url}" }
  gcp:
    organization: "100"
    endpoints: { ${GCP_APIS.map((a) => `${a}: "${gcp.url}"`).join(', ')} }
  digitalocean:
    tokenEnv: DO_READONLY_TOKEN
    endpoints: { api: "${dos.url}" }
${withIac ? `  iac: [${JSON.stringify(join(ROOT, 'examples', 'templates', 'web-service.yaml'))}]\n` : ''}claims: ${JSON.stringify(join(ROOT, 'examples', 'claims', 'fantastyc.yaml'))}
`;
}

const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'evidence.json'), 'utf8')) as EvidenceDocument;

beforeAll(async () => {
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home);
  [moto, gcp, dos] = await Promise.all([startMoto(), startGcpServer(shopWorld(true)), startDoServer(violationsWorld({ fleet: 0 }), { token: DO_TOKEN })]);
  seeded = await seedAwsWorld(e2eWorld(), moto.url);
  const cfg = config('all.yaml', cloudsConfig(true));
  run = await runVouch(['scan', 'all', '--config', cfg, '--out', join(work, 'all'), '--format', 'json,md', '--save-inventory', join(work, 'all-inventory.json')], {
    env: env({ ...awsCreds, DO_READONLY_TOKEN: DO_TOKEN }),
    timeoutMs: 150_000,
  });
  doc = read(join(work, 'all'));
  if (process.env.VOUCH_RECORD_DEMO === '1') {
    const demo = await runVouch(['scan', 'all', '--config', config('clouds.yaml', cloudsConfig(false)), '--require', 'aws,gcp,digitalocean', '--quiet', '--out', join(work, 'demo'), '--format', 'json', '--save-inventory', join(work, 'demo-inventory.json')], {
      env: env({ ...awsCreds, DO_READONLY_TOKEN: DO_TOKEN }),
      timeoutMs: 150_000,
    });
    if (demo.code !== 1) throw new Error(`recording the demo: exit ${demo.code}: ${demo.stderr}`);
    // The fixture servers name themselves in selfLinks: give the demo the public API origins instead (the same rewrite everywhere, so ids stay consistent).
    const text = readFileSync(join(work, 'demo-inventory.json'), 'utf8').replaceAll(gcp.url, 'https://www.googleapis.com').replaceAll(dos.url, 'https://api.digitalocean.com').replaceAll(moto.url, 'https://aws.amazon.com');
    writeFileSync(join(ROOT, 'examples', 'demo', 'demo-inventory.json'), text);
  }
}, 240_000);

afterAll(async () => {
  await Promise.all([moto?.stop(), gcp?.close(), dos?.close()]);
  rmSync(work, { recursive: true, force: true });
});

describe('vouch scan all against the local fixture clouds', () => {
  it('writes one evidence file with findings from AWS, GCP, DigitalOcean and IaC', () => {
    expect(run.code, run.stderr).toBe(1); // the worlds hold deliberate violations
    const fails = (p: string, src: string) => doc.findings.filter((f) => f.resource.provider === p && f.resource.source === src && f.status === 'fail').length;
    expect(fails('aws', 'live')).toBeGreaterThan(0);
    expect(fails('gcp', 'live')).toBeGreaterThan(0);
    expect(fails('digitalocean', 'live')).toBeGreaterThan(0);
    expect(doc.findings.filter((f) => f.resource.source === 'iac').length).toBeGreaterThan(0);
    expect(doc.coverage.accounts).toMatchObject({ aws: ['123456789012'], gcp: ['legacy-lab', 'shop-prod'] });
    // moto 5.2.1 answers elasticache:DescribeServerlessCaches with an HTML error page: that call
    // fails in each region (so its rule is not collected, never a pass). It also cannot describe the
    // default cluster parameter group of the world's aurora-mysql cluster, has no
    // ListBackupSelections (test/aws/e2e.test.ts) and no IAM Access Analyzer (ListAnalyzers fails
    // in each region). Nothing else fails.
    expect((doc.coverage.failures ?? []).map((f) => f.operation).sort()).toEqual(['access-analyzer:ListAnalyzers', 'access-analyzer:ListAnalyzers', 'backup:ListBackupSelections', 'elasticache:DescribeServerlessCaches', 'elasticache:DescribeServerlessCaches', 'rds:DescribeDBClusterParameters']);
    expect(doc.run.command).toBe('scan all (aws, gcp, digitalocean, iac)');
    // The per-claim view spans the clouds: some broken promise is broken in each of them.
    const broken = claimVerdicts(doc).verdicts.filter((v) => v.verdict === 'broken');
    for (const p of ['aws', 'gcp', 'digitalocean'] as const) expect(broken.some((v) => (v.byProvider[p]?.fail ?? 0) > 0), p).toBe(true);
  });

  it('saves the merged inventory, and evaluating it again gives the same findings, offline', async () => {
    const again = await runVouch(['evaluate', join(work, 'all-inventory.json'), '--no-config', '--claims', join(ROOT, 'examples', 'claims', 'fantastyc.yaml'), '--out', join(work, 'again'), '--format', 'json', '--quiet'], { env: env() });
    expect(again.code, again.stderr).toBe(1);
    const key = (d: EvidenceDocument) => d.findings.map((f) => `${f.ruleId} ${f.resource.id} ${f.subId ?? ''} ${f.status}`).sort();
    expect(key(read(join(work, 'again')))).toEqual(key(doc));
  });

  it('keeps every secret out of what it prints and writes', () => {
    const all = run.stdout + run.stderr + readFileSync(join(work, 'all', 'evidence.json'), 'utf8') + readFileSync(join(work, 'all-inventory.json'), 'utf8');
    for (const s of [DO_TOKEN, AWS_SECRET, 'Seed-Only-Pw-1!', ...plantedSecrets(seeded.world)]) expect(all).not.toContain(s);
    // The planted Lambda/ECS secrets were collected (raw records included) and judged, as classes only.
    expect(all).toMatch(/function:vouch-e2e-leaky.*WithheldValues/s);
    expect(all).toMatch(/task-definition\/vouch-e2e-leaky:1/);
  });

  it('skips a cloud with no credentials with one clear line, and still scans the rest', async () => {
    const out = join(work, 'no-aws');
    const r = await runVouch(['scan', 'all', '--config', config('gcp-only.yaml', `sources:\n  gcp:\n    projects: [shop-prod]\n    endpoints: { ${GCP_APIS.map((a) => `${a}: "${gcp.url}"`).join(', ')} }\n`), '--out', out, '--format', 'json'], {
      env: env(),
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^aws: not configured \(no credentials found: set AWS_PROFILE/m);
    expect(r.stderr).toMatch(/^digitalocean: not configured \(no token: DIGITALOCEAN_TOKEN is not set/m);
    expect(r.stderr).toMatch(/^iac: not configured/m);
    const d = read(out);
    expect(new Set(d.findings.map((f) => f.resource.provider))).toEqual(new Set(['gcp']));
    const skipped = d.coverage.notCollected?.filter((n) => n.why.startsWith('not configured:')).map((n) => n.what);
    expect(skipped).toEqual(['aws', 'digitalocean', 'iac']);
  });

  it('--require of a missing cloud exits 2 before scanning anything', async () => {
    const out = join(work, 'require');
    const r = await runVouch(['scan', 'all', '--config', config('gcp-only2.yaml', `sources:\n  gcp:\n    projects: [shop-prod]\n    endpoints: { ${GCP_APIS.map((a) => `${a}: "${gcp.url}"`).join(', ')} }\n`), '--require', 'gcp,digitalocean', '--out', out], {
      env: env(),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--require: digitalocean not configured/);
    expect(r.stderr).not.toMatch(/gcp: scanning/);
    const bad = await runVouch(['scan', 'all', '--no-config', '--require', 'azure', '--out', out], { env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--require: unknown source 'azure'/);
  });

  it('--services reads only the services named per cloud; what is left out is not collected (exit 3 when nothing fails)', async () => {
    const out = join(work, 'services');
    const r = await runVouch(['scan', 'all', '--config', config('services.yaml', cloudsConfig(false)), '--services', 'aws:iam,gcp:storage,do:spaces', '--out', out, '--format', 'json', '--quiet'], {
      env: env({ ...awsCreds, DO_READONLY_TOKEN: DO_TOKEN }),
      timeoutMs: 150_000,
    });
    expect([1, 3]).toContain(r.code);
    const d = read(out);
    const calls = Object.keys(d.coverage.calls ?? {});
    expect(calls.some((c) => c.startsWith('iam:'))).toBe(true);
    // DescribeRegions is the scan's own base call (which regions exist), not the ec2 service.
    expect(calls.filter((c) => /^(s3|ec2|rds|kms|lambda):/.test(c) && c !== 'ec2:DescribeRegions')).toEqual([]);
    // Hierarchical firewall policies above the projects are read by the GCP scan whatever --services says (as `scan gcp` does).
    expect(calls.filter((c) => /^compute\./.test(c) && c !== 'compute.firewallPolicies.list')).toEqual([]);
    expect(d.coverage.excludedServices).toEqual(expect.arrayContaining(['aws:s3', 'aws:ec2', 'gcp:compute', 'digitalocean:compute']));
    // A rule on an AWS service left out is not collected, never a pass.
    expect(d.findings.filter((f) => f.ruleId === 'enc-rest/aws-s3-bucket' && f.status === 'pass')).toEqual([]);
    expect(d.coverage.notCollected?.some((n) => n.rule === 'enc-rest/aws-s3-bucket')).toBe(true);
    const bad = await runVouch(['scan', 'all', '--config', config('services2.yaml', cloudsConfig(false)), '--services', 'aws:nosuch', '--out', join(work, 'services-bad')], { env: env({ ...awsCreds, DO_READONLY_TOKEN: DO_TOKEN }) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--services: unknown service 'nosuch'/);
  });

  it('with nothing configured at all, says so and exits 2', async () => {
    const r = await runVouch(['scan', 'all', '--no-config', '--out', join(work, 'none')], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no source is configured/);
  });
});

describe('scan all --services', () => {
  it('takes cloud:service items or bare names (every cloud that has the service); a cloud not named is read whole', () => {
    expect(servicesPerCloud(undefined)).toEqual({});
    expect(servicesPerCloud('all')).toEqual({});
    expect(servicesPerCloud('aws:s3,aws:iam,gcp:storage')).toEqual({ aws: ['s3', 'iam'], gcp: ['storage'] });
    expect(servicesPerCloud(['do:spaces', 'aws:kms'])).toEqual({ digitalocean: ['spaces'], aws: ['kms'] });
    expect(servicesPerCloud('iam').aws).toEqual(['iam']);
    expect(() => servicesPerCloud('aws:nosuch')).toThrow(/--services: unknown service 'nosuch' \(aws services: /);
    expect(() => servicesPerCloud('nosuch')).toThrow(/--services: unknown service 'nosuch' \(name it as cloud:service/);
  });
});

describe('scan all: source detection without network calls', () => {
  it('finds AWS credentials in the environment or the shared files, and nothing in an empty home', () => {
    const empty = mkdtempSync(join(tmpdir(), 'vouch-home-'));
    try {
      expect(awsCredentialSource({}, empty)).toBeUndefined();
      expect(awsCredentialSource({ AWS_ACCESS_KEY_ID: 'x' }, empty)).toBeUndefined(); // half a key pair is not credentials
      expect(awsCredentialSource({ AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' }, empty)).toBe('AWS_ACCESS_KEY_ID');
      expect(awsCredentialSource({ AWS_PROFILE: 'audit' }, empty)).toBe('AWS_PROFILE');
      mkdirSync(join(empty, '.aws'));
      writeFileSync(join(empty, '.aws', 'credentials'), '[default]\n');
      expect(awsCredentialSource({}, empty)).toBe(join(empty, '.aws', 'credentials'));
      expect(gcpCredentialSource({}, empty)).toBeUndefined();
      expect(gcpCredentialSource({ GOOGLE_APPLICATION_CREDENTIALS: '/k.json' }, empty)).toBe('GOOGLE_APPLICATION_CREDENTIALS');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('--endpoint PROVIDER:NAME=URL overrides the config per provider and refuses an unprefixed name', () => {
    const cfg = { sources: { gcp: { endpoints: { storage: 'http://127.0.0.1:1' } } } } as never;
    expect(endpointsByProvider(['gcp:storage=http://127.0.0.1:2', 'aws:s3=http://127.0.0.1:3'], cfg)).toEqual({ aws: ['s3=http://127.0.0.1:3'], gcp: ['storage=http://127.0.0.1:2'], digitalocean: [] });
    expect(() => endpointsByProvider(['storage=http://127.0.0.1:2'], undefined)).toThrow(/PROVIDER:NAME=URL/);
  });
});
