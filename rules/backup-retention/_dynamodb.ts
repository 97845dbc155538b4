/** DynamoDB point-in-time recovery and AWS Backup selections, shared by the table and global-table rules. */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { Parameters } from '../../src/evaluate/claims-profile.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { asBool, asNumber, asArray, get, must, ev, pass, fail, unknown, notApplicable } from '../../src/evaluate/facts.js';
import { isRef } from '../../src/model/values.js';
import { outsideWindow, windowText } from './_window.js';

export /** Is the table selected by an AWS Backup selection in the inventory? `unknown` when a selection is tag- or wildcard-based. */
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


/** Judge one PointInTimeRecoverySpecification found at `path` (may be undefined). */
export function judgePitr(spec: unknown, path: string, r: Resource, params: Parameters, inventory: Inventory): Verdict {
  const s = must(spec, path) as Record<string, unknown> | undefined;
  const enabledRaw = must(s?.PointInTimeRecoveryEnabled, `${path}.PointInTimeRecoveryEnabled`);
  if (asBool(enabledRaw) !== true) {
    const evidence = ev(`${path}.PointInTimeRecoveryEnabled`, enabledRaw ?? null, true, enabledRaw === undefined ? 'omitted: point-in-time recovery is off by default' : undefined);
    const sel = backupSelection(r, inventory);
    if (sel.covered) return notApplicable(`no PITR; backed up by AWS Backup selection ${sel.covered} (its plan is judged by backup-retention/aws-backup-backup-plan)`, evidence);
    if (params.backup.minDays === 0) return pass('no point-in-time recovery, and the claim sets no minimum retention', evidence);
    if (sel.maybe) return unknown(`no PITR; AWS Backup selection ${sel.maybe} selects by tag or wildcard and may cover the table`, evidence);
    return fail('point-in-time recovery is off and no AWS Backup selection names the table: no backups', evidence);
  }
  const raw = must(s?.RecoveryPeriodInDays, `${path}.RecoveryPeriodInDays`);
  const days = raw === undefined || raw === null ? 35 : asNumber(raw);
  if (days === undefined) return unknown(`RecoveryPeriodInDays ${JSON.stringify(raw)} is not a number`, ev(`${path}.RecoveryPeriodInDays`, raw));
  const evidence = ev(`${path}.RecoveryPeriodInDays`, raw ?? null, windowText(params), raw === undefined ? 'omitted: DynamoDB defaults the recovery period to 35 days' : undefined);
  const why = outsideWindow(days, params);
  return why ? fail(`point-in-time recovery keeps ${why}`, evidence) : pass(`point-in-time recovery keeps ${days} days`, evidence);
}
