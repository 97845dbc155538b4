import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess as runVouch } from '../helpers/in-process.js';
import { evidenceErrors } from '../helpers/evidence-schema.js';
import { richEvidence } from './evidence-fixture.js';

let repo: string;
beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'vouch-e2e-'));
  mkdirSync(join(repo, '.git'));
  mkdirSync(join(repo, 'infra', 'stacks'), { recursive: true });
  writeFileSync(
    join(repo, 'infra', 'stacks', 'app.yaml'),
    `Resources:
  Plain:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: { Protocol: HTTPS, Port: 443, SslPolicy: ELBSecurityPolicy-2016-08, LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/x/1, DefaultActions: [] }
`,
  );
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(join(repo, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('vouch check --format all end to end', () => {
  it('writes every format and a signed manifest; SARIF paths are relative to the git root, not the working directory', async () => {
    const cwd = join(repo, 'infra');
    const r = await runVouch(['check', 'stacks/app.yaml', '--format', 'all', '--out', 'out', '--sign-key', '../key.pem', '--quiet'], { cwd });
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(readFileSync(join(cwd, 'out', 'evidence.json'), 'utf8'));
    expect(evidenceErrors(doc)).toEqual([]);
    expect(doc.run.repoPath).toBe('infra');
    expect(doc.rules['tls-min/aws-elbv2-listener'].remediation.text.length).toBeGreaterThan(10);
    const sarif = JSON.parse(readFileSync(join(cwd, 'out', 'vouch.sarif'), 'utf8'));
    const res = sarif.runs[0].results.find((x: any) => x.ruleId === 'tls-min/aws-elbv2-listener');
    expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe('infra/stacks/app.yaml');
    expect(res.locations[0].physicalLocation.region.startLine).toBe(2);
    const v = await runVouch(['verify', 'out'], { cwd });
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toMatch(/^OK: 8 of 8 files/m);
  });

  it('--baseline on check lists only the failures new since the baseline first', async () => {
    const cwd = join(repo, 'infra');
    expect((await runVouch(['check', 'stacks/app.yaml', '--out', 'base', '--quiet'], { cwd })).code).toBe(1);
    writeFileSync(
      join(cwd, 'stacks', 'app.yaml'),
      `Resources:
  Added:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: { Protocol: HTTPS, Port: 8443, SslPolicy: ELBSecurityPolicy-TLS-1-0-2015-04, LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/x/1, DefaultActions: [] }
  Plain:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: { Protocol: HTTPS, Port: 443, SslPolicy: ELBSecurityPolicy-2016-08, LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/x/1, DefaultActions: [] }
`,
    );
    const r = await runVouch(['check', 'stacks/app.yaml', '--out', 'pr', '--baseline', 'base/evidence.json', '--format', 'md'], { cwd });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^claims: \d+ broken/m);
    const md = readFileSync(join(cwd, 'pr', 'summary.md'), 'utf8');
    const fresh = md.slice(md.indexOf('### New failures'), md.indexOf('Fixed:'));
    expect(fresh).toContain('(1)');
    expect(fresh).toContain('[infra/stacks/app.yaml:2](infra/stacks/app.yaml#L2) Added');
    expect(fresh).not.toContain('Plain');
    expect(md).toContain('Still failing (1)');
    const bad = await runVouch(['check', 'stacks/app.yaml', '--out', 'pr2', '--baseline', 'stacks/app.yaml'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/stacks\/app\.yaml: not valid JSON/);
  });

  it('the report fixture is valid against the evidence schema', () => {
    expect(evidenceErrors(richEvidence())).toEqual([]);
  });
});
