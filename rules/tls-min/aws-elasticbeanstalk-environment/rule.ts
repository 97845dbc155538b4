import { defineRule } from '../../../src/evaluate/rule.js';
import type { EvidenceItem } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, notApplicable, must, text } from '../../../src/evaluate/facts.js';
import { ELB_DEFAULT_POLICY, elbPolicyMinTls, meetsFloor, notAValidValue } from '../../../src/lib/tls.js';
import { beanstalkOptions, beanstalkFrontEnd, beanstalkListeners, EB_TLS_PROTOCOLS, EB_OPTIONS_DOCS, EB_ALB_DOCS, EB_CLB_DOCS } from '../../https-redirect/_beanstalk.js';

/**
 * The TLS floor of a load-balanced Beanstalk environment's HTTPS/TLS
 * listeners (Application and Network Load Balancers: `SSLPolicy` of each
 * `aws:elbv2:listener:<port>`, ELB's default policy when omitted). A Classic
 * load balancer's policy is set in `aws:elb:policies` namespaces, which this
 * rule does not read: unknown when one is set, the ELB default otherwise.
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
        const custom = o.namespaces().filter((ns) => ns.startsWith('aws:elb:policies'));
        if (custom.length) return unknown(`Classic listener ${l.port}: its TLS policy is set in ${custom.join(', ')}, which this rule does not read`, ev(l.namespace, l.protocol));
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
