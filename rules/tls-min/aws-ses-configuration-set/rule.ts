import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

const TLS_POLICIES = ['REQUIRE', 'OPTIONAL'];

/**
 * SES delivers mail with opportunistic TLS unless a configuration set says
 * `DeliveryOptions.TlsPolicy: REQUIRE`: with OPTIONAL (the default) a message goes out in
 * plain text when the receiving server offers no TLS (AWS Config ses-sending-tls-required).
 */
export default defineRule({
  id: 'tls-min/aws-ses-configuration-set',
  control: 'tls-min',
  title: 'SES configuration sets deliver mail only over TLS',
  severity: 'low',
  risk: 'With TlsPolicy OPTIONAL, SES sends a message in plain text to any receiving server that does not offer STARTTLS, so its content crosses the internet unencrypted.',
  remediation: {
    text: 'Set DeliveryOptions.TlsPolicy to REQUIRE (messages are then delivered only when a TLS connection can be made).',
    cdk: "new ses.ConfigurationSet(this, 'Mail', { tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE })",
    cloudformation: 'Type: AWS::SES::ConfigurationSet\nProperties:\n  DeliveryOptions:\n    TlsPolicy: REQUIRE',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ses-configurationset-deliveryoptions.html',
    'https://docs.aws.amazon.com/ses/latest/dg/security-protocols.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/ses-sending-tls-required.html',
  ],
  types: ['aws.ses.configuration-set'],
  // The live collector does not read SES.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'DeliveryOptions.TlsPolicy');
    const policy = raw === undefined ? 'OPTIONAL' : text(raw).toUpperCase();
    const e = ev('DeliveryOptions.TlsPolicy', raw ?? null, 'REQUIRE', raw === undefined ? 'omitted: SES uses opportunistic TLS (OPTIONAL) and falls back to plain text' : undefined);
    if (!TLS_POLICIES.includes(policy)) return fail(`TlsPolicy ${text(raw)} is not a valid value`, { ...e, note: notAValidValue('TlsPolicy', text(raw), TLS_POLICIES.join(', ')) });
    if (policy === 'OPTIONAL') return fail('mail may be delivered in plain text when the receiving server offers no TLS', e);
    return pass('mail is delivered only over TLS', e);
  },
});
