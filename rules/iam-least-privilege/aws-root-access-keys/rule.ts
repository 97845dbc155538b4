import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';

/** Live only: root access keys are an account fact (IAM GetAccountSummary). */
export default defineRule({
  id: 'iam-least-privilege/aws-root-access-keys',
  control: 'iam-least-privilege',
  title: 'The AWS account root user has no access keys',
  severity: 'critical',
  risk: 'A root access key is an unrestricted, non-expiring credential to the whole account that no IAM policy can limit.',
  remediation: { text: 'Delete the root user access keys (sign in as root → Security credentials); use IAM roles for automation.' },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html'],
  types: ['aws.iam.account'],
  sources: ['live'],
  check(r) {
    const present = known(r, 'Live.AccountAccessKeysPresent');
    const evidence = ev('Live.AccountAccessKeysPresent', present ?? null, false, 'iam:GetAccountSummary SummaryMap.AccountAccessKeysPresent');
    if (present === false) return pass('root user has no access keys', evidence);
    if (present === true) return fail('root user has an access key', evidence);
    return unknown('GetAccountSummary did not report AccountAccessKeysPresent', evidence);
  },
});
