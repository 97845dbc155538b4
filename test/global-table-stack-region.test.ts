/**
 * CloudFormation creates a DynamoDB global table only in a region among its Replicas: a bare template
 * (no --region) whose global tables list one common region deploys there, so an AWS Backup selection of
 * the same template covers a replica in that region, and a stack whose possible regions are all outside
 * the allowed ones fails data-residency.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import { loadIac } from '../src/sources/iac/load.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../src/evaluate/claims-profile.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-gt-region-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const template = (regions: string[]) => ({
  Resources: {
    Plan: { Type: 'AWS::Backup::BackupPlan', Properties: { BackupPlan: { BackupPlanName: 'p', BackupPlanRule: [{ RuleName: 'r', TargetBackupVault: 'v', Lifecycle: { DeleteAfterDays: 35 } }] } } },
    Daily: {
      Type: 'AWS::Backup::BackupSelection',
      Properties: { BackupPlanId: { Ref: 'Plan' }, BackupSelection: { SelectionName: 'd', IamRoleArn: 'arn:aws:iam::111122223333:role/b', ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] } },
    },
    Ledger: {
      Type: 'AWS::DynamoDB::GlobalTable',
      Properties: {
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        Replicas: regions.map((Region) => ({ Region, Tags: [{ Key: 'backup', Value: 'daily' }] })),
      },
    },
  },
});
writeFileSync(join(dir, 'one.json'), JSON.stringify(template(['us-east-1'])));
writeFileSync(join(dir, 'two.json'), JSON.stringify(template(['eu-west-1', 'us-east-1'])));

const rules = (await loadRules()).filter((r) => r.id === 'backup-retention/aws-dynamodb-global-table' || r.id === 'data-residency/aws-cloudformation-stack');
function statuses(): Record<string, string> {
  const inventory = loadIac([dir], {});
  const params = { ...DEFAULT_PARAMETERS, allowedRegions: ['EU'], backup: { ...DEFAULT_PARAMETERS.backup, maxDays: 35, mode: 'exact' as const } };
  const out: Record<string, string> = {};
  for (const f of evaluate(inventory, rules, { controls: ['backup-retention', 'data-residency'], ctx: { params, inventory } }))
    out[`${f.resource.id} ${f.control}`] = f.status;
  return out;
}

describe('a bare template whose global table has one replica region', () => {
  const s = statuses();
  it('is deployed in that region: its own backup selection covers the replica (judged on the plan)', () => {
    expect(s['one/Ledger backup-retention']).toBe('not-applicable');
  });
  it('fails data-residency when that region is not allowed', () => {
    expect(s['one/(stack) data-residency']).toBe('fail');
  });
  it('with replicas in two regions, leaves both questions open', () => {
    expect(s['two/Ledger backup-retention']).toBe('unknown');
    expect(s['two/(stack) data-residency']).toBe('unknown');
  });
});
