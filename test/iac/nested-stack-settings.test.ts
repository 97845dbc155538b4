/**
 * A setting handed to a nested stack (or a SAR application) whose template is not read is
 * `unknown` for the control it names, with the parameter as evidence; when the child template is
 * read (a cdk.out nested stack found through its asset path) the child's own resources are
 * judged and the nested stack is not applicable.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIac } from '../../src/sources/iac/load.js';
import { loadRules } from '../../src/evaluate/registry.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { CONTROL_IDS } from '../../src/evaluate/controls.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import { NESTED_SETTING_NAMES } from '../../src/lib/nested-stack-settings.js';
import type { Rule } from '../../src/evaluate/rule.js';

let rules: Rule[];
let dir: string;
beforeAll(async () => {
  rules = await loadRules();
  dir = mkdtempSync(join(tmpdir(), 'vouch-nested-'));
});

const judge = (paths: string[]) => {
  const inv = loadIac(paths);
  return { inv, findings: evaluate(inv, rules, { controls: CONTROL_IDS, ctx: { params: DEFAULT_PARAMETERS, inventory: inv } }) };
};

describe('settings handed to a nested stack whose template is not read', () => {
  it('each named setting makes its control unknown on the nested stack, naming the parameter; the child is a coverage gap', () => {
    const p = join(dir, 'root.yaml');
    writeFileSync(
      p,
      `Parameters:
  SSHLocation: { Type: String, Default: 0.0.0.0/0 }
Resources:
  Data:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://acme-templates.s3.amazonaws.com/data.yaml
      Parameters: { StorageEncrypted: 'false', PubliclyAccessible: 'true', BackupRetentionDays: '0', MultiAZ: 'true' }
  Net:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://acme-templates.s3.amazonaws.com/net.yaml
      Parameters: { EnableFlowLogs: 'false', VpcCidr: 10.0.0.0/16 }
  Web:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://acme-templates.s3.amazonaws.com/web.yaml
      Parameters: { SSHLocation: !Ref SSHLocation, AccessLogBucket: logs, KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/k }
`,
    );
    const { inv, findings } = judge([p]);
    const of = (name: string, control: string) => findings.filter((f) => f.resource.name === name && f.control === control && f.ruleId.endsWith('/aws-cloudformation-nested-stack'));
    for (const [name, control, param] of [
      ['Data', 'enc-rest', 'StorageEncrypted'],
      ['Data', 'public-access', 'PubliclyAccessible'],
      ['Data', 'backup-retention', 'BackupRetentionDays'],
      ['Net', 'audit-logging', 'EnableFlowLogs'],
      ['Web', 'bastion-only', 'SSHLocation'],
    ] as const) {
      const [f] = of(name, control);
      expect(f?.status, `${name} ${control}`).toBe('unknown');
      expect(f?.message).toContain(param);
      expect(f?.evidence.map((e) => e.path)).toContain(`Parameters.${param}`);
    }
    // A parameter that passes a resource in (a log bucket, a key ARN) switches nothing: not applicable.
    for (const [name, control] of [['Web', 'audit-logging'], ['Web', 'enc-rest'], ['Net', 'bastion-only'], ['Data', 'audit-logging']] as const)
      expect(of(name, control)[0]?.status, `${name} ${control}`).toBe('not-applicable');
    expect((inv.coverage.notCollected ?? []).filter((n) => n.gap).map((n) => n.what).join('\n')).toMatch(/nested stack Data/);
  });

  it('a SAR application becomes the nested stack SAM makes of it, judged the same way', () => {
    const p = join(dir, 'sar.yaml');
    writeFileSync(
      p,
      `Transform: AWS::Serverless-2016-10-31
Resources:
  Scanner:
    Type: AWS::Serverless::Application
    Properties:
      Location: { ApplicationId: arn:aws:serverlessrepo:eu-west-1:111122223333:applications/scanner, SemanticVersion: 1.0.0 }
      Parameters: { EncryptQuarantine: 'false', QuarantinePublicRead: 'true' }
`,
    );
    const { inv, findings } = judge([p]);
    const scanner = [...inv.all()].find((r) => r.name === 'Scanner');
    expect(scanner?.type).toBe('aws.cloudformation.nested-stack');
    const st = (c: string) => findings.find((f) => f.resource.name === 'Scanner' && f.ruleId === `${c}/aws-cloudformation-nested-stack`)?.status;
    expect([st('enc-rest'), st('public-access'), st('backup-retention')]).toEqual(['unknown', 'unknown', 'not-applicable']);
  });

  it('when the child template is read (cdk.out, asset path), the nested stack is not applicable and the child is judged', () => {
    const out = join(dir, 'cdk.out');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'manifest.json'),
      JSON.stringify({
        version: '36.0.0',
        artifacts: { Parent: { type: 'aws:cloudformation:stack', environment: 'aws://111122223333/eu-west-1', properties: { templateFile: 'Parent.template.json' } } },
      }),
    );
    writeFileSync(
      join(out, 'Parent.template.json'),
      JSON.stringify({
        Resources: {
          Child: {
            Type: 'AWS::CloudFormation::Stack',
            Metadata: { 'aws:asset:path': 'ParentChild.nested.template.json' },
            Properties: { TemplateURL: 'https://s3.eu-west-1.amazonaws.com/cdk-assets/abc.json', Parameters: { StorageEncrypted: 'false' } },
          },
        },
      }),
    );
    writeFileSync(
      join(out, 'ParentChild.nested.template.json'),
      JSON.stringify({ Parameters: { StorageEncrypted: { Type: 'String' } }, Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', StorageEncrypted: { Ref: 'StorageEncrypted' } } } } }),
    );
    const { findings } = judge([out]);
    expect(findings.find((f) => f.resource.name === 'Child' && f.ruleId === 'enc-rest/aws-cloudformation-nested-stack')?.status).toBe('not-applicable');
    // The child's own database is judged (its parameter has no value in the child: unknown, never a pass).
    expect(findings.find((f) => f.resource.name === 'Db' && f.ruleId === 'enc-rest/aws-rds-db-instance')?.status).toBe('unknown');
  });

  it('the vocabulary names settings, not resources handed in', () => {
    const matches = (c: keyof typeof NESTED_SETTING_NAMES, n: string) => NESTED_SETTING_NAMES[c].pattern.test(n);
    expect(['StorageEncrypted', 'EncryptQuarantine', 'EnableEncryption'].every((n) => matches('enc-rest', n))).toBe(true);
    expect(['KmsKeyArn', 'EncryptionKeyId', 'EncryptionKeyArn'].some((n) => matches('enc-rest', n))).toBe(false);
    expect(['AccessLogBucket', 'LogGroupName'].some((n) => matches('audit-logging', n))).toBe(false);
    expect(['SSHLocation', 'RemoteAccessCIDR', 'AllowedSshCidr'].every((n) => matches('bastion-only', n))).toBe(true);
    expect(['VpcCidr', 'PublicSubnetCidr'].some((n) => matches('bastion-only', n))).toBe(false);
    expect(matches('backup-retention', 'RetentionDays')).toBe(false);
  });
});
