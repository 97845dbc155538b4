/**
 * `vouch probe` and `vouch evaluate --probe` as processes (bin/vouch), against
 * loopback servers reached through --probe-resolve: findings of source probe
 * joined to the inventory resource, observed next to configured in the
 * reports, and bad input as a one-line error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVouch } from '../helpers/cli.js';
import { evidenceErrors } from '../helpers/evidence-schema.js';
import { Inventory } from '../../src/model/inventory.js';
import { saveInventory } from '../../src/sources/inventory-file.js';
import type { Resource } from '../../src/model/resource.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';
import { Pki, httpServer, httpsServer, type Running } from './servers.js';

const DNS = 'web-123456.eu-west-1.elb.amazonaws.com';
const ACCOUNT = '111122223333';
const LB = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/web/abc`;
const L443 = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:listener/app/web/abc/443`;
const L80 = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:listener/app/web/abc/80`;

let dir: string;
let pki: Pki;
const servers: Running[] = [];
let tls10: Running; // accepts TLS 1.0-1.3
let tls12: Running; // accepts TLS 1.2-1.3
let redirect: Running;
let connections = 0;

const live = (type: string, id: string, properties: Record<string, unknown>, relations: Record<string, string[]> = {}): Resource => ({
  type,
  provider: 'aws',
  source: 'live',
  id,
  name: id.split('/').slice(-2).join('/'),
  properties,
  location: { account: ACCOUNT, region: 'eu-west-1', arn: id },
  relations,
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-probe-cli-'));
  pki = new Pki();
  writeFileSync(join(dir, 'ca.pem'), pki.ca.cert);
  const pair = pki.leaf([DNS, 'shop.example.test']);
  servers.push((tls10 = await httpsServer(pair, '1.0', '1.3', 'max-age=31536000')));
  servers.push((tls12 = await httpsServer(pair, '1.2', '1.3', 'max-age=31536000')));
  servers.push((redirect = await httpServer(301, `https://${DNS}/`)));
  for (const s of servers) s.onConnection(() => connections++);
  // An ALB whose configuration passes both controls: a TLS 1.2+ policy (as DescribeSSLPolicies reports it) and an HTTP listener redirecting to HTTPS.
  const inv = new Inventory([
    live('aws.elbv2.load-balancer', LB, { Name: 'web', Type: 'application', Scheme: 'internet-facing', Live: { DNSName: DNS } }, { listeners: [L443, L80] }),
    live('aws.elbv2.listener', L443, { LoadBalancerArn: LB, Protocol: 'HTTPS', Port: 443, SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', Live: { SslPolicyProtocols: ['TLSv1.2', 'TLSv1.3'] }, DefaultActions: [{ Type: 'forward', TargetGroupArn: 'tg' }] }, { loadBalancer: [LB] }),
    live('aws.elbv2.listener', L80, { LoadBalancerArn: LB, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }] }, { loadBalancer: [LB], rules: [] }),
  ]);
  saveInventory(inv, join(dir, 'inv.json'));
  writeFileSync(
    join(dir, 'claims.yaml'),
    `version: 1
name: shop
parameters: { tlsMin: '1.2' }
claims:
  - { id: tls, text: "All traffic is encrypted with TLS 1.2 or higher.", controls: [tls-min] }
  - { id: redirect, text: "Any HTTP connection is redirected to HTTPS.", controls: [https-redirect] }
`,
  );
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  pki.dispose();
});

const evidence = (out: string) => JSON.parse(readFileSync(join(dir, out, 'evidence.json'), 'utf8')) as EvidenceDocument;
const common = (out: string) => ['--claims', join(dir, 'claims.yaml'), '--out', join(dir, out), '--format', 'json,md,html', '--probe-ca', join(dir, 'ca.pem'), '--probe-rate', '1000', '--no-config'];

describe('vouch evaluate --probe', () => {
  it('joins observed findings to the listener: configured pass, observed fail, in evidence, Markdown and HTML', async () => {
    const before = connections;
    const r = await runVouch(['evaluate', join(dir, 'inv.json'), '--probe', '--probe-resolve', `${DNS}:443=127.0.0.1:${tls10.port}`, '--probe-resolve', `${DNS}:80=127.0.0.1:${redirect.port}`, ...common('eval')]);
    expect(r.stderr).toMatch(/probe: 1 endpoint/);
    expect(r.code).toBe(1);
    expect(connections).toBeGreaterThan(before);
    const doc = evidence('eval');
    expect(evidenceErrors(doc)).toEqual([]);
    const configured = doc.findings.find((f) => f.ruleId === 'tls-min/aws-elbv2-listener')!;
    expect(configured.status).toBe('pass');
    const observed = doc.findings.find((f) => f.ruleId === 'tls-min/probe-tls-versions')!;
    expect(observed).toMatchObject({ status: 'fail', resource: { type: 'aws.elbv2.listener', id: L443, source: 'probe', arn: L443, account: ACCOUNT } });
    expect(observed.message).toContain('TLS 1.0 and TLS 1.1');
    // The redirect finding belongs to the HTTP listener, and passes.
    expect(doc.findings.find((f) => f.ruleId === 'https-redirect/probe-http-redirect')).toMatchObject({ status: 'pass', resource: { id: L80, source: 'probe' } });
    // The certificate is for the custom domain and the ELB name; the ELB name is not judged as a host name.
    expect(doc.findings.find((f) => f.ruleId === 'tls-min/probe-certificate')!.status).toBe('pass');
    expect(doc.coverage.calls!['probe:tls-handshake']).toBeGreaterThanOrEqual(4);
    expect(doc.rules!['tls-min/probe-tls-versions']!.sources).toEqual(['probe']);
    const md = readFileSync(join(dir, 'eval', 'summary.md'), 'utf8');
    expect(md).toContain('configured: pass · observed: fail (they disagree)');
    expect(md).toMatch(/### Observed vs configured \(\d+ probed, 1 disagree\)/);
    const html = readFileSync(join(dir, 'eval', 'report.html'), 'utf8');
    expect(html).toContain('configured: pass · observed: fail (they disagree)');
    expect(html).toContain('"observed":[{');
    // Re-rendered from the evidence alone, the observed plane is still there.
    const again = await runVouch(['report', join(dir, 'eval', 'evidence.json'), '--out', join(dir, 'again'), '--format', 'md']);
    expect(again.stderr).toBe('');
    expect(readFileSync(join(dir, 'again', 'summary.md'), 'utf8')).toContain('configured: pass · observed: fail (they disagree)');
  }, 60_000);

  it('configured and observed agree on a TLS 1.2+ endpoint: the claim holds', async () => {
    const r = await runVouch(['evaluate', join(dir, 'inv.json'), '--probe', '--probe-resolve', `${DNS}:443=127.0.0.1:${tls12.port}`, '--probe-resolve', `${DNS}:80=127.0.0.1:${redirect.port}`, ...common('agree')]);
    expect(r.code).toBe(0);
    const md = readFileSync(join(dir, 'agree', 'summary.md'), 'utf8');
    expect(md).toContain('configured: pass · observed: pass');
    expect(md).not.toContain('disagree');
  }, 60_000);

  it('probes nothing unless --probe is given', async () => {
    const before = connections;
    const r = await runVouch(['evaluate', join(dir, 'inv.json'), '--probe-resolve', `${DNS}:443=127.0.0.1:${tls10.port}`, ...common('off')]);
    expect(r.code).toBe(0);
    expect(connections).toBe(before);
    expect(evidence('off').findings.some((f) => f.resource.source === 'probe')).toBe(false);
  }, 60_000);

  it('--probe-deny keeps a denied endpoint unprobed and says so in coverage', async () => {
    const before = connections;
    const r = await runVouch(['evaluate', join(dir, 'inv.json'), '--probe', '--probe-deny', '127.0.0.0/8', '--probe-resolve', `${DNS}:443=127.0.0.1:${tls10.port}`, ...common('deny')]);
    expect(r.code).toBe(0);
    expect(connections).toBe(before);
    const doc = evidence('deny');
    expect(doc.coverage.notCollected!.some((n) => /denied by --probe-deny/.test(n.why))).toBe(true);
  }, 60_000);
});

describe('vouch probe', () => {
  it('probes named endpoints: findings of provider web, exit 1 on a TLS 1.0 endpoint', async () => {
    const r = await runVouch(['probe', 'https://shop.example.test', '--probe-resolve', `shop.example.test:443=127.0.0.1:${tls10.port}`, '--probe-resolve', `shop.example.test:80=127.0.0.1:${redirect.port}`, ...common('probe')]);
    expect(r.code).toBe(1);
    const doc = evidence('probe');
    expect(evidenceErrors(doc)).toEqual([]);
    const v = doc.findings.find((f) => f.ruleId === 'tls-min/probe-tls-versions')!;
    expect(v).toMatchObject({ status: 'fail', resource: { type: 'web.endpoint', provider: 'web', source: 'probe', id: 'shop.example.test:443' } });
    // The redirect goes to the ELB name, another host: recorded, judged a failure.
    expect(doc.findings.find((f) => f.ruleId === 'https-redirect/probe-http-redirect')).toMatchObject({ status: 'fail' });
    expect(r.stdout).toContain('tls-min/probe-tls-versions');
  }, 60_000);

  it("probes the claims profile's endpoints with no target named, and renders every format", async () => {
    writeFileSync(
      join(dir, 'claims-endpoints.yaml'),
      `version: 1
name: shop
endpoints: [https://shop.example.test]
claims:
  - { id: tls, text: "TLS 1.2 or higher.", controls: [tls-min] }
`,
    );
    const out = join(dir, 'profile');
    const r = await runVouch(['probe', '--claims', join(dir, 'claims-endpoints.yaml'), '--out', out, '--format', 'all', '--no-config', '--probe-ca', join(dir, 'ca.pem'), '--probe-resolve', `shop.example.test=127.0.0.1:${tls12.port}`]);
    expect(r.code, r.stderr).toBe(0);
    const doc = evidence('profile');
    expect(evidenceErrors(doc)).toEqual([]);
    // Only the profile's control is judged: tls-min, not https-redirect.
    expect(doc.findings.map((f) => `${f.ruleId} ${f.status}`).sort()).toEqual(['tls-min/probe-certificate pass', 'tls-min/probe-tls-versions pass']);
    expect(doc.findings[0]!.evidence.find((e) => e.path === 'probe.via')!.observed).toMatch(/^claims profile/);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('observed (probe)');
  }, 60_000);

  it('a profile endpoint that is not a host is an input error naming the profile', async () => {
    writeFileSync(join(dir, 'claims-bad.yaml'), 'version: 1\nname: x\nendpoints: ["not a host"]\nclaims:\n  - { id: tls, text: "TLS.", controls: [tls-min] }\n');
    const r = await runVouch(['probe', '--claims', join(dir, 'claims-bad.yaml'), '--out', join(dir, 'bad'), '--no-config']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/claims-bad\.yaml: endpoints: .*not a host name/);
  }, 60_000);

  it('connects to nothing when the profile promises neither tls-min nor https-redirect', async () => {
    writeFileSync(join(dir, 'claims-enc.yaml'), 'version: 1\nname: enc\nclaims:\n  - { id: enc, text: "Encrypted at rest.", controls: [enc-rest] }\n');
    const before = connections;
    const r = await runVouch(['probe', 'shop.example.test', '--claims', join(dir, 'claims-enc.yaml'), '--out', join(dir, 'enc'), '--no-config', '--probe-resolve', `shop.example.test=127.0.0.1:${tls10.port}`]);
    expect(r.code).toBe(0);
    expect(connections).toBe(before);
    const doc = evidence('enc');
    expect(doc.findings).toEqual([]);
    expect(doc.coverage.notCollected).toEqual([{ what: 'probe: 1 endpoint', why: 'not probed: the claims profile has neither tls-min nor https-redirect' }]);
  }, 60_000);

  it('bad input is one line and exit 2', async () => {
    for (const args of [['probe', 'not a host!'], ['probe', 'ftp://x.example'], ['probe', 'a.example', '--probe-resolve', 'a.example=not-an-ip'], ['probe', 'a.example', '--probe-deny', '10.0.0.0/99'], ['probe', 'a.example', '--probe-timeout', '0'], ['probe', 'a.example', '--probe-ca', '/dev/zero'], ['probe', 'a.example', '--probe-ca', join(dir, 'claims.yaml')], ['probe']]) {
      const r = await runVouch([...args, '--out', join(dir, 'bad'), '--no-config']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);
});
