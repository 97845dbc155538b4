import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';

/** Live only: root MFA is an account fact (IAM GetAccountSummary), never in a template. */
export default defineRule({
  id: 'mfa/aws-root-account',
  control: 'mfa',
  title: 'The AWS account root user has MFA enabled',
  severity: 'critical',
  risk: 'The root user can do anything in the account, including closing it; a root password without MFA is one phishing message from total loss.',
  remediation: {
    text: 'Sign in as root and assign an MFA device (hardware key preferred). In an AWS Organization, consider centralized root access, which removes member-account root credentials altogether.',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html', 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html'],
  types: ['aws.iam.account'],
  sources: ['live'],
  check(r) {
    const enabled = known(r, 'Live.AccountMFAEnabled');
    const evidence = ev('Live.AccountMFAEnabled', enabled ?? null, true, 'iam:GetAccountSummary SummaryMap.AccountMFAEnabled');
    if (enabled === true) return pass('root user has MFA enabled', evidence);
    if (enabled === false)
      return fail(
        'root user has no MFA device',
        ev('Live.AccountMFAEnabled', false, true, 'iam:GetAccountSummary SummaryMap.AccountMFAEnabled = 0; if the organization manages root access centrally and this account has no root credentials, acknowledge this finding with that evidence'),
      );
    return unknown('GetAccountSummary did not report AccountMFAEnabled', evidence);
  },
});
