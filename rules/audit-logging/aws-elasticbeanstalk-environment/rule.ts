import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, notApplicable } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { beanstalkOptions, beanstalkFrontEnd, ebBool, EB_OPTIONS_DOCS, EB_ALB_DOCS, EB_CLB_DOCS } from '../../https-redirect/_beanstalk.js';

/**
 * Access logs of the environment's load balancer: `aws:elbv2:loadbalancer`
 * AccessLogsS3Enabled (default false) for an Application or Network Load
 * Balancer. A Classic load balancer has no access-log option (Beanstalk general
 * options, aws:elb:loadbalancer / aws:elb:policies) and ELB leaves its access
 * logs off: only an AWSEBLoadBalancer override in the source bundle's
 * .ebextensions turns them on, which the template does not hold, as an
 * .ebextensions option may set an ALB's. The same reading as an ALB without
 * AccessLogsS3Enabled (fixAN, rule zero: such ALB environments labelled fail 13 :
 * pass 0 over every set; classic scout34 IntranetEnv fail 1 : 0).
 */
const CLASSIC_NOTE = 'a Classic load balancer: ELB access logs are off unless enabled; Beanstalk has no option for them (only an .ebextensions resource override in the source bundle, not read)';

export default defineRule({
  id: 'audit-logging/aws-elasticbeanstalk-environment',
  control: 'audit-logging',
  title: 'Elastic Beanstalk load balancers write access logs',
  severity: 'medium',
  risk: 'Without load balancer access logs there is no record of who called the application, from where, and with what result.',
  remediation: {
    text: 'Set aws:elbv2:loadbalancer AccessLogsS3Enabled true and AccessLogsS3Bucket to a bucket that admits ELB log delivery.',
    cdk: "new elasticbeanstalk.CfnEnvironment(this, 'Env', { ..., optionSettings: [{ namespace: 'aws:elbv2:loadbalancer', optionName: 'AccessLogsS3Enabled', value: 'true' }, { namespace: 'aws:elbv2:loadbalancer', optionName: 'AccessLogsS3Bucket', value: logBucket.bucketName }] })",
    cloudformation: "OptionSettings:\n  - { Namespace: 'aws:elbv2:loadbalancer', OptionName: AccessLogsS3Enabled, Value: 'true' }\n  - { Namespace: 'aws:elbv2:loadbalancer', OptionName: AccessLogsS3Bucket, Value: !Ref LogBucket }",
  },
  references: [EB_OPTIONS_DOCS, EB_ALB_DOCS, EB_CLB_DOCS],
  types: ['aws.elasticbeanstalk.environment'],
  // The live collector does not read Elastic Beanstalk.
  sources: ['iac'],
  check(r, { inventory }) {
    const o = beanstalkOptions(r, inventory);
    const front = beanstalkFrontEnd(r, o);
    if (front.kind === 'worker') return notApplicable('a worker environment has no load balancer', ev('Tier.Name', 'Worker'));
    if (front.kind === 'single') return notApplicable('a single-instance environment has no load balancer', ev('aws:elasticbeanstalk:environment EnvironmentType', 'SingleInstance'));
    if (front.kind === 'invalid') return fail(front.why, ev('aws:elasticbeanstalk:environment', front.why, undefined, 'not a valid value'));
    const logs = ebBool(o, 'aws:elbv2:loadbalancer', 'AccessLogsS3Enabled', false);
    if (front.type === 'classic' || front.type === 'unset') {
      const lbEv = ev('aws:elasticbeanstalk:environment LoadBalancerType', front.type === 'classic' ? 'classic' : null, undefined, CLASSIC_NOTE);
      if (o.outside) return unknown(`a ${front.type === 'classic' ? 'Classic' : 'possibly Classic'} load balancer, and ${o.outside}`, lbEv);
      // An unset type is Classic (the API's default) or an ALB (the console's): an ALB option turning logs on may then not apply.
      if (front.type === 'unset' && logs.set && logs.value !== false)
        return unknown('LoadBalancerType is not set: the Beanstalk API creates a Classic load balancer, for which aws:elbv2:loadbalancer AccessLogsS3Enabled does not apply', lbEv, ev(logs.path, logs.raw ?? null));
      return fail(
        front.type === 'classic'
          ? 'a Classic load balancer writes no access logs: no Beanstalk option turns them on, and they are off by default'
          : 'LoadBalancerType is not set, and the load balancer Beanstalk creates (Classic, or an ALB without AccessLogsS3Enabled) writes no access logs',
        lbEv,
      );
    }
    if (logs.value === undefined)
      return fail('AccessLogsS3Enabled is not a valid value', ev(logs.path, logs.raw ?? null, true, notAValidValue('AccessLogsS3Enabled', String(logs.raw), 'true, false')));
    const evidence = ev(logs.path, logs.raw ?? null, true, logs.set ? undefined : 'omitted: access logs are off');
    if (logs.value) return pass('the load balancer writes access logs to S3', evidence);
    if (!logs.set && o.outside) return unknown(`AccessLogsS3Enabled is not set here, but ${o.outside}`, evidence);
    return fail('the load balancer writes no access logs', evidence);
  },
});
