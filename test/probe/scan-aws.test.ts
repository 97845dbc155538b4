/**
 * `vouch scan aws --probe` end to end: an ALB seeded into moto (HTTPS:443 with
 * a TLS 1.2+ policy, HTTP:80 redirecting), scanned by the real collector; its
 * DNS name pointed at loopback servers with --probe-resolve. The configured
 * verdicts pass; the HTTPS server also accepts TLS 1.0/1.1, so the observed
 * verdict fails, joined to the same listener.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { startMoto, type Moto } from '../aws/moto.js';
import { e2eWorld, seedAwsWorld, type AwsWorld, type Seeded } from '../cloud/aws/world.js';
import { runVouch } from '../helpers/in-process.js';
import { evidenceErrors } from '../helpers/evidence-schema.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';
import { Pki, httpServer, httpsServer, type Running } from './servers.js';

let moto: Moto;
let seeded: Seeded;
let pki: Pki;
let dir: string;
const servers: Running[] = [];

/** Only the ALB of the e2e world, in one region, with a compliant HTTPS and HTTP listener. */
function albWorld(): AwsWorld {
  const w = e2eWorld();
  const out: Record<string, unknown> = { ...w };
  for (const [k, v] of Object.entries(w)) if (Array.isArray(v) && k !== 'regions') out[k] = [];
  // Optional parts of the e2e world (EFS, SQS, flow logs, ...) are left out too.
  delete out.services;
  return {
    ...(out as unknown as AwsWorld),
    regions: ['us-east-1'],
    loadBalancers: [
      {
        name: 'probe-alb',
        region: 'us-east-1',
        listeners: [
          { handle: 'https', protocol: 'HTTPS', port: 443, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', action: 'forward', expect: {} },
          { handle: 'http', protocol: 'HTTP', port: 80, action: 'redirect-https', expect: {} },
        ],
      },
    ],
  };
}

beforeAll(async () => {
  moto = await startMoto();
  seeded = await seedAwsWorld(albWorld(), moto.url);
  pki = new Pki();
  dir = mkdtempSync(join(tmpdir(), 'vouch-probe-aws-'));
}, 180_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  pki?.dispose();
  await moto?.stop();
});

describe('vouch scan aws --probe', () => {
  it('observes the ALB listener the scan found: configured pass, observed fail, on the same listener', async () => {
    const elb = new ElasticLoadBalancingV2Client({ endpoint: moto.url, region: 'us-east-1', credentials: { accessKeyId: 'seed', secretAccessKey: 'seed' } });
    const dns = (await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers![0]!.DNSName!;
    const tls = await httpsServer(pki.leaf([dns]), '1.0', '1.3', 'max-age=31536000');
    const http = await httpServer(301, `https://${dns}/`);
    servers.push(tls, http);
    writeFileSync(join(dir, 'ca.pem'), pki.ca.cert);
    writeFileSync(join(dir, 'claims.yaml'), 'version: 1\nname: alb\nclaims:\n  - { id: tls, text: "TLS 1.2 or higher in transit.", controls: [tls-min] }\n  - { id: redirect, text: "HTTP is redirected to HTTPS.", controls: [https-redirect] }\n');
    const run = await runVouch(
      ['scan', 'aws', '--regions', 'us-east-1', '--services', 'elbv2', '--claims', join(dir, 'claims.yaml'), '--out', join(dir, 'out'), '--format', 'json,md', '--no-config', '--probe', '--probe-ca', join(dir, 'ca.pem'), '--probe-rate', '1000', '--probe-resolve', `${dns}:443=127.0.0.1:${tls.port}`, '--probe-resolve', `${dns}:80=127.0.0.1:${http.port}`],
      { AWS_ENDPOINT_URL: moto.url, AWS_ACCESS_KEY_ID: 'AKIAPROBETEST0000001', AWS_SECRET_ACCESS_KEY: 'probe-test-secret', AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_REGION: 'us-east-1' },
    );
    const doc = JSON.parse(readFileSync(join(dir, 'out', 'evidence.json'), 'utf8')) as EvidenceDocument;
    expect(evidenceErrors(doc)).toEqual([]);
    const https = seeded.ids.get('https')!;
    const plain = seeded.ids.get('http')!;
    const of = (rule: string, id: string) => doc.findings.filter((f) => f.ruleId === rule && f.resource.id === id).map((f) => `${f.resource.source}:${f.status}`);
    expect(of('tls-min/aws-elbv2-listener', https)).toEqual(['live:pass']);
    expect(of('tls-min/probe-tls-versions', https)).toEqual(['probe:fail']);
    expect(of('https-redirect/aws-elbv2-listener', plain)).toEqual(['live:pass']);
    expect(of('https-redirect/probe-http-redirect', plain)).toEqual(['probe:pass']);
    expect(run.code, run.stderr).toBe(1);
    expect(readFileSync(join(dir, 'out', 'summary.md'), 'utf8')).toContain('configured: pass · observed: fail (they disagree)');
  }, 120_000);
});
