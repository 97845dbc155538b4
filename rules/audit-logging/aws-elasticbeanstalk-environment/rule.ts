import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, notApplicable } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { beanstalkOptions, beanstalkFrontEnd, ebBool, EB_OPTIONS_DOCS, EB_ALB_DOCS, EB_CLB_DOCS } from '../../https-redirect/_beanstalk.js';

/**
 * Access logs of the environment's load balancer: `aws:elbv2:loadbalancer`
 * AccessLogsS3Enabled (default false) for an Application or Network Load
 * Balancer. A Classic load balancer's access logs are set on its
 * AWSEBLoadBalancer resource in .ebextensions, outside the option settings:
 * unknown, as is an environment whose LoadBalancerType is not set.
 */
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
    if (front.type === 'classic' || front.type === 'unset')
      return unknown(
        front.type === 'classic'
          ? 'a Classic load balancer: Beanstalk sets its access logs outside the option settings vouch reads'
          : 'LoadBalancerType is not set: the Beanstalk API has created Classic load balancers, whose access logs are set outside the option settings vouch reads',
        ev('aws:elasticbeanstalk:environment LoadBalancerType', front.type === 'classic' ? 'classic' : null),
      );
    const logs = ebBool(o, 'aws:elbv2:loadbalancer', 'AccessLogsS3Enabled', false);
    if (logs.value === undefined)
      return fail('AccessLogsS3Enabled is not a valid value', ev(logs.path, logs.raw ?? null, true, notAValidValue('AccessLogsS3Enabled', String(logs.raw), 'true, false')));
    const evidence = ev(logs.path, logs.raw ?? null, true, logs.set ? undefined : 'omitted: access logs are off');
    if (logs.value) return pass('the load balancer writes access logs to S3', evidence);
    if (!logs.set && o.outside) return unknown(`AccessLogsS3Enabled is not set here, but ${o.outside}`, evidence);
    return fail('the load balancer writes no access logs', evidence);
  },
});
