import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, must, asArray, asBool, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { ELB_DEFAULT_POLICY, elbPolicyMinTls, meetsFloor, minFromProtocols, notAValidValue } from '../../../src/lib/tls.js';
import type { TlsVersion } from '../../../src/evaluate/claims-profile.js';

const PROTOCOL_ATTRS: Record<string, string> = { 'Protocol-SSLv3': 'SSLv3', 'Protocol-TLSv1': 'TLSv1', 'Protocol-TLSv1.1': 'TLSv1.1', 'Protocol-TLSv1.2': 'TLSv1.2' };

export default defineRule({
  id: 'tls-min/aws-elb-load-balancer',
  control: 'tls-min',
  title: 'Classic load balancer HTTPS/SSL listeners refuse TLS below the floor',
  severity: 'high',
  risk: 'A classic load balancer listener without a modern SSL negotiation policy uses ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1.',
  remediation: {
    text: 'Attach an SSLNegotiationPolicyType policy whose Reference-Security-Policy is ELBSecurityPolicy-TLS-1-2-2017-01 to every HTTPS/SSL listener (PolicyNames), or migrate to an ALB/NLB with a TLS 1.2/1.3 policy.',
    cloudformation: 'Policies:\n  - PolicyName: tls12\n    PolicyType: SSLNegotiationPolicyType\n    Attributes:\n      - Name: Reference-Security-Policy\n        Value: ELBSecurityPolicy-TLS-1-2-2017-01\nListeners:\n  - { LoadBalancerPort: "443", InstancePort: "80", Protocol: HTTPS, SSLCertificateId: !Ref Cert, PolicyNames: [tls12] }',
  },
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html'],
  types: ['aws.elb.load-balancer'],
  sources: ['iac'],
  check(r, { params }) {
    const expected = `TLS ${params.tlsMin} or newer`;
    const policies = asArray(known(r, 'Policies')).map((p, i) => must(p, `Policies[${i}]`) as Record<string, unknown>);
    const listeners = asArray(known(r, 'Listeners'));
    const out: Verdict[] = [];
    listeners.forEach((raw, i) => {
      const l = (raw ?? {}) as Record<string, unknown>;
      const path = `Listeners[${i}]`;
      const proto = text(must(l.Protocol, `${path}.Protocol`)).toUpperCase();
      if (proto !== 'HTTPS' && proto !== 'SSL') return;
      const subId = `${path}:${proto}:${text(l.LoadBalancerPort)}`;
      // Names, types and attribute names are matched as facts: one the template does not settle (a parameter,
      // a {{resolve:ssm:…}} reference) might be the one that decides, so the listener is unknown, not defaulted.
      const names = asArray(must(l.PolicyNames, `${path}.PolicyNames`)).map((n, j) => text(must(n, `${path}.PolicyNames[${j}]`)));
      const ssl = policies.find((p, j) => names.includes(text(must(p?.PolicyName, `Policies[${j}].PolicyName`))) && must(p?.PolicyType, `Policies[${j}].PolicyType`) === 'SSLNegotiationPolicyType');
      let min: TlsVersion | undefined;
      let evidence;
      if (!ssl) {
        min = elbPolicyMinTls(ELB_DEFAULT_POLICY);
        evidence = ev(`${path}.PolicyNames`, names, expected, `no SSL negotiation policy: the listener uses ${ELB_DEFAULT_POLICY} (TLS 1.0+)`);
      } else {
        const attrs = asArray(must(ssl.Attributes, `Policies[${text(ssl.PolicyName)}].Attributes`)) as Record<string, unknown>[];
        attrs.forEach((a, j) => must(a?.Name, `Policies[${text(ssl.PolicyName)}].Attributes[${j}].Name`));
        const ref = attrs.find((a) => a?.Name === 'Reference-Security-Policy');
        if (ref) {
          const name = text(must(ref.Value, `Policies[${text(ssl.PolicyName)}].Reference-Security-Policy`));
          min = elbPolicyMinTls(name);
          evidence = ev(`Policies[${text(ssl.PolicyName)}].Reference-Security-Policy`, name, expected, min ? undefined : notAValidValue('Reference-Security-Policy', name, 'a predefined ELBSecurityPolicy-… name'));
        } else {
          const enabled = attrs
            .filter((a) => PROTOCOL_ATTRS[text(a?.Name)] && asBool(must(a?.Value, `Policies[${text(ssl.PolicyName)}].${text(a?.Name)}`)) === true)
            .map((a) => PROTOCOL_ATTRS[text(a.Name)]!);
          min = minFromProtocols(enabled);
          evidence = ev(`Policies[${text(ssl.PolicyName)}].Attributes`, enabled, expected, 'protocols enabled by the custom policy');
        }
      }
      if (!min) out.push({ ...fail(`${proto}:${text(l.LoadBalancerPort)} has no valid TLS policy`, evidence), subId });
      else if (!meetsFloor(min, params.tlsMin)) out.push({ ...fail(`${proto}:${text(l.LoadBalancerPort)} accepts TLS ${min}, below the promised ${params.tlsMin}`, evidence), subId });
      else out.push({ ...pass(`${proto}:${text(l.LoadBalancerPort)} accepts TLS ${min}+`, evidence), subId });
    });
    if (out.length === 0) return undefined;
    return out;
  },
});
