import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asArray, asBool, must, ev, pass, fail, notApplicable, text } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'audit-logging/aws-elbv2-load-balancer-access-logs',
  control: 'audit-logging',
  title: 'Application load balancers write access logs',
  severity: 'low',
  risk: 'Without access logs there is no record of the requests the load balancer served, their clients and results, for review or investigation.',
  remediation: {
    text: 'Set the load balancer attribute access_logs.s3.enabled to true with access_logs.s3.bucket naming a log bucket.',
    cdk: 'alb.logAccessLogs(logBucket, "alb")',
    cloudformation: 'LoadBalancerAttributes:\n  - Key: access_logs.s3.enabled\n    Value: "true"\n  - Key: access_logs.s3.bucket\n    Value: !Ref AlbLogBucket',
  },
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html'],
  types: ['aws.elbv2.load-balancer'],
  sources: ['iac', 'live'],
  check(r) {
    const type = known(r, 'Type') ?? 'application';
    if (type !== 'application') return notApplicable(`${text(type)} load balancer (this rule judges application load balancers)`, ev('Type', type));
    const attrs = asArray(known(r, 'LoadBalancerAttributes')).map((a, i) => must(a, `LoadBalancerAttributes[${i}]`) as Record<string, unknown>);
    const i = attrs.findIndex((a) => a?.Key === 'access_logs.s3.enabled');
    const path = i === -1 ? 'LoadBalancerAttributes[access_logs.s3.enabled]' : `LoadBalancerAttributes[${i}].Value`;
    const raw = i === -1 ? undefined : must(attrs[i]!.Value, path);
    if (asBool(raw) === true) return pass('access logs are written to S3', ev(path, raw, 'true'));
    return fail('access logs are off', ev(path, raw ?? null, 'true', raw === undefined ? 'omitted: access logging is disabled by default' : undefined));
  },
});
