/**
 * A parameter with AllowedValues that the user did not pin is a switch the template offers: a
 * condition on it, and an Fn::FindInMap keyed by it, are judged over every allowed value. Any
 * allowed value that breaks the promise fails, naming the value; `--parameter` pins one value;
 * a parameter without AllowedValues keeps its Default.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-switch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'app.yaml'),
  `Parameters:
  Stage: { Type: String, Default: prod, AllowedValues: [dev, staging, prod] }
  Retention: { Type: Number, Default: 14, AllowedValues: [7, 14] }
  Tier: { Type: String, Default: small }
  Public: { Type: String, Default: 'false', AllowedValues: ['true', 'false'] }
Mappings:
  Sizing:
    dev: { Days: 1 }
    staging: { Days: 7 }
    prod: { Days: 14 }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  NotDev: !Not [!Equals [!Ref Stage, dev]]
  IsSmall: !Equals [!Ref Tier, small]
  IsPublic: !Equals [!Ref Public, 'true']
Resources:
  ByCondition:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres, DBInstanceClass: db.t3.micro, AllocatedStorage: '20', StorageEncrypted: true, BackupRetentionPeriod: !If [IsProd, 14, 1] }
  ByMapping:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres, DBInstanceClass: db.t3.micro, AllocatedStorage: '20', StorageEncrypted: true, BackupRetentionPeriod: !FindInMap [Sizing, !Ref Stage, Days] }
  EveryValueOk:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres, DBInstanceClass: db.t3.micro, AllocatedStorage: '20', StorageEncrypted: true, BackupRetentionPeriod: !If [NotDev, !Ref Retention, 7] }
  NoAllowedValues:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres, DBInstanceClass: db.t3.micro, AllocatedStorage: '20', StorageEncrypted: true, BackupRetentionPeriod: !If [IsSmall, 7, 1] }
  Warehouse:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres, DBInstanceClass: db.t3.micro, AllocatedStorage: '20', StorageEncrypted: true, BackupRetentionPeriod: 7, PubliclyAccessible: !If [IsPublic, true, false] }
`,
);

const rules = (await loadRules()).filter((r) => r.id === 'backup-retention/aws-rds-db-instance' || r.id === 'public-access/aws-rds-db-instance');
function judge(parameters?: Record<string, string>) {
  const inventory = loadIac([dir], { region: 'eu-west-1', ...(parameters ? { parameters } : {}) });
  return evaluate(inventory, rules, { controls: ['backup-retention', 'public-access'], ctx: { params: DEFAULT_PARAMETERS, inventory } });
}
const statusOf = (fs: ReturnType<typeof judge>, id: string, control: string) => fs.filter((f) => f.resource.id === `app/${id}` && f.control === control).map((f) => f.status);

describe('switch parameters (AllowedValues, not pinned)', () => {
  it('a condition on a switch fails when one allowed value breaks the promise, and says which', () => {
    const f = judge();
    expect(statusOf(f, 'ByCondition', 'backup-retention')).toEqual(['fail']);
    expect(f.find((x) => x.resource.id === 'app/ByCondition' && x.control === 'backup-retention')!.message).toMatch(/Stage=dev/);
    expect(statusOf(f, 'Warehouse', 'public-access')).toEqual(['fail']);
    expect(f.find((x) => x.resource.id === 'app/Warehouse' && x.control === 'public-access')!.message).toMatch(/Public=true/);
  });
  it('an Fn::FindInMap keyed by a switch takes every allowed value', () => {
    const f = judge();
    expect(statusOf(f, 'ByMapping', 'backup-retention')).toEqual(['fail']);
    expect(f.find((x) => x.resource.id === 'app/ByMapping' && x.control === 'backup-retention')!.message).toMatch(/Stage=dev/);
  });
  it('every allowed value keeping the promise passes', () => {
    expect(statusOf(judge(), 'EveryValueOk', 'backup-retention')).toEqual(['pass']);
  });
  it('a parameter without AllowedValues keeps its Default; --parameter pins a switch', () => {
    expect(statusOf(judge(), 'NoAllowedValues', 'backup-retention')).toEqual(['pass']);
    const pinned = judge({ Stage: 'prod', Public: 'false' });
    expect(statusOf(pinned, 'ByCondition', 'backup-retention')).toEqual(['pass']);
    expect(statusOf(pinned, 'ByMapping', 'backup-retention')).toEqual(['pass']);
    expect(statusOf(pinned, 'Warehouse', 'public-access')).toEqual(['pass']);
    expect(statusOf(judge({ Stage: 'dev' }), 'ByCondition', 'backup-retention')).toEqual(['fail']);
  });
});
