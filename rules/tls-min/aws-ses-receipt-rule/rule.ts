import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const RECEIPT_TLS_POLICIES = ['REQUIRE', 'OPTIONAL'];

/**
 * An SES receipt rule accepts inbound mail over plaintext SMTP unless `Rule.TlsPolicy` is
 * `Require`: with `Optional` (the default) a sending server that does not start TLS delivers
 * the message unencrypted, and the rule still processes it.
 */
export default defineRule({
  id: 'tls-min/aws-ses-receipt-rule',
  control: 'tls-min',
  title: 'SES receipt rules accept inbound mail only over TLS',
  severity: 'low',
  risk: 'With TlsPolicy Optional, SES accepts and processes mail that the sending server delivered over plaintext SMTP, so its content crossed the internet unencrypted.',
  remediation: {
    text: 'Set Rule.TlsPolicy to Require (SES then bounces mail that was not sent over TLS).',
    cdk: "ruleSet.addRule('Support', { recipients: ['support@example.com'], tlsPolicy: ses.TlsPolicy.REQUIRE })",
    cloudformation: 'Type: AWS::SES::ReceiptRule\nProperties:\n  RuleSetName: inbound\n  Rule:\n    TlsPolicy: Require',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ses-receiptrule-rule.html',
    'https://docs.aws.amazon.com/ses/latest/dg/receiving-email-receipt-rules-console-walkthrough.html',
  ],
  types: ['aws.ses.receipt-rule'],
  // The live collector does not read SES.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'Rule.TlsPolicy');
    const policy = raw === undefined ? 'OPTIONAL' : text(raw).toUpperCase();
    const e = ev('Rule.TlsPolicy', raw ?? null, 'Require', raw === undefined ? 'omitted: SES applies Optional and accepts mail over plaintext SMTP' : undefined);
    if (!RECEIPT_TLS_POLICIES.includes(policy)) return fail(`TlsPolicy ${text(raw)} is not a valid value`, { ...e, note: notAValidValue('TlsPolicy', text(raw), 'Require, Optional') });
    if (policy === 'OPTIONAL') return fail('inbound mail is accepted over plaintext SMTP when the sender does not start TLS', e);
    return pass('inbound mail is accepted only over TLS', e);
  },
});
