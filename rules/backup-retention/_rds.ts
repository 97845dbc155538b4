/** Shared judgement of RDS BackupRetentionPeriod (instances and clusters). */
import type { Resource } from '../../src/model/resource.js';
import type { Parameters } from '../../src/evaluate/claims-profile.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { known, asNumber, ev, pass, fail, unknown } from '../../src/evaluate/facts.js';
import { outsideWindow, windowText } from './_window.js';

export function judgeRetention(r: Resource, params: Parameters, what: string): Verdict {
  const raw = known(r, 'BackupRetentionPeriod');
  const omitted = raw === undefined || raw === null;
  const days = omitted ? 1 : asNumber(raw);
  if (days === undefined) return unknown(`BackupRetentionPeriod ${JSON.stringify(raw)} is not a number`, ev('BackupRetentionPeriod', raw, windowText(params)));
  const notes: string[] = [];
  if (omitted) notes.push('omitted: CloudFormation and the RDS API default to 1 day');
  // A final snapshot (DeletionPolicy Snapshot) is kept until someone deletes it: outside any rotation.
  if (r.properties.DeletionPolicy === 'Snapshot' || r.properties.UpdateReplacePolicy === 'Snapshot')
    notes.push('DeletionPolicy/UpdateReplacePolicy Snapshot leaves a final snapshot that never expires; delete it within the window');
  const evidence = ev('BackupRetentionPeriod', omitted ? null : raw, windowText(params), notes.join('; ') || undefined);
  const why = outsideWindow(days, params);
  return why ? fail(`${what} keeps automated backups ${why}`, evidence) : pass(`${what} keeps automated backups ${days} day${days === 1 ? '' : 's'}`, evidence);
}
