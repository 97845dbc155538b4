import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, notApplicable } from '../../../src/evaluate/facts.js';
import type { CredentialFacts } from '../_credentials.js';

/** CIS AWS 1.13. Live only: which access keys are active comes from the IAM credential report. */
export default defineRule({
  id: 'iam-least-privilege/aws-access-keys-one-active',
  control: 'iam-least-privilege',
  title: 'Each IAM user has at most one active access key',
  severity: 'medium',
  risk: 'A second active key doubles what can leak and usually outlives the rotation it was made for.',
  remediation: {
    text: 'Finish the rotation: move callers to the new key, then deactivate and delete the old one.',
    cli: 'aws iam update-access-key --user-name NAME --access-key-id OLD_ID --status Inactive && aws iam delete-access-key --user-name NAME --access-key-id OLD_ID',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console'],
  types: ['aws.iam.user'],
  sources: ['live'],
  check(r) {
    const facts = known(r, 'Live.CredentialReport') as CredentialFacts | undefined;
    if (!facts) return unknown('no credential report row for this user', ev('Live.CredentialReport', null, 'a credential report row'));
    const active = (facts.AccessKeys ?? []).filter((k) => k.Active === true).map((k) => k.Slot);
    const e = ev('Live.CredentialReport.AccessKeys', active.length ? active.map((s) => `key ${s} active`) : 'no active key', 'at most one active key');
    if (active.length === 0) return notApplicable('user has no active access key', e);
    if (active.length === 1) return pass('one active access key', e);
    return fail(`${active.length} active access keys`, e);
  },
});
