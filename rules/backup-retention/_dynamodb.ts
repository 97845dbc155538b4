/** DynamoDB point-in-time recovery and AWS Backup selections, shared by the table and global-table rules. */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { Parameters } from '../../src/evaluate/claims-profile.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { asBool, asNumber, get, must, ev, pass, fail, unknown, notApplicable } from '../../src/evaluate/facts.js';
import { backupSelectionOf, tagView, unlessEvidence, type ArnFacts, type SelectionVerdict } from './_selection.js';
import { outsideWindow, windowText } from './_window.js';

/** Is the table (or one replica, with its own tags and region) selected by an AWS Backup selection in the inventory? */
export function backupSelection(r: Resource, inventory: Inventory, replica?: { tags: unknown; region: unknown }): SelectionVerdict {
  const tableName = get(r.properties, 'TableName');
  // A global table's own ARN (`…:global-table/name`) is not what a selection matches: each replica is a table.
  const arn = replica ? undefined : (r.location.arn ?? (r.source === 'live' && r.id.startsWith('arn:') ? r.id : undefined));
  const facts: ArnFacts = {
    service: 'dynamodb',
    kind: 'table',
    name: typeof tableName === 'string' ? tableName : undefined,
    generatedFrom: tableName === undefined ? r.location.logicalId : undefined,
    arn,
  };
  const tags = tagView(r, replica ? replica.tags : get(r.properties, 'Tags'));
  return backupSelectionOf(r, inventory, facts, tags, replica?.region);
}

/** Judge one PointInTimeRecoverySpecification found at `path` (may be undefined). */
export function judgePitr(spec: unknown, path: string, r: Resource, params: Parameters, inventory: Inventory, replica?: { tags: unknown; region: unknown }): Verdict {
  const s = must(spec, path) as Record<string, unknown> | undefined;
  const enabledRaw = must(s?.PointInTimeRecoveryEnabled, `${path}.PointInTimeRecoveryEnabled`);
  if (asBool(enabledRaw) !== true) {
    const evidence = ev(`${path}.PointInTimeRecoveryEnabled`, enabledRaw ?? null, true, enabledRaw === undefined ? 'omitted: point-in-time recovery is off by default' : undefined);
    const sel = backupSelection(r, inventory, replica);
    if (sel.covered) return notApplicable(`no PITR; backed up by AWS Backup selection ${sel.covered} (its plan is judged by backup-retention/aws-backup-backup-plan)`, evidence);
    if (params.backup.minDays === 0) return pass('no point-in-time recovery, and the claim sets no minimum retention', evidence);
    if (sel.maybe) return unknown(`no PITR; ${sel.maybe}`, evidence);
    return fail(`point-in-time recovery is off and no AWS Backup selection covers the table (by reference, ARN or tags): no backups${sel.unless ? ` (${sel.unless})` : ''}`, evidence, ...unlessEvidence(sel));
  }
  const raw = must(s?.RecoveryPeriodInDays, `${path}.RecoveryPeriodInDays`);
  const days = raw === undefined || raw === null ? 35 : asNumber(raw);
  if (days === undefined) return unknown(`RecoveryPeriodInDays ${JSON.stringify(raw)} is not a number`, ev(`${path}.RecoveryPeriodInDays`, raw));
  const evidence = ev(`${path}.RecoveryPeriodInDays`, raw ?? null, windowText(params), raw === undefined ? 'omitted: DynamoDB defaults the recovery period to 35 days' : undefined);
  const why = outsideWindow(days, params);
  return why ? fail(`point-in-time recovery keeps ${why}`, evidence) : pass(`point-in-time recovery keeps ${days} days`, evidence);
}
