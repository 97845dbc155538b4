import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, text } from '../../../src/evaluate/facts.js';
import { notAValidValue, LIGHTSAIL_ORIGIN_PROTOCOL_POLICIES as LIGHTSAIL_ORIGIN_POLICIES } from '../../../src/lib/tls.js';

/**
 * How a Lightsail distribution reaches its origin (`Origin.ProtocolPolicy`): `http-only` pulls every
 * response over plain HTTP, as a CloudFront http-only origin; `match-viewer` does so for each viewer that
 * uses HTTP (whether viewers may, the template does not say); `https-only` always uses TLS.
 */
export default defineRule({
  id: 'tls-min/aws-lightsail-distribution',
  control: 'tls-min',
  title: 'Lightsail distributions reach their origin over HTTPS',
  severity: 'medium',
  risk: 'With an http-only origin, every request and response between the distribution and the origin crosses the network in plain text, whatever the viewer used.',
  remediation: {
    text: 'Set Origin.ProtocolPolicy to https-only (the origin must serve HTTPS).',
    cloudformation: 'Type: AWS::Lightsail::Distribution\nProperties:\n  Origin:\n    Name: web\n    RegionName: eu-west-1\n    ProtocolPolicy: https-only',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lightsail-distribution-inputorigin.html',
    'https://docs.aws.amazon.com/lightsail/latest/userguide/amazon-lightsail-content-delivery-network-distributions.html',
  ],
  types: ['aws.lightsail.distribution'],
  // No live collector reads Lightsail: judged in templates only.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'Origin.ProtocolPolicy');
    const e = ev('Origin.ProtocolPolicy', raw ?? null, 'https-only');
    if (raw === undefined) return unknown('the origin protocol policy is omitted and Lightsail documents no default for it', e);
    const policy = text(raw).toLowerCase();
    if (!LIGHTSAIL_ORIGIN_POLICIES.includes(policy)) return fail(`origin protocol policy ${text(raw)} is not a valid value`, { ...e, note: notAValidValue('ProtocolPolicy', text(raw), LIGHTSAIL_ORIGIN_POLICIES.join(', ')) });
    if (policy === 'http-only') return fail('the distribution pulls from its origin over plain HTTP (http-only)', e);
    if (policy === 'match-viewer') return unknown('the distribution uses HTTP to the origin for viewers that use HTTP (match-viewer); whether viewers may use HTTP the template does not say', e);
    return pass('the distribution reaches its origin only over HTTPS', e);
  },
});
