import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, notApplicable, get, text, gapFor } from '../../../src/evaluate/facts.js';
import { ELB_DEFAULT_POLICY, elbPolicyMinTls, meetsFloor, minFromProtocols, notAValidValue } from '../../../src/lib/tls.js';

export default defineRule({
  id: 'tls-min/aws-elbv2-listener',
  control: 'tls-min',
  title: 'Load balancer HTTPS/TLS listeners accept no TLS version below the promised floor',
  severity: 'high',
  risk: 'A listener whose security policy allows TLS 1.0/1.1 lets clients negotiate protocols with known weaknesses, breaking a "TLS 1.2+ / 1.3 in transit" promise.',
  remediation: {
    text: 'Set the listener SslPolicy to a policy whose minimum protocol meets the claim (e.g. ELBSecurityPolicy-TLS13-1-2-2021-06 for 1.2+, ELBSecurityPolicy-TLS13-1-3-2021-06 for 1.3).',
    cdk: "listener: loadBalancer.addListener('Https', { port: 443, certificates: [cert], sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS })",
    cloudformation: 'Type: AWS::ElasticLoadBalancingV2::Listener\nProperties:\n  Protocol: HTTPS\n  SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06',
  },
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html'],
  types: ['aws.elbv2.listener'],
  sources: ['iac', 'live'],
  check(r, { params }) {
    const protocol = known(r, 'Protocol');
    if (protocol !== 'HTTPS' && protocol !== 'TLS') {
      return notApplicable(`listener protocol ${text(protocol ?? '(none)')} does not terminate TLS`, ev('Protocol', protocol));
    }
    const named = known(r, 'SslPolicy');
    const policy = typeof named === 'string' && named !== '' ? named : ELB_DEFAULT_POLICY;
    const note = named ? undefined : `omitted: CloudFormation, the API and CDK default to ${ELB_DEFAULT_POLICY}`;
    // Live scans carry the protocols the provider reports for the policy; trust them over the name.
    const reported = get(r.properties, 'Live.SslPolicyProtocols');
    // When DescribeSSLPolicies could not be read, only AWS's predefined names (whose
    // protocols are documented) are judged from the name; anything else stays unknown.
    const gap = gapFor(r, 'Live.SslPolicyProtocols');
    const min = Array.isArray(reported) ? minFromProtocols(reported.map(text)) : elbPolicyMinTls(policy);
    if (gap && !Array.isArray(reported) && !min) return unknown(`the protocols of policy ${policy} could not be read (${gap})`, ev('SslPolicy', policy));
    const expected = `TLS ${params.tlsMin} or newer`;
    if (!min && Array.isArray(reported)) return unknown(`the protocols reported for policy ${policy} name no TLS version`, ev('Live.SslPolicyProtocols', reported, expected));
    if (!min)
      return fail(
        `security policy ${policy} is not a valid ELB security policy`,
        ev('SslPolicy', policy, expected, notAValidValue('SslPolicy', policy, 'a predefined ELBSecurityPolicy-… name')),
      );
    const evidence = ev('SslPolicy', policy, expected, note ?? `policy accepts TLS ${min} and newer`);
    return meetsFloor(min, params.tlsMin)
      ? pass(`${protocol} listener policy ${policy} accepts TLS ${min}+`, evidence)
      : fail(`${protocol} listener policy ${policy} accepts TLS ${min}, below the promised ${params.tlsMin}`, evidence);
  },
});
