/**
 * The CloudFront-to-origin leg: a distribution's custom origin and a VPC origin read OriginSSLProtocols with
 * one judge (rules/tls-min/_cloudfront-origin.ts), so the same list gives the same verdict on both. Only the
 * omission differs: a custom origin gets the SSLv3/TLSv1 CloudFront fills in, a VPC origin has no documented default.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import { runFixture } from './helpers/rule-fixtures.js';

const rules = await loadRules();
const rule = (id: string) => rules.find((r) => r.id === id)!;
const dir = mkdtempSync(join(tmpdir(), 'vouch-cf-origin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CASES: { name: string; protocols?: string[]; floor: '1.2' | '1.3'; custom: string; vpc: string; message?: RegExp }[] = [
  { name: 'Tls12', protocols: ['TLSv1.2'], floor: '1.2', custom: 'pass', vpc: 'pass', message: /fetched over HTTPS with TLS 1\.2\+/ },
  { name: 'Tls10Too', protocols: ['TLSv1', 'TLSv1.2'], floor: '1.2', custom: 'fail', vpc: 'fail', message: /CloudFront may connect with TLS 1\.0, below the promised 1\.2/ },
  { name: 'Ssl3', protocols: ['SSLv3', 'TLSv1.2'], floor: '1.2', custom: 'fail', vpc: 'fail', message: /with SSLv3/ },
  { name: 'NotAValue', protocols: ['TLSv1.3'], floor: '1.2', custom: 'fail', vpc: 'fail', message: /origin SSL protocol TLSv1\.3 is not a valid value/ },
  { name: 'Tls12UnderTls13', protocols: ['TLSv1.2'], floor: '1.3', custom: 'unknown', vpc: 'unknown', message: /not to 1\.3/ },
  { name: 'Omitted', floor: '1.2', custom: 'fail', vpc: 'unknown' },
];

function distribution(c: (typeof CASES)[number]): string {
  const protocols = c.protocols ? `\n                OriginSSLProtocols: [${c.protocols.join(', ')}]` : '';
  return `VouchFixture: { parameters: { tlsMin: '${c.floor}' } }
Resources:
  ${c.name}:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: app
            DomainName: app.example.com
            CustomOriginConfig:
                OriginProtocolPolicy: https-only${protocols}
        DefaultCacheBehavior: { TargetOriginId: app, ViewerProtocolPolicy: redirect-to-https }
`;
}

function vpcOrigin(c: (typeof CASES)[number]): string {
  const protocols = c.protocols ? `\n        OriginSSLProtocols: [${c.protocols.join(', ')}]` : '';
  return `VouchFixture: { parameters: { tlsMin: '${c.floor}' } }
Resources:
  ${c.name}:
    Type: AWS::CloudFront::VpcOrigin
    Properties:
      VpcOriginEndpointConfig:
        Name: app
        Arn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/a/1
        OriginProtocolPolicy: https-only${protocols}
`;
}

function judged(id: string, file: string, text: string, name: string) {
  writeFileSync(file, text);
  const f = runFixture(rule(id), file).findings.filter((x) => x.resource.logicalId === name);
  expect(f.length, `${id} ${name}`).toBe(1);
  return f[0]!;
}

describe('CloudFront origin TLS: custom origins and VPC origins judged alike', () => {
  for (const c of CASES) {
    it(`${c.name}: custom origin ${c.custom}, VPC origin ${c.vpc}`, () => {
      const custom = judged('tls-min/aws-cloudfront-distribution-origins', join(dir, `${c.name}-d.yaml`), distribution(c), c.name);
      const vpc = judged('tls-min/aws-cloudfront-vpc-origin', join(dir, `${c.name}-v.yaml`), vpcOrigin(c), c.name);
      expect(custom.status, custom.message).toBe(c.custom);
      expect(vpc.status, vpc.message).toBe(c.vpc);
      if (c.message) {
        expect(custom.message).toMatch(c.message);
        expect(vpc.message).toMatch(c.message);
        expect(vpc.message).toMatch(/^the VPC origin/);
      }
    });
  }
});
