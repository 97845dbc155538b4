import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { runInProcess as runVouch } from '../helpers/in-process.js';
import { parse } from 'yaml';
import { loadProfile } from '../../src/evaluate/claims-profile.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';
import { evidenceErrors } from '../helpers/evidence-schema.js';

let dir: string;
const TEMPLATE = `Resources:
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Type: application, Subnets: [subnet-1, subnet-2] }
  Api:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Protocol: HTTPS
      Port: 443
      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
      DefaultActions: [{ Type: fixed-response, FixedResponseConfig: { StatusCode: "404" } }]
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-claims-'));
  writeFileSync(join(dir, 'app.yaml'), TEMPLATE);
});

describe('vouch claims extract → vouch check', () => {
  it('the extracted profile drives the check: TLS 1.2+ holds for a 1.2 policy, TLS 1.3 does not', async () => {
    for (const [name, policy, tlsListener] of [
      ['fantastyc', 'examples/policies/fantastyc-security-and-privacy.txt', 'pass'],
      ['fantesty', 'examples/policies/fantesty-privacy-policy.txt', 'fail'],
    ] as const) {
      const profile = join(dir, `${name}.yaml`);
      const ex = await runVouch(['claims', 'extract', join(ROOT, policy), '--out', profile]);
      expect(ex.code, ex.stderr).toBe(0);
      expect(ex.stderr).toMatch(/claims .* for review/);
      expect(loadProfile(profile).claims.length).toBeGreaterThan(5);
      const out = join(dir, `out-${name}`);
      const ck = await runVouch(['check', join(dir, 'app.yaml'), '--claims', profile, '--out', out, '--quiet']);
      expect([0, 1, 3], ck.stderr).toContain(ck.code);
      const doc = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8')) as EvidenceDocument;
      expect(doc.claims.profile).toBe(loadProfile(profile).name);
      expect(evidenceErrors(doc)).toEqual([]);
      const tls = doc.findings.find((f) => f.ruleId === 'tls-min/aws-elbv2-listener' && f.resource.logicalId === 'Api');
      expect(tls?.status).toBe(tlsListener);
    }
  });

  it('writes to standard output without --out', async () => {
    const r = await runVouch(['claims', 'extract', join(ROOT, 'examples/policies/fantesty-privacy-policy.txt'), '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Draft claims profile/);
    expect(r.stdout).toContain('allowedRegions: [ US, EU ]');
  });
});

describe('vouch claims extract on hostile input: one line, exit 2, bounded time', () => {
  const one = (s: string) => s.trim().split('\n').filter((l) => !l.startsWith('review:') && !l.startsWith('  ')).length;

  it('a binary file', async () => {
    writeFileSync(join(dir, 'binary.bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0, 0, 0, 9]));
    const r = await runVouch(['claims', 'extract', join(dir, 'binary.bin'), '--out', join(dir, 'binary.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/binary\.bin: looks like a binary file/);
    expect(one(r.stderr)).toBe(1);
    expect(existsSync(join(dir, 'binary.yaml'))).toBe(false);
  });

  it('a policy with no checkable promise: exit 0 and a draft that says so; loading it for a check is refused', async () => {
    writeFileSync(join(dir, 'nothing.txt'), 'Hello. We will always be kind.\n');
    const r = await runVouch(['claims', 'extract', join(dir, 'nothing.txt'), '--out', join(dir, 'nothing.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no checkable promise found in 2 sentences; the draft says so/);
    const draft = parse(readFileSync(join(dir, 'nothing.yaml'), 'utf8'));
    expect(draft.claims).toEqual([]);
    expect(draft.extracted.nothingCheckable).toMatch(/no sentence of 2 promises anything/);
    expect(draft.review.map((x: { text: string }) => x.text)).toEqual(['We will always be kind.']);
    expect(() => loadProfile(join(dir, 'nothing.yaml'))).toThrow(/has no claims, so a check would check nothing \(the draft says: no sentence of 2/);
  });
});
