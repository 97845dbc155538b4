import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExampleApp, EXAMPLE_CLAIMS } from '../../cdk/example/app.js';
import { VouchChecks } from '../../cdk/vouch-checks.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { loadRules } from '../../src/evaluate/registry.js';
import { runEvaluation } from '../../src/evaluate/run.js';
import { loadProfile } from '../../src/evaluate/claims-profile.js';
import { problems } from './harness.js';

const outdir = () => mkdtempSync(join(tmpdir(), 'vouch-example-'));

describe('example app', () => {
  beforeAll(async () => {
    await VouchChecks.preload();
  });

  it('synthesizes without an AWS account, with the plugin on, and vouch check finds no failure', async () => {
    const { app, plugin } = buildExampleApp({ outdir: outdir(), builtinCloudFormationValidation: false });
    const assembly = app.synth();
    expect(assembly.stacks.map((s) => s.stackName)).toEqual(['FantestyService']);
    expect(assembly.stacks[0]!.environment).toMatchObject({ account: '111111111111', region: 'eu-west-1' });
    const inPlugin = plugin!.lastEvidence!;
    expect(inPlugin.claims.parameters.tlsMin).toBe('1.3');
    expect(problems(inPlugin)).toEqual([]);

    const doc = runEvaluation({
      inventory: loadIac([assembly.directory]),
      rules: await loadRules(),
      profile: loadProfile(EXAMPLE_CLAIMS),
      command: 'test',
      inputs: [assembly.directory],
    });
    expect(problems(doc)).toEqual([]);
    // It judged the parts the example is about: buckets, database, listeners, security groups.
    const passed = new Set(doc.findings.filter((f) => f.status === 'pass').map((f) => f.ruleId));
    for (const id of ['enc-rest/aws-s3-bucket', 'enc-rest/aws-rds-db-instance', 'tls-min/aws-elbv2-listener', 'https-redirect/aws-elbv2-listener', 'bastion-only/aws-security-group'])
      expect(passed, id).toContain(id);
  });

  it('with -c vouch:demo-violations=true, reports the demo stack without failing synthesis', () => {
    const { app, plugin, demo } = buildExampleApp({ outdir: outdir(), builtinCloudFormationValidation: false, context: { 'vouch:demo-violations': 'true' } });
    expect(() => app.synth()).not.toThrow();
    expect(demo).toBeDefined();
    const fails = plugin!.lastEvidence!.findings.filter((f) => f.status === 'fail');
    expect(fails.every((f) => f.resource.stack === 'DemoViolations')).toBe(true);
    // At least these (more rules may find more in this stack).
    expect([...new Set(fails.map((f) => f.ruleId))]).toEqual(
      expect.arrayContaining(['tls-min/aws-elbv2-listener', 'https-redirect/aws-elbv2-listener', 'bastion-only/aws-security-group', 'enc-rest/aws-rds-db-instance', 'enc-rest/aws-ec2-volume']),
    );
  });
});
