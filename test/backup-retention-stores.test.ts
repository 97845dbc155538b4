/**
 * Stores whose backups a template decides (EFS, FSx, EBS) across templates of one run: an AWS
 * Backup selection whose ARN is built from a resource's own Ref names that resource, so it covers
 * it in its own stack and rules out every other store of the type, in any stack; a glob over the
 * service in another environment-agnostic stack may still cover a store (unknown).
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import { loadIac } from '../src/sources/iac/load.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../src/evaluate/claims-profile.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-backup-stores-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const plan = { Type: 'AWS::Backup::BackupPlan', Properties: { BackupPlan: { BackupPlanName: 'p', BackupPlanRule: [{ RuleName: 'r', TargetBackupVault: 'v', Lifecycle: { DeleteAfterDays: 35 } }] } } };
const selection = (resources: unknown[]) => ({
  Type: 'AWS::Backup::BackupSelection',
  Properties: { BackupPlanId: { Ref: 'Plan' }, BackupSelection: { SelectionName: 's', IamRoleArn: 'arn:aws:iam::111122223333:role/b', Resources: resources } },
});
const efs = { Type: 'AWS::EFS::FileSystem', Properties: { Encrypted: true } };
const volume = { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: 'eu-west-1a', Size: 10 } };

function statuses(files: Record<string, unknown>, ruleId: string): Record<string, string> {
  const sub = mkdtempSync(join(dir, 'set-'));
  for (const [name, resources] of Object.entries(files)) writeFileSync(join(sub, name), JSON.stringify({ Resources: resources }));
  return run(sub, ruleId);
}
const rules = await loadRules();
function run(path: string, ruleId: string): Record<string, string> {
  const inventory = loadIac([path], {});
  const out: Record<string, string> = {};
  const picked = rules.filter((r) => r.id === ruleId);
  for (const f of evaluate(inventory, picked, { controls: picked.map((r) => r.control), ctx: { params: DEFAULT_PARAMETERS, inventory } })) out[f.resource.id] = f.status;
  return out;
}

describe('backup-retention over stores a template decides, across stacks', () => {
  it('a selection built from one file system’s Ref covers it and rules out file systems of another stack', () => {
    const got = statuses(
      {
        'project.json': { Plan: plan, Files: efs, Sel: selection([{ 'Fn::Sub': 'arn:aws:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:file-system/${Files}' }]) },
        'render.json': { Scratch: efs, Files: efs },
      },
      'backup-retention/aws-efs-file-system',
    );
    expect(got).toEqual({ 'project/Files': 'not-applicable', 'render/Scratch': 'fail', 'render/Files': 'fail' });
  });

  it('a service-wide ARN glob in another environment-agnostic stack leaves a file system unknown, never covered or failed', () => {
    const got = statuses(
      { 'backup.json': { Plan: plan, Sel: selection(['arn:aws:elasticfilesystem:*:*:file-system/*']) }, 'data.json': { Files: efs } },
      'backup-retention/aws-efs-file-system',
    );
    expect(got).toEqual({ 'data/Files': 'unknown' });
  });

  it('EBS volumes: a built ARN covers its own volume; a DLM policy in another stack targeting a tag the volume has may cover it', () => {
    const dlm = {
      Type: 'AWS::DLM::LifecyclePolicy',
      Properties: {
        State: 'ENABLED',
        ExecutionRoleArn: 'arn:aws:iam::111122223333:role/dlm',
        PolicyDetails: { ResourceTypes: ['VOLUME'], TargetTags: [{ Key: 'snap', Value: 'daily' }], Schedules: [{ Name: 'd', CreateRule: { Interval: 24, IntervalUnit: 'HOURS' }, RetainRule: { Count: 30 } }] },
      },
    };
    const got = statuses(
      {
        'app.json': { Plan: plan, Data: volume, Logs: volume, Sel: selection([{ 'Fn::Sub': 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:volume/${Data}' }]) },
        'ops.json': { Snapshots: dlm, Tagged: { ...volume, Properties: { ...volume.Properties, Tags: [{ Key: 'snap', Value: 'daily' }] } } },
        'other.json': { Tagged: { ...volume, Properties: { ...volume.Properties, Tags: [{ Key: 'snap', Value: 'daily' }] } } },
      },
      'deletion-protection/aws-ec2-volume-backup-plan',
    );
    expect(got).toEqual({ 'app/Data': 'pass', 'app/Logs': 'fail', 'ops/Tagged': 'pass', 'other/Tagged': 'unknown' });
  });
});
