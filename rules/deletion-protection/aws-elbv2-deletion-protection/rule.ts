import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asArray, asRecord } from '../../../src/evaluate/facts.js';

const KEY = 'deletion_protection.enabled';

/** FSBP ELB.6: Application, Network and Gateway Load Balancers have deletion protection (attribute deletion_protection.enabled). */
export default defineRule({
  id: 'deletion-protection/aws-elbv2-deletion-protection',
  control: 'deletion-protection',
  title: 'Load balancers have deletion protection',
  severity: 'medium',
  risk: 'Without deletion protection one API call or a stack update that replaces the load balancer takes the service off the network and frees its DNS name.',
  remediation: {
    text: 'Set the load balancer attribute deletion_protection.enabled to true.',
    cdk: "new elbv2.ApplicationLoadBalancer(this, 'Alb', { ..., deletionProtection: true })",
    cloudformation: "Type: AWS::ElasticLoadBalancingV2::LoadBalancer\nProperties:\n  LoadBalancerAttributes:\n    - { Key: deletion_protection.enabled, Value: 'true' }",
    cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn ARN --attributes Key=deletion_protection.enabled,Value=true',
  },
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection'],
  types: ['aws.elbv2.load-balancer'],
  sources: ['iac', 'live'],
  check(r) {
    const attrs = asArray(known(r, 'LoadBalancerAttributes')).map(asRecord);
    const hit = attrs.find((a) => a.Key === KEY);
    const value = hit ? known(r, `LoadBalancerAttributes[${attrs.indexOf(hit)}].Value`) : undefined;
    const e = ev(`LoadBalancerAttributes[${KEY}]`, value ?? null, 'true', hit ? undefined : 'not set: deletion protection is off by default');
    return String(value).toLowerCase() === 'true' ? pass('deletion protection is on', e) : fail('deletion protection is off', e);
  },
});
