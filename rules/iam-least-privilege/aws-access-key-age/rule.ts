import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, notApplicable } from '../../../src/evaluate/facts.js';
import { type CredentialFacts, reportTime, daysBetween } from '../_credentials.js';

/** Live only: access key ages come from the IAM credential report. */
export default defineRule({
  id: 'iam-least-privilege/aws-access-key-age',
  control: 'iam-least-privilege',
  title: 'Active IAM access keys are rotated within the promised age',
  severity: 'medium',
  risk: 'Long-lived access keys accumulate in laptops, CI systems and logs; the older a key, the more places it may have leaked to.',
  remediation: {
    text: 'Rotate access keys older than the limit (create a new key, switch consumers, deactivate then delete the old one), or replace them with roles and short-lived credentials.',
    cli: 'aws iam create-access-key --user-name NAME; aws iam update-access-key --user-name NAME --access-key-id OLD --status Inactive',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console'],
  types: ['aws.iam.user'],
  sources: ['live'],
  check(r, { params }) {
    const facts = known(r, 'Live.CredentialReport') as CredentialFacts | undefined;
    if (!facts) return unknown('no credential report row for this user', ev('Live.CredentialReport', null));
    const active = (facts.AccessKeys ?? []).filter((k) => k.Active === true);
    if (active.length === 0) return notApplicable('user has no active access key', ev('Live.CredentialReport.AccessKeys', facts.AccessKeys ?? []));
    const now = reportTime(r);
    const max = params.credentials.maxAccessKeyAgeDays;
    return active.map((k): Verdict => {
      const path = `Live.CredentialReport.AccessKeys[${(facts.AccessKeys ?? []).indexOf(k)}].LastRotated`;
      const age = daysBetween(k.LastRotated, now);
      const subId = `key${k.Slot}`;
      if (age === undefined) return { ...unknown(`access key ${k.Slot} has no rotation date`, ev(path, k.LastRotated ?? null, `at most ${max} days old`)), subId };
      const evidence = ev(path, k.LastRotated, `at most ${max} days old`, `${age} days old at report time`);
      return age <= max ? { ...pass(`access key ${k.Slot} is ${age} days old`, evidence), subId } : { ...fail(`access key ${k.Slot} is ${age} days old (limit ${max})`, evidence), subId };
    });
  },
});
