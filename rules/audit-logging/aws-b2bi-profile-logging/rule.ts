import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, text } from '../../../src/evaluate/facts.js';

/**
 * An AWS B2B Data Interchange profile (the EDI sender/receiver a business trades as) writes its
 * transformation and partnership activity to a CloudWatch log group when Logging is ENABLED. Logging is a
 * required property with two documented values, ENABLED and DISABLED; DISABLED is an explicit switch
 * off and fails. It cannot be changed without replacing the profile.
 * Corpus (session 12, fixR): no AWS::B2BI::Profile in any set.
 */
export default defineRule({
  id: 'audit-logging/aws-b2bi-profile-logging',
  control: 'audit-logging',
  title: 'B2B Data Interchange profiles log to CloudWatch Logs',
  severity: 'low',
  risk: 'With logging disabled, which EDI documents a trading profile received, transformed and sent (and which failed) leaves no record.',
  remediation: {
    text: 'Set Logging to ENABLED (the profile is replaced).',
    cdk: "new b2bi.CfnProfile(this, 'Profile', { ..., logging: 'ENABLED' })",
    cloudformation: 'Type: AWS::B2BI::Profile\nProperties:\n  Logging: ENABLED',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-b2bi-profile.html', 'https://docs.aws.amazon.com/b2bi/latest/APIReference/API_CreateProfile.html'],
  types: ['aws.b2bi.profile'],
  // No live collector reads B2BI.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'Logging');
    const e = ev('Logging', raw ?? null, 'ENABLED');
    if (raw === undefined || raw === null) return unknown('Logging is missing: it is required, so the template does not deploy as written', e);
    const v = text(raw).toUpperCase();
    if (v === 'DISABLED') return fail('the profile does not log (Logging DISABLED)', e);
    if (v === 'ENABLED') return pass('the profile logs to CloudWatch Logs', e);
    return unknown(`Logging ${text(raw)} is not a documented value (ENABLED, DISABLED)`, e);
  },
});
