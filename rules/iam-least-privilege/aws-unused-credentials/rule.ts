import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, notApplicable } from '../../../src/evaluate/facts.js';
import { type CredentialFacts, reportTime, daysBetween } from '../_credentials.js';

/** Live only: last use of passwords and keys comes from the IAM credential report. */
export default defineRule({
  id: 'iam-least-privilege/aws-unused-credentials',
  control: 'iam-least-privilege',
  title: 'IAM console passwords and access keys unused for longer than the limit are disabled',
  severity: 'medium',
  risk: 'Credentials nobody uses still grant access; they belong to people who left or systems that moved, and their compromise goes unnoticed.',
  remediation: {
    text: 'Remove console passwords and deactivate access keys not used within the limit; review why they exist.',
    cli: 'aws iam delete-login-profile --user-name NAME; aws iam update-access-key --user-name NAME --access-key-id ID --status Inactive',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html'],
  types: ['aws.iam.user'],
  sources: ['live'],
  check(r, { params }) {
    const facts = known(r, 'Live.CredentialReport') as CredentialFacts | undefined;
    if (!facts) return unknown('no credential report row for this user', ev('Live.CredentialReport', null));
    const now = reportTime(r);
    const max = params.credentials.maxUnusedDays;
    const created = daysBetween(facts.UserCreationTime, now);
    const judge = (what: string, subId: string, path: string, lastUsed: string | undefined, since: number | undefined): Verdict => {
      const idle = daysBetween(lastUsed, now) ?? since;
      const expected = `used within ${max} days`;
      if (idle === undefined) return { ...unknown(`${what}: no last-use or creation date`, ev(path, lastUsed ?? null, expected)), subId };
      const e = ev(path, lastUsed ?? 'never used', expected, lastUsed ? `${idle} days since last use at report time` : `never used; exists for ${idle} days`);
      return idle <= max ? { ...pass(`${what} used ${idle} days ago`, e), subId } : { ...fail(`${what} unused for ${idle} days (limit ${max})`, e), subId };
    };
    const out: Verdict[] = [];
    if (facts.PasswordEnabled === true) out.push(judge('console password', 'password', 'Live.CredentialReport.PasswordLastUsed', facts.PasswordLastUsed, created));
    (facts.AccessKeys ?? []).forEach((k, i) => {
      if (k.Active !== true) return;
      out.push(judge(`access key ${k.Slot}`, `key${k.Slot}`, `Live.CredentialReport.AccessKeys[${i}].LastUsed`, k.LastUsed, daysBetween(k.LastRotated, now)));
    });
    return out.length ? out : notApplicable('user has no console password and no active access key', ev('Live.CredentialReport', 'no active credentials'));
  },
});
