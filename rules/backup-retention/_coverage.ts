/**
 * A data store with no backup setting of its own that says it is backed up: is it in an AWS
 * Backup plan of the inventory? Shared by the EFS, FSx and EBS rules (DynamoDB has its own
 * reading in _dynamodb.ts). A covered store is not-applicable here: its plan's lifecycle is
 * judged once, on the plan (backup-retention/aws-backup-backup-plan).
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { Parameters } from '../../src/evaluate/claims-profile.js';
import type { EvidenceItem, Verdict } from '../../src/evaluate/rule.js';
import { pass, fail, unknown, notApplicable } from '../../src/evaluate/facts.js';
import { backupSelectionOf, tagView, unlessEvidence, type ArnFacts } from './_selection.js';

/**
 * `what`: the store as the message names it (`the file system`); `why`: what it lacks of its own
 * (`automatic backups are off`); `extra`: another backup source that may cover it (DLM), consulted
 * before the verdict is `fail`.
 */
export function judgeCoverage(
  r: Resource,
  inventory: Inventory,
  params: Parameters,
  facts: ArnFacts,
  tags: unknown,
  what: string,
  why: string,
  evidence: EvidenceItem[],
  extra?: { judge: () => Verdict | undefined; none: string },
): Verdict {
  const sel = backupSelectionOf(r, inventory, facts, tagView(r, tags));
  if (sel.covered) return notApplicable(`${why}; backed up by AWS Backup selection ${sel.covered} (its plan is judged by backup-retention/aws-backup-backup-plan)`, ...evidence);
  const other = extra?.judge();
  if (other) return other;
  if (params.backup.minDays === 0) return pass(`${why}, and the claim sets no minimum retention`, ...evidence);
  if (sel.maybe) return unknown(`${why}; ${sel.maybe}`, ...evidence);
  return fail(`${why}, no AWS Backup selection covers ${what} (by reference, ARN or tags)${extra ? `, ${extra.none}` : ''}: no backups${sel.unless ? ` (${sel.unless})` : ''}`, ...evidence, ...unlessEvidence(sel));
}
