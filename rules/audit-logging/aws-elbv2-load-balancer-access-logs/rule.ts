import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asArray, asBool, must, ev, pass, fail, unknown, notApplicable, text, gapFor } from '../../../src/evaluate/facts.js';

/**
 * Application load balancers log every request when access logs are on. A
 * network load balancer writes access logs only for its TLS listeners (AWS:
 * "access logs are created only if the load balancer has a TLS listener"), so
 * an NLB with TLS listeners is judged like an ALB and one without is not
 * applicable: there is nothing it could log. Gateway load balancers have no
 * access logs.
 */
export default defineRule({
  id: 'audit-logging/aws-elbv2-load-balancer-access-logs',
  control: 'audit-logging',
  title: 'Application load balancers, and network load balancers with TLS listeners, write access logs',
  severity: 'low',
  risk: 'Without access logs there is no record of the requests the load balancer served, their clients and results, for review or investigation.',
  remediation: {
    text: 'Set the load balancer attribute access_logs.s3.enabled to true with access_logs.s3.bucket naming a log bucket.',
    cdk: 'alb.logAccessLogs(logBucket, "alb")',
    cloudformation: 'LoadBalancerAttributes:\n  - Key: access_logs.s3.enabled\n    Value: "true"\n  - Key: access_logs.s3.bucket\n    Value: !Ref AlbLogBucket',
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-access-logs.html',
  ],
  types: ['aws.elbv2.load-balancer'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    const type = known(r, 'Type') ?? 'application';
    const typeEv = ev('Type', type);
    if (type === 'network') {
      const gap = gapFor(r, 'Live.Listeners');
      if (gap) return unknown(`the listeners of this network load balancer were not read (${gap}): whether it has TLS listeners to log is not known`, typeEv);
      const listeners = inventory.related(r, 'listeners');
      const tls = listeners.filter((l) => must(l.properties.Protocol, `${l.name ?? l.id}.Protocol`) === 'TLS');
      if (!tls.length)
        return notApplicable(`network load balancer without TLS listeners (${listeners.length} listener(s)): NLB access logs cover TLS requests only`, typeEv);
    } else if (type !== 'application') return notApplicable(`${text(type)} load balancer has no access logs`, typeEv);
    const attrs = asArray(known(r, 'LoadBalancerAttributes')).map((a, i) => must(a, `LoadBalancerAttributes[${i}]`) as Record<string, unknown>);
    const i = attrs.findIndex((a) => a?.Key === 'access_logs.s3.enabled');
    const path = i === -1 ? 'LoadBalancerAttributes[access_logs.s3.enabled]' : `LoadBalancerAttributes[${i}].Value`;
    const raw = i === -1 ? undefined : must(attrs[i]!.Value, path);
    if (asBool(raw) === true) return pass('access logs are written to S3', ev(path, raw, 'true'));
    return fail('access logs are off', ev(path, raw ?? null, 'true', raw === undefined ? 'omitted: access logging is disabled by default' : undefined));
  },
});
