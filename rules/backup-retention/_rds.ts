/** Shared judgement of RDS BackupRetentionPeriod (instances and clusters). */
import type { Resource } from '../../src/model/resource.js';
import type { Parameters } from '../../src/evaluate/claims-profile.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { known, asNumber, ev, pass, fail, unknown } from '../../src/evaluate/facts.js';
import { outsideWindow, windowText } from './_window.js';

/** Where a service keeps its retention and what it does when the template omits it (RDS unless said). */
export interface RetentionField {
  path: string;
  defaultDays: number;
  omittedNote: string;
}

const RDS_FIELD: RetentionField = { path: 'BackupRetentionPeriod', defaultDays: 1, omittedNote: 'omitted: CloudFormation and the RDS API default to 1 day' };

export function judgeRetention(r: Resource, params: Parameters, what: string, field: RetentionField = RDS_FIELD): Verdict {
  const raw = known(r, field.path);
  const omitted = raw === undefined || raw === null;
  const days = omitted ? field.defaultDays : asNumber(raw);
  if (days === undefined) return unknown(`${field.path} ${JSON.stringify(raw)} is not a number`, ev(field.path, raw, windowText(params)));
  const notes: string[] = [];
  if (omitted) notes.push(field.omittedNote);
  // A final snapshot (DeletionPolicy Snapshot) is kept until someone deletes it: outside any rotation.
  if (r.properties.DeletionPolicy === 'Snapshot' || r.properties.UpdateReplacePolicy === 'Snapshot')
    notes.push('DeletionPolicy/UpdateReplacePolicy Snapshot leaves a final snapshot that never expires; delete it within the window');
  const evidence = ev(field.path, omitted ? null : raw, windowText(params), notes.join('; ') || undefined);
  const why = outsideWindow(days, params);
  return why ? fail(`${what} keeps automated backups ${why}`, evidence) : pass(`${what} keeps automated backups ${days} day${days === 1 ? '' : 's'}`, evidence);
}
