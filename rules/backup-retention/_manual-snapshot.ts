/**
 * A manual snapshot a template creates (Redshift, Redshift Serverless) is kept for its own
 * retention period in days, or until someone deletes it (-1, the default): it never rotates.
 * Only the upper bound applies: a one-off snapshot kept shorter than the floor takes nothing
 * from the automated backups the floor is about.
 */
import type { Parameters } from '../../src/evaluate/claims-profile.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { ev, pass, fail, text } from '../../src/evaluate/facts.js';
import { notAValidValue } from '../../src/lib/tls.js';
import { windowText } from './_window.js';

export function judgeManualSnapshot(raw: unknown, path: string, params: Parameters): Verdict {
  const omitted = raw === undefined || raw === null;
  const days = omitted ? -1 : typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(days) || (days !== -1 && (days < 1 || days > 3653)))
    return fail(`${path} ${text(raw)} is not a valid value`, ev(path, raw, windowText(params), notAValidValue(path, text(raw), '-1 or a whole number of days from 1 to 3653')));
  const evidence = ev(path, omitted ? null : raw, `at most ${params.backup.maxDays} days`, omitted ? 'omitted: a manual snapshot is kept until it is deleted (-1)' : undefined);
  if (days === -1) return fail('the manual snapshot is kept until someone deletes it: it never expires', evidence);
  if (days > params.backup.maxDays) return fail(`the manual snapshot is kept ${days} days, longer than the ${params.backup.maxDays}-day maximum (the claimed cycle)`, evidence);
  return pass(`the manual snapshot expires after ${days} day${days === 1 ? '' : 's'}`, evidence);
}
