/**
 * AWS Backup selections apply in their own account and region: across templates of one run they
 * cover a table only when both stacks are known to deploy to the same environment, and a table
 * whose tags cannot match a tag selection is never covered by it.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import { loadIac } from '../src/sources/iac/load.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../src/evaluate/claims-profile.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-backup-sel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const table = (tags?: unknown) => ({
  Type: 'AWS::DynamoDB::Table',
  Properties: { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], ...(tags ? { Tags: tags } : {}) },
});
writeFileSync(
  join(dir, 'backup.json'),
  JSON.stringify({
    Resources: {
      Plan: { Type: 'AWS::Backup::BackupPlan', Properties: { BackupPlan: { BackupPlanName: 'p', BackupPlanRule: [{ RuleName: 'r', TargetBackupVault: 'v', Lifecycle: { DeleteAfterDays: 35 } }] } } },
      LongTerm: {
        Type: 'AWS::Backup::BackupSelection',
        Properties: { BackupPlanId: { Ref: 'Plan' }, BackupSelection: { SelectionName: 'lt', IamRoleArn: 'arn:aws:iam::111122223333:role/b', ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'long-term' }] } },
      },
      HomeTagged: table([{ Key: 'backup', Value: 'long-term' }]),
    },
  }),
);
writeFileSync(join(dir, 'data.json'), JSON.stringify({ Resources: { Tagged: table([{ Key: 'backup', Value: 'long-term' }]), Untagged: table(), OtherTag: table({ backup: 'none' }) } }));

const rules = (await loadRules()).filter((r) => r.id === 'backup-retention/aws-dynamodb-table');
function statuses(env: { region?: string; account?: string }): Record<string, string> {
  const inventory = loadIac([dir], env);
  const params = { ...DEFAULT_PARAMETERS, backup: { ...DEFAULT_PARAMETERS.backup, maxDays: 35, mode: 'exact' as const } };
  const out: Record<string, string> = {};
  for (const f of evaluate(inventory, rules, { controls: ['backup-retention'], ctx: { params, inventory } })) out[f.resource.id] = f.status;
  return out;
}

describe('AWS Backup selection scope', () => {
  it('environment-agnostic templates: the same stack is covered, a matching table in another stack is unknown, a table whose tags cannot match fails', () => {
    expect(statuses({})).toEqual({ 'backup/HomeTagged': 'not-applicable', 'data/Tagged': 'unknown', 'data/Untagged': 'fail', 'data/OtherTag': 'fail' });
  });
  it('templates deployed to one account and region: the selection covers matching tables in every stack', () => {
    expect(statuses({ region: 'eu-west-1', account: '111122223333' })).toEqual({ 'backup/HomeTagged': 'not-applicable', 'data/Tagged': 'not-applicable', 'data/Untagged': 'fail', 'data/OtherTag': 'fail' });
  });
});
