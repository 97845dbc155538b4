import { defineRule } from '../../../src/evaluate/rule.js';
import type { EvidenceItem } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, notApplicable, must, text } from '../../../src/evaluate/facts.js';
import { ELB_DEFAULT_POLICY, elbPolicyMinTls, minFromProtocols, meetsFloor, notAValidValue } from '../../../src/lib/tls.js';
import type { TlsVersion } from '../../../src/evaluate/claims-profile.js';
import { beanstalkOptions, beanstalkFrontEnd, beanstalkListeners, EB_TLS_PROTOCOLS, EB_OPTIONS_DOCS, EB_ALB_DOCS, EB_CLB_DOCS, type EbOptions, type EbListener } from '../../https-redirect/_beanstalk.js';

const ELB_POLICIES = 'aws:elb:policies:';

/** A comma-separated option value as trimmed items. */
const items = (v: unknown, path: string): string[] => text(must(v, path)).split(',').map((x) => x.trim()).filter(Boolean);

type ClassicPolicy = { policy: string; min: TlsVersion | undefined; path: string; named: boolean } | { unknown: string; path: string; value: unknown };

/**
 * The TLS policy of a Classic listener: the `aws:elb:policies:<name>` namespace that sets SSLReferencePolicy
 * (a predefined ELBSecurityPolicy-…) or SSLProtocols (`Protocol-TLSv1.2,…`) and applies to the listener, by
 * its LoadBalancerPorts (a port list, or `:all`) or by the listener's PolicyNames (Beanstalk general options,
 * aws:elb:policies:policy_name). Policies that set neither (stickiness, proxy protocol, back-end keys) negotiate
 * nothing. None applies: ELB's default policy. Two apply: which one the listener ends with is not documented.
 */
function classicPolicy(o: EbOptions, l: EbListener): ClassicPolicy {
  const listed = o.get(l.namespace, 'PolicyNames');
  const names = listed ? items(listed.value, listed.path) : [];
  const tlsPolicies: string[] = [];
  for (const ns of o.namespaces().filter((n) => n.startsWith(ELB_POLICIES))) {
    const ports = o.get(ns, 'LoadBalancerPorts');
    const applies = names.includes(ns.slice(ELB_POLICIES.length)) || (ports !== undefined && items(ports.value, ports.path).some((x) => x === l.port || x === ':all'));
    if (applies && (o.get(ns, 'SSLReferencePolicy') || o.get(ns, 'SSLProtocols'))) tlsPolicies.push(ns);
  }
  if (tlsPolicies.length === 0) return { policy: ELB_DEFAULT_POLICY, min: elbPolicyMinTls(ELB_DEFAULT_POLICY), path: `${l.namespace} (no aws:elb:policies TLS policy)`, named: false };
  if (tlsPolicies.length > 1) return { unknown: `${tlsPolicies.length} TLS policies (${tlsPolicies.join(', ')}) apply to Classic listener ${l.port}, and which one it ends with is not documented`, path: tlsPolicies[0]!, value: tlsPolicies };
  const ns = tlsPolicies[0]!;
  const ref = o.get(ns, 'SSLReferencePolicy');
  const protocols = o.get(ns, 'SSLProtocols');
  if (ref && protocols) return { unknown: `${ns} sets both SSLReferencePolicy and SSLProtocols, and which one ELB applies is not documented`, path: ref.path, value: [text(ref.value), text(protocols.value)] };
  if (ref) {
    const name = text(must(ref.value, ref.path));
    return { policy: name, min: elbPolicyMinTls(name), path: ref.path, named: true };
  }
  const list = items(protocols!.value, protocols!.path);
  // SSLProtocols lists protocols and ciphers to enable: `Protocol-TLSv1.2`, `ECDHE-RSA-AES128-GCM-SHA256`.
  const versions = list.filter((x) => /^Protocol-/i.test(x)).map((x) => x.replace(/^Protocol-/i, ''));
  return { policy: list.join(','), min: minFromProtocols(versions), path: protocols!.path, named: true };
}

/**
 * The TLS floor of a load-balanced Beanstalk environment's HTTPS/TLS
 * listeners (Application and Network Load Balancers: `SSLPolicy` of each
 * `aws:elbv2:listener:<port>`, ELB's default policy when omitted). A Classic
 * load balancer's policy is the `aws:elb:policies:<name>` SSLReferencePolicy or
 * SSLProtocols that applies to the listener's port (fixAN, scout34 IntranetEnv),
 * the ELB default when none does.
 * Plain listeners are https-redirect's concern: with no TLS listener the rule
 * does not apply.
 */
export default defineRule({
  id: 'tls-min/aws-elasticbeanstalk-environment',
  control: 'tls-min',
  title: 'Elastic Beanstalk HTTPS listeners refuse TLS below the promised version',
  severity: 'high',
  risk: 'An HTTPS listener left on ELB\'s default policy accepts TLS 1.0 and 1.1, which the promise excludes.',
  remediation: {
    text: 'Set SSLPolicy on each HTTPS listener to a policy with the promised floor, such as ELBSecurityPolicy-TLS13-1-2-2021-06.',
    cdk: "{ namespace: 'aws:elbv2:listener:443', optionName: 'SSLPolicy', value: 'ELBSecurityPolicy-TLS13-1-2-2021-06' }",
    cloudformation: "OptionSettings:\n  - { Namespace: 'aws:elbv2:listener:443', OptionName: SSLPolicy, Value: ELBSecurityPolicy-TLS13-1-2-2021-06 }",
  },
  references: [EB_OPTIONS_DOCS, EB_ALB_DOCS, EB_CLB_DOCS, 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html', 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/https-singleinstance.html'],
  types: ['aws.elasticbeanstalk.environment'],
  // The live collector does not read Elastic Beanstalk.
  sources: ['iac'],
  check(r, { inventory, params }) {
    const o = beanstalkOptions(r, inventory);
    const front = beanstalkFrontEnd(r, o);
    if (front.kind === 'worker') return notApplicable('a worker environment has no HTTP front end', ev('Tier.Name', 'Worker'));
    if (front.kind === 'invalid') return fail(front.why, ev('aws:elasticbeanstalk:environment', front.why, undefined, 'not a valid value'));
    // A single-instance environment has no load balancer and no TLS listener in its settings: the instance
    // serves plain HTTP on port 80, which https-redirect fails. Rule zero (session 14, fixAC count over every
    // labelled set): such environments labelled tls-min pass 3 (vault2, vault3, scout23), unknown 0; TLS set up
    // in the source bundle (.ebextensions) is not read, as for a load-balanced environment without a TLS listener.
    if (front.kind === 'single')
      return notApplicable(
        'a single-instance environment has no load balancer and the template sets up no TLS: the instance serves plain HTTP on port 80 (judged by https-redirect); TLS configured in the source bundle is not read',
        ev('aws:elasticbeanstalk:environment EnvironmentType', 'SingleInstance'),
      );
    const family = front.type === 'classic' ? 'elb' : front.type === 'unset' ? undefined : 'elbv2';
    const candidates = family ? beanstalkListeners(o, family, front.type === 'network') : [...beanstalkListeners(o, 'elbv2'), ...beanstalkListeners(o, 'elb')];
    const tls = candidates.filter((l) => l.enabled.value !== false && EB_TLS_PROTOCOLS.includes(l.protocol));
    if (tls.length === 0) {
      if (o.outside) return unknown(`no TLS listener here, but ${o.outside}`);
      return notApplicable('no HTTPS/TLS listener (plain listeners are judged by https-redirect)');
    }
    const evidence: EvidenceItem[] = [];
    const bad: string[] = [];
    const expected = `TLS ${params.tlsMin} or newer`;
    for (const l of tls) {
      if (l.family === 'elb') {
        const c = classicPolicy(o, l);
        if ('unknown' in c) return unknown(c.unknown, ev(c.path, c.value));
        if (!c.min) return fail(`Classic listener ${l.port}: ${c.policy} is not a valid TLS policy`, ev(c.path, c.policy, expected, notAValidValue('SSLReferencePolicy / SSLProtocols', c.policy, 'a predefined ELBSecurityPolicy-… name or Protocol-TLSv1.x entries')));
        evidence.push(ev(c.path, c.policy, expected, c.named ? `accepts TLS ${c.min} and newer` : `no TLS policy applies: Elastic Load Balancing applies ${ELB_DEFAULT_POLICY} (TLS ${c.min} and newer)`));
        if (!meetsFloor(c.min, params.tlsMin)) bad.push(`${l.port} (${c.named ? c.policy : ELB_DEFAULT_POLICY}: TLS ${c.min})`);
        continue;
      }
      const opt = l.family === 'elbv2' ? o.get(l.namespace, 'SSLPolicy') : undefined;
      const named = opt === undefined ? undefined : text(must(opt.value, opt.path));
      const policy = named ?? ELB_DEFAULT_POLICY;
      const path = opt?.path ?? `${l.namespace} SSLPolicy`;
      const min = elbPolicyMinTls(policy);
      if (!min) return fail(`listener ${l.port}: SSLPolicy is not a valid value`, ev(path, policy, expected, notAValidValue('SSLPolicy', policy, 'a predefined ELBSecurityPolicy-… name')));
      evidence.push(ev(path, policy, expected, named ? `accepts TLS ${min} and newer` : `omitted: Elastic Load Balancing applies ${ELB_DEFAULT_POLICY} (TLS ${min} and newer)`));
      if (!meetsFloor(min, params.tlsMin)) bad.push(`${l.port} (${policy}: TLS ${min})`);
    }
    if (bad.length) return fail(`listener ${bad.join(', ')} accepts TLS below the promised ${params.tlsMin}`, ...evidence);
    return pass(`every TLS listener refuses TLS below ${params.tlsMin}`, ...evidence);
  },
});
