import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, notApplicable } from '../../../src/evaluate/facts.js';

/**
 * Live only: MFA enrolment is not in any template. The credential report says,
 * per IAM user, whether a console password exists and whether an MFA device is active.
 */
export default defineRule({
  id: 'mfa/aws-iam-credential-report',
  control: 'mfa',
  title: 'IAM users who can sign in to the console have an MFA device',
  severity: 'high',
  risk: 'A console password without MFA lets a phished or reused password open the AWS console, breaking a "mandatory MFA for staff" promise.',
  remediation: {
    text: 'Enrol an MFA device for every IAM user with a console password (or remove the password and use IAM Identity Center), and attach a policy that denies actions without aws:MultiFactorAuthPresent.',
    cli: 'aws iam list-users; aws iam enable-mfa-device --user-name NAME --serial-number ARN --authentication-code1 ... --authentication-code2 ...',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html'],
  types: ['aws.iam.user'],
  sources: ['live'],
  check(r) {
    const facts = known(r, 'Live.CredentialReport') as { PasswordEnabled?: boolean; MfaActive?: boolean } | undefined;
    if (!facts) return unknown('no credential report row for this user', ev('Live.CredentialReport', null, 'a credential report row'));
    const at = typeof r.properties.Live === 'object' ? (r.properties.Live as Record<string, unknown>).CredentialReportGeneratedAt : undefined;
    const note = at ? `credential report generated ${String(at)} (AWS reuses a report for up to 4 hours)` : undefined;
    if (facts.PasswordEnabled !== true)
      return notApplicable('user has no console password (programmatic access only)', ev('Live.CredentialReport.PasswordEnabled', facts.PasswordEnabled ?? null, undefined, note));
    const evidence = ev('Live.CredentialReport.MfaActive', facts.MfaActive ?? null, true, note);
    if (facts.MfaActive === true) return pass('console user has an active MFA device', evidence);
    if (facts.MfaActive === false) return fail('console user has a password and no MFA device', evidence);
    return unknown('the credential report does not say whether MFA is active', evidence);
  },
});
