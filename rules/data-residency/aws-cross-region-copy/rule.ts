import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { asArray, get, known, must, ev, pass, unknown, notApplicable } from '../../../src/evaluate/facts.js';
import type { Resource } from '../../../src/model/resource.js';
import { regionOfArn } from '../../../src/lib/regions.js';
import { isRef, isUnresolved, SHAPE_SPECIFIC, SHAPE_UNKNOWN } from '../../../src/model/values.js';
import { arnRegionIsStackRegion } from '../_target.js';
import { judgeRegion, noAllowedRegions, offendersOrPass } from '../_region.js';

/** A place a resource copies data to: a region, or an ARN whose region field names it. */
type Target = { path: string; value: unknown; arn: boolean };

/** Explicit regions a resource sends data to: (path, region or ARN) pairs. */
function targets(r: Resource): Target[] {
  switch (r.type) {
    case 'aws.backup.backup-plan':
      // `known`: a plan whose rules were not read (GetBackupPlan failed) is unknown, not "no copy".
      return asArray(known(r, 'BackupPlan.BackupPlanRule')).flatMap((rule, i) =>
        asArray(get(rule, 'CopyActions')).map((c, j) => ({ path: `BackupPlan.BackupPlanRule[${i}].CopyActions[${j}].DestinationBackupVaultArn`, value: get(c, 'DestinationBackupVaultArn'), arn: true })),
      );
    case 'aws.rds.db-instance': {
      const out: Target[] = [];
      if (get(r.properties, 'SourceRegion') !== undefined) out.push({ path: 'SourceRegion', value: get(r.properties, 'SourceRegion'), arn: false });
      // Automated backups replicated to another region (snapshots and transaction logs kept there).
      if (get(r.properties, 'AutomaticBackupReplicationRegion') !== undefined) out.push({ path: 'AutomaticBackupReplicationRegion', value: get(r.properties, 'AutomaticBackupReplicationRegion'), arn: false });
      const src = get(r.properties, 'SourceDBInstanceIdentifier');
      if (typeof src === 'string' && src.startsWith('arn:')) out.push({ path: 'SourceDBInstanceIdentifier', value: src, arn: true });
      return out;
    }
    case 'aws.custom.custom-cross-region-export-writer':
      return [{ path: 'WriterProps.region', value: get(r.properties, 'WriterProps.region'), arn: false }];
    default:
      return [];
  }
}

/**
 * A Backup copy whose destination vault is in the plan's own region: a vault of the same stack
 * (`Fn::GetAtt Vault.BackupVaultArn`, `Ref`) or an ARN built with `${AWS::Region}` in its region field.
 * The plan's rules back up into its own region's vaults, so such a copy stays in the region the
 * source recovery points are in: not a cross-region copy, whatever that region is (the stack's
 * own region is judged by data-residency/aws-cloudformation-stack).
 */
function sameRegionVault(t: Target): string | undefined {
  if (!t.path.endsWith('.DestinationBackupVaultArn')) return undefined;
  const v = t.value;
  if (isRef(v)) return `${v.logicalId}${v.attribute ? `.${v.attribute}` : ''} (a vault of this stack)`;
  if (isUnresolved(v) && v.shape !== undefined && arnRegionIsStackRegion(v)) return `${v.expression} (AWS::Region)`;
  return undefined;
}

/**
 * The region a target names. An ARN built with `Fn::Sub`/`Fn::Join` from pseudo
 * parameters (`arn:${AWS::Partition}:backup:eu-north-1:${AWS::AccountId}:…`) keeps
 * its literal region; a region that is itself unresolved throws `NeedsValue`.
 */
function regionOf(t: Target): string | undefined {
  const v = t.value;
  if (t.arn && isUnresolved(v) && v.shape !== undefined) {
    const region = regionOfArn(v.shape);
    if (region !== undefined && !region.includes(SHAPE_UNKNOWN) && !region.includes(SHAPE_SPECIFIC)) return region;
  }
  const known = must(v, t.path);
  return typeof known === 'string' ? (t.arn ? regionOfArn(known) : known) : undefined;
}

export default defineRule({
  id: 'data-residency/aws-cross-region-copy',
  control: 'data-residency',
  title: 'Backup copies, replicated RDS automated backups, cross-region read replicas and cross-region references stay in allowed regions',
  severity: 'high',
  risk: 'AWS Backup copy actions, cross-region RDS replicas and CDK cross-region references put data (or values derived from it) in another region; that region must be allowed too.',
  remediation: {
    text: 'Point copy actions, replica sources and cross-region references only at allowed regions.',
    cdk: "new backup.BackupPlanRule({ copyActions: [{ destinationBackupVault: euVault, moveToColdStorageAfter: undefined, deleteAfter: Duration.days(35) }] })",
    cloudformation: 'CopyActions:\n  - DestinationBackupVaultArn: arn:aws:backup:eu-central-1:123456789012:backup-vault:dr',
  },
  references: ['https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html'],
  types: ['aws.backup.backup-plan', 'aws.rds.db-instance', 'aws.custom.custom-cross-region-export-writer'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const list = targets(r);
    if (list.length === 0) return notApplicable('no cross-region copy, replica source or reference');
    const na = noAllowedRegions(params);
    if (na) return na;
    const out: Verdict[] = [];
    for (const t of list) {
      const same = sameRegionVault(t);
      if (same) {
        out.push({ ...pass(`${t.path} copies into ${same}, in the plan's own region: not a cross-region copy (the stack's region is judged on its own)`, ev(t.path, same)), subId: t.path });
        continue;
      }
      const region = regionOf(t);
      const v = t.value;
      if (!region) out.push({ ...unknown(`${t.path}: no region can be read from ${JSON.stringify(v ?? null)}`, ev(t.path, v ?? null)), subId: t.path });
      else out.push({ ...judgeRegion('aws', region, params, t.path, `${t.path} target`), subId: t.path });
    }
    return offendersOrPass(out);
  },
});
