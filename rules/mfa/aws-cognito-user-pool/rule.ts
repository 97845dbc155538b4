import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'mfa/aws-cognito-user-pool',
  control: 'mfa',
  title: 'Cognito user pools require MFA',
  severity: 'medium',
  risk: 'A user pool with MFA OFF (the default) or OPTIONAL lets users sign in with a password alone, so "mandatory MFA" does not hold for the people it serves.',
  remediation: {
    text: 'Set MfaConfiguration to ON and enable a second factor (TOTP software token, or SMS/email where acceptable).',
    cdk: "new cognito.UserPool(this, 'Staff', { mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false } })",
    cloudformation: 'Type: AWS::Cognito::UserPool\nProperties:\n  MfaConfiguration: "ON"\n  EnabledMfas: [SOFTWARE_TOKEN_MFA]',
  },
  references: ['https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html'],
  types: ['aws.cognito.user-pool'],
  sources: ['iac', 'live'],
  check(r) {
    const raw = known(r, 'MfaConfiguration');
    const mode = raw === undefined || raw === null ? 'OFF' : text(raw).toUpperCase();
    const note = raw === undefined ? 'omitted: Cognito defaults MfaConfiguration to OFF' : undefined;
    const evidence = ev('MfaConfiguration', raw ?? null, 'ON', note);
    if (mode === 'ON') return pass('MFA is required for every user', evidence);
    if (mode === 'OPTIONAL') return fail('MFA is optional: users may sign in without a second factor', evidence);
    return fail(`MFA is ${mode}`, evidence);
  },
});
