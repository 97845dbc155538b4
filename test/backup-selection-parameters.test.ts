/**
 * An AWS Backup selection that names resources only through parameters without a value (ARNs or
 * tag values passed at deploy time) is no evidence of covering a resource of another template: the
 * resource is judged on its own settings and its finding names the selection. A selection that
 * shows coverage otherwise (a known tag it matches) stays `maybe` across environment-agnostic stacks.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import { loadIac } from '../src/sources/iac/load.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../src/evaluate/claims-profile.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-backup-param-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const plan = { Type: 'AWS::Backup::BackupPlan', Properties: { BackupPlan: { BackupPlanName: 'p', BackupPlanRule: [{ RuleName: 'r', TargetBackupVault: 'v', Lifecycle: { DeleteAfterDays: 35 } }] } } };
const selection = (body: Record<string, unknown>) => ({
  Type: 'AWS::Backup::BackupSelection',
  Properties: { BackupPlanId: { Ref: 'Plan' }, BackupSelection: { SelectionName: 's', IamRoleArn: 'arn:aws:iam::111122223333:role/b', ...body } },
});
writeFileSync(
  join(dir, 'dr.json'),
  JSON.stringify({
    Parameters: { DbArn: { Type: 'String' }, FilesArn: { Type: 'String' }, Tier: { Type: 'String' } },
    Resources: {
      Plan: plan,
      ByParameters: selection({ Resources: [{ Ref: 'DbArn' }, { Ref: 'FilesArn' }] }),
      ByTierParameter: selection({ ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'tier', ConditionValue: { Ref: 'Tier' } }] }),
    },
  }),
);
writeFileSync(
  join(dir, 'stores.json'),
  JSON.stringify({
    Resources: {
      Orders: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: '20', BackupRetentionPeriod: 1 } },
      Files: { Type: 'AWS::EFS::FileSystem', Properties: { Encrypted: true, BackupPolicy: { Status: 'DISABLED' }, FileSystemTags: [{ Key: 'tier', Value: 'gold' }] } },
      Carts: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] } },
    },
  }),
);

const ids = ['backup-retention/aws-backup-backup-plan', 'backup-retention/aws-dynamodb-table', 'backup-retention/aws-rds-db-instance', 'backup-retention/aws-efs-file-system'];
const rules = (await loadRules()).filter((r) => ids.includes(r.id));
function run(files: string[], env: { region?: string; account?: string } = {}) {
  const inventory = loadIac(files.map((f) => join(dir, f)), env);
  const params = { ...DEFAULT_PARAMETERS, backup: { ...DEFAULT_PARAMETERS.backup, minDays: 7, maxDays: 35 } };
  return evaluate(inventory, rules, { controls: ['backup-retention'], ctx: { params, inventory } });
}

describe('AWS Backup selections by parameters without a value', () => {
  it('do not make the stores of another template unknown: each fails on its own settings, naming the selection', () => {
    for (const env of [{}, { region: 'eu-west-1', account: '111122223333' }]) {
      const findings = run(['dr.json', 'stores.json'], env).filter((f) => f.resource.id.startsWith('stores/'));
      expect(Object.fromEntries(findings.map((f) => [f.resource.id, f.status]))).toEqual({ 'stores/Orders': 'fail', 'stores/Files': 'fail', 'stores/Carts': 'fail' });
      for (const f of findings) {
        expect(f.message).toMatch(/unless AWS Backup selection By(Parameters|TierParameter) .*which selects by parameters without a value \((DbArn, FilesArn|Tier)\)/);
        expect(f.evidence.some((e) => e.path === 'aws.backup.backup-selection')).toBe(true);
      }
    }
  });
  it('give the verdict the stores have without them', () => {
    const alone = Object.fromEntries(run(['stores.json']).map((f) => [f.resource.id, f.status]));
    const withDr = Object.fromEntries(run(['dr.json', 'stores.json']).filter((f) => f.resource.id.startsWith('stores/')).map((f) => [f.resource.id, f.status]));
    expect(withDr).toEqual(alone);
  });
  it("the plan's finding says which of its selections select by parameters, and which parameters", () => {
    const plan = run(['dr.json']).find((f) => f.resource.id === 'dr/Plan')!;
    expect(plan.status).toBe('pass');
    expect(plan.message).toContain('selection ByParameters selects by parameters without a value (DbArn, FilesArn)');
    expect(plan.message).toContain('selection ByTierParameter selects by parameters without a value (Tier)');
    expect(plan.evidence.filter((e) => e.path === 'selections')).toHaveLength(2);
  });
  it('a selection by a known tag the store carries stays unknown across environment-agnostic stacks', () => {
    writeFileSync(
      join(dir, 'tagged.json'),
      JSON.stringify({ Resources: { Plan: plan, GoldTier: selection({ ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'tier', ConditionValue: 'gold' }] }) } }),
    );
    const byId = Object.fromEntries(run(['tagged.json', 'stores.json']).map((f) => [f.resource.id, f]));
    expect(byId['stores/Files']!.status).toBe('unknown');
    expect(byId['stores/Files']!.message).toMatch(/GoldTier \(stack tagged\) selects it if its stack is deployed to the same account and region/);
    expect(byId['stores/Carts']!.status).toBe('fail');
  });
});
