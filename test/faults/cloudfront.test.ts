/**
 * CloudFront list items without DefaultCacheBehavior/ViewerCertificate (an
 * emulator's or a partial answer) are never judged "plain HTTP": vouch reads
 * GetDistributionConfig, and when that fails too the verdicts are `unknown`.
 * moto holds a real distribution (redirect-to-https, an ACM certificate with
 * TLSv1.2_2021); the loopback proxy strips the fields from the listing.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFrontClient, CreateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { startMoto, type Moto } from '../aws/moto.js';
import { startFaultProxy, type FaultProxy, type FaultRule } from '../cloud/proxy.js';
import { byPath } from '../cloud/aws/faults.js';
import { runVouch } from '../helpers/in-process.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';

const ENV = { AWS_ACCESS_KEY_ID: 'AKIAVOUCHCLOUDFRONT1', AWS_SECRET_ACCESS_KEY: 'cf-test-secret', AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: undefined, CI: 'true' };
let moto: Moto;
let proxy: FaultProxy;
let dir: string;
let arn: string;

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startFaultProxy(moto.url);
  dir = mkdtempSync(join(tmpdir(), 'vouch-cf-'));
  const cf = new CloudFrontClient({ endpoint: moto.url, region: 'us-east-1', credentials: { accessKeyId: 'seed', secretAccessKey: 'seed' } });
  const out = await cf.send(
    new CreateDistributionCommand({
      DistributionConfig: {
        CallerReference: 'vouch-cf-test',
        Comment: 'compliant',
        Enabled: true,
        Origins: { Quantity: 1, Items: [{ Id: 'web', DomainName: 'web.example.com', CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only', OriginSslProtocols: { Quantity: 1, Items: ['TLSv1.2'] } } }] },
        DefaultCacheBehavior: { TargetOriginId: 'web', ViewerProtocolPolicy: 'redirect-to-https', CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6' },
        ViewerCertificate: { ACMCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555', SSLSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
        Aliases: { Quantity: 1, Items: ['www.example.com'] },
      },
    }),
  );
  arn = out.Distribution!.ARN!;
  cf.destroy();
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const isList = byPath('GET', '/2020-05-31/distribution');
const listOnly = (r: Parameters<FaultRule['match']>[0]) => isList(r) && !/\/distribution\/[^/?]+/.test(new URL(r.url, 'http://x').pathname);
const isGetConfig = (r: Parameters<FaultRule['match']>[0]) => r.method === 'GET' && /\/2020-05-31\/distribution\/[^/]+\/config$/.test(new URL(r.url, 'http://x').pathname);
const strip = (b: string) => b.replace(/<DefaultCacheBehavior>[\s\S]*?<\/DefaultCacheBehavior>/g, '').replace(/<ViewerCertificate>[\s\S]*?<\/ViewerCertificate>/g, '');

async function scan(name: string, rules: FaultRule[]) {
  proxy.setRules(rules);
  const out = join(dir, name);
  const run = await runVouch(['scan', 'aws', '--regions', 'us-east-1', '--services', 'cloudfront', '--endpoint', `default=${proxy.url}`, '--max-attempts', '1', '--out', out, '--format', 'json', '--quiet'], ENV);
  const doc = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8')) as EvidenceDocument;
  const verdicts = doc.findings.filter((f) => f.resource.id === arn).map((f) => `${f.ruleId}=${f.status}`).sort();
  return { run, doc, verdicts };
}

describe('CloudFront distributions listed without their behaviors or certificate', () => {
  it('are read with GetDistributionConfig and judged on what it returns', async () => {
    const { run, doc, verdicts } = await scan('stripped', [{ match: listOnly, fault: { kind: 'rewrite', transform: strip } }]);
    expect(verdicts).toContain('https-redirect/aws-cloudfront-distribution=pass');
    expect(doc.coverage.calls!['cloudfront:GetDistributionConfig']).toBe(1);
    // TLS is judged on the certificate GetDistributionConfig returned (moto stores the default
    // certificate whatever was asked), not on a certificate that was never read.
    const tls = doc.findings.find((f) => f.resource.id === arn && f.ruleId === 'tls-min/aws-cloudfront-distribution')!;
    expect(tls.evidence.find((e) => e.path === 'DistributionConfig.ViewerCertificate.MinimumProtocolVersion')?.observed).toBe('TLSv1.2_2021');
    expect(doc.coverage.failures).toEqual([]);
    expect(run.code, run.stderr).not.toBe(3);
  });

  it('when GetDistributionConfig is denied too, the verdicts are unknown, never "plain HTTP"', async () => {
    const denied: FaultRule = {
      match: isGetConfig,
      fault: { kind: 'respond', status: 403, headers: { 'content-type': 'text/xml' }, body: '<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform: cloudfront:GetDistributionConfig</Message></Error><RequestId>x</RequestId></ErrorResponse>' },
    };
    const { run, verdicts } = await scan('stripped-denied', [{ match: listOnly, fault: { kind: 'rewrite', transform: strip } }, denied]);
    expect(verdicts).toContain('https-redirect/aws-cloudfront-distribution=unknown');
    expect(verdicts).toContain('tls-min/aws-cloudfront-distribution=unknown');
    expect(verdicts.filter((v) => v.endsWith('=fail') || v.endsWith('=pass'))).toEqual([]);
    expect(run.code).toBe(3);
  });

  it('a listing with every field is judged from the list alone (no extra call)', async () => {
    // moto's own list items lack a field, so the proxy adds them back from the distribution's config.
    const whole = (b: string) =>
      b.includes('<ViewerCertificate>') && b.includes('<DefaultCacheBehavior>')
        ? b
        : b.replace(/<\/DistributionSummary>/, (m) => `${b.includes('<DefaultCacheBehavior>') ? '' : '<DefaultCacheBehavior><TargetOriginId>web</TargetOriginId><ViewerProtocolPolicy>redirect-to-https</ViewerProtocolPolicy></DefaultCacheBehavior>'}${b.includes('<ViewerCertificate>') ? '' : '<ViewerCertificate><ACMCertificateArn>arn:aws:acm:us-east-1:123456789012:certificate/1</ACMCertificateArn><SSLSupportMethod>sni-only</SSLSupportMethod><MinimumProtocolVersion>TLSv1.2_2021</MinimumProtocolVersion></ViewerCertificate>'}${m}`);
    const { doc, verdicts } = await scan('whole', [{ match: listOnly, fault: { kind: 'rewrite', transform: whole } }]);
    expect(verdicts).toContain('https-redirect/aws-cloudfront-distribution=pass');
    expect(doc.coverage.calls!['cloudfront:GetDistributionConfig'] ?? 0).toBe(0);
  });
});
