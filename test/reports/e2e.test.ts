import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVouch } from '../helpers/cli.js';
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

  it('the report fixture is valid against the evidence schema', () => {
    expect(evidenceErrors(richEvidence())).toEqual([]);
  });
});
