import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

/**
 * A VPC Lattice listener's `Protocol` (required: HTTP, HTTPS or TLS_PASSTHROUGH). Lattice listener
 * actions are only Forward and FixedResponse: an HTTP listener cannot redirect to HTTPS, so it serves
 * its service (or answers it) in plain text, breaking "any HTTP connection is redirected to HTTPS"
 * (the reading of an ELB HTTP listener that forwards). HTTPS terminates TLS at Lattice; TLS_PASSTHROUGH
 * hands the TLS connection to the targets: neither serves plain HTTP.
 */
export default defineRule({
  id: 'https-redirect/aws-vpclattice-listener',
  control: 'https-redirect',
  title: 'VPC Lattice listeners serve HTTPS or TLS, not plain HTTP',
  severity: 'high',
  risk: 'A Lattice HTTP listener cannot redirect: every client of the service talks to it over an unencrypted channel.',
  remediation: {
    text: 'Use an HTTPS listener (with the service\'s certificate or the Lattice-generated domain) or TLS_PASSTHROUGH, and remove the HTTP listener.',
    cdk: "new vpclattice.CfnListener(this, 'Listener', { serviceIdentifier: service.attrId, protocol: 'HTTPS', port: 443, defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: targets.attrId }] } } })",
    cloudformation: 'Protocol: HTTPS\nPort: 443\nDefaultAction:\n  Forward:\n    TargetGroups: [{ TargetGroupIdentifier: !Ref Targets }]',
  },
  references: [
    'https://docs.aws.amazon.com/vpc-lattice/latest/ug/listeners.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-vpclattice-listener.html',
  ],
  types: ['aws.vpclattice.listener'],
  // No live collector reads VPC Lattice: judged in templates only.
  sources: ['iac'],
  check(r) {
    const protocol = known(r, 'Protocol');
    const expected = 'HTTPS or TLS_PASSTHROUGH';
    if (protocol === 'HTTPS' || protocol === 'TLS_PASSTHROUGH') return pass(`listener protocol ${protocol}: no plain-HTTP entry point`, ev('Protocol', protocol, expected));
    if (protocol === 'HTTP')
      return fail('HTTP listener serves the service in plain text (Lattice listeners cannot redirect to HTTPS)', ev('Protocol', protocol, expected, 'Lattice listener actions are Forward and FixedResponse only: no redirect'));
    return fail(
      `listener protocol ${text(protocol ?? '(none)')} is not a valid value: whether it serves plain HTTP is not settled`,
      ev('Protocol', protocol ?? null, expected, notAValidValue('Protocol', text(protocol ?? '(none)'), 'HTTP, HTTPS, TLS_PASSTHROUGH')),
    );
  },
});
