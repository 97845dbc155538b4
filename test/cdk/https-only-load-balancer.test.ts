import { describe, it, expect } from 'vitest';
import { Template, Annotations, Match } from 'aws-cdk-lib/assertions';
import { Errors } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { HttpsOnlyLoadBalancer } from '../../cdk/https-only-load-balancer.js';
import { newStack, newVpc, vouchCheck, problems, passedRules } from './harness.js';

const CERT_ARN = 'arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000000';

function build(context: Record<string, unknown> = {}, extra: Partial<ConstructorParameters<typeof HttpsOnlyLoadBalancer>[2]> = {}) {
  const stack = newStack(context);
  const vpc = newVpc(stack);
  const alb = new HttpsOnlyLoadBalancer(stack, 'Web', {
    vpc,
    certificates: [elbv2.ListenerCertificate.fromArn(CERT_ARN)],
    ...extra,
  });
  const targets = new elbv2.ApplicationTargetGroup(stack, 'App', { vpc, port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, targetType: elbv2.TargetType.IP });
  alb.httpsListener.addTargetGroups('App', { targetGroups: [targets] });
  return { stack, alb };
}

describe('HttpsOnlyLoadBalancer', () => {
  it('has a TLS 1.2+ HTTPS listener, a 301-only port 80, access logs, and is internal by default', async () => {
    const { stack } = build();
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internal',
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'access_logs.s3.enabled', Value: 'true' }]),
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }]),
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Protocol: 'HTTPS',
      Port: 443,
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    const doc = await vouchCheck(stack);
    expect(problems(doc)).toEqual([]);
    expect(passedRules(doc)).toContain('tls-min/aws-elbv2-listener');
    expect(passedRules(doc)).toContain('https-redirect/aws-elbv2-listener');
  });

  it('uses a TLS 1.3-only policy under a TLS 1.3 claim, and opens 443/80 to the world only when internet-facing', async () => {
    const { stack } = build({ 'vouch:claims': { tlsMin: '1.3' } }, { internetFacing: true });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internet-facing' });
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: Match.arrayWith([Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443 })]),
    });
    const doc = await vouchCheck(stack, { tlsMin: '1.3' });
    expect(problems(doc)).toEqual([]);
  });

  it('throws when the given security policy accepts TLS below the claim', () => {
    let err: unknown;
    try {
      build({}, { sslPolicy: elbv2.SslPolicy.RECOMMENDED });
    } catch (e) {
      err = e;
    }
    expect(Errors.isValidationError(err)).toBe(true);
    expect((err as Error).name).toBe('VouchAlbTlsFloor');
  });

  it('throws without a certificate', () => {
    expect(() => build({}, { certificates: [] })).toThrow(/certificate is required/);
  });

  it('warns when access logs are turned off', () => {
    const { stack } = build({}, { accessLogsBucket: false });
    Annotations.fromStack(stack).hasWarning('/Test/Web', Match.stringLikeRegexp('access logs turned off'));
  });
});
