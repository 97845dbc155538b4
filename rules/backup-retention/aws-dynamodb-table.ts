import { defineRule } from '../../src/engine/rule.js';
import type { Resource } from '../../src/engine/resource.js';
import type { Inventory } from '../../src/engine/inventory.js';
import { known, asBool, asNumber, asArray, get, ev, pass, fail, unknown, notApplicable } from '../../src/engine/facts.js';
import { isRef } from '../../src/engine/values.js';
import { outsideWindow, windowText } from './_window.js';

/** Is the table selected by an AWS Backup selection in the inventory? `unknown` when a selection is tag- or wildcard-based. */
function backupSelection(r: Resource, inventory: Inventory): { covered?: string; maybe?: string } {
  let maybe: string | undefined;
  for (const sel of inventory.ofType('aws.backup.backup-selection')) {
    const s = (get(sel.properties, 'BackupSelection') ?? {}) as Record<string, unknown>;
    for (const res of asArray(s.Resources)) {
      if (isRef(res) && `${r.location.stack}/${res.logicalId}` === r.id) return { covered: sel.name ?? sel.id };
      if (typeof res === 'string' && (res === '*' || /:table\/\*$/.test(res))) maybe ??= sel.name ?? sel.id;
    }
    if (asArray(s.ListOfTags).length || s.Conditions) maybe ??= sel.name ?? sel.id;
  }
  return { maybe };
}

export default defineRule({
  id: 'backup-retention/aws-dynamodb-table',
  control: 'backup-retention',
  title: 'DynamoDB tables keep point-in-time recovery for the promised retention window',
  severity: 'medium',
  risk: 'Without point-in-time recovery (or an AWS Backup plan) a table has no backups to restore; a recovery period other than the promised cycle breaks the rotation claim.',
  remediation: {
    text: 'Enable point-in-time recovery with RecoveryPeriodInDays equal to the claimed cycle (1–35; default 35), or select the table in an AWS Backup plan whose rules expire recovery points on that cycle.',
    cdk: "new dynamodb.TableV2(this, 'T', { partitionKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 } })",
    cloudformation: 'PointInTimeRecoverySpecification:\n  PointInTimeRecoveryEnabled: true\n  RecoveryPeriodInDays: 35',
  },
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoverySpecification.html'],
  types: ['aws.dynamodb.table'],
  sources: ['iac', 'live'],
  check(r, { params, inventory }) {
    const enabled = asBool(known(r, 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled')) === true;
    if (!enabled) {
      const evidence = ev('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', get(r.properties, 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled') ?? null, true, 'omitted: point-in-time recovery is off by default');
      const sel = backupSelection(r, inventory);
      if (sel.covered) return notApplicable(`no PITR; backed up by AWS Backup selection ${sel.covered} (its plan is judged by backup-retention/aws-backup-backup-plan)`, evidence);
      if (params.backup.minDays === 0) return pass('no point-in-time recovery, and the claim sets no minimum retention', evidence);
      if (sel.maybe) return unknown(`no PITR; AWS Backup selection ${sel.maybe} selects by tag or wildcard and may cover the table`, evidence);
      return fail('point-in-time recovery is off and no AWS Backup selection names the table: no backups', evidence);
    }
    const raw = known(r, 'PointInTimeRecoverySpecification.RecoveryPeriodInDays');
    const days = raw === undefined || raw === null ? 35 : asNumber(raw);
    if (days === undefined) return unknown(`RecoveryPeriodInDays ${JSON.stringify(raw)} is not a number`, ev('PointInTimeRecoverySpecification.RecoveryPeriodInDays', raw));
    const evidence = ev('PointInTimeRecoverySpecification.RecoveryPeriodInDays', raw ?? null, windowText(params), raw === undefined ? 'omitted: DynamoDB defaults the recovery period to 35 days' : undefined);
    const why = outsideWindow(days, params);
    return why ? fail(`point-in-time recovery keeps ${why}`, evidence) : pass(`point-in-time recovery keeps ${days} days`, evidence);
  },
});
