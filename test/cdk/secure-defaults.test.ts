import { describe, it, expect } from 'vitest';
import { Aspects, Stack } from 'aws-cdk-lib';
import { Template, Annotations, Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import { SecureDefaults } from '../../cdk/secure-defaults.js';
import { newApp, ENV, vouchCheck, problems, onlyControls } from './harness.js';

const CERT = 'arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000000';

function bareStack(context: Record<string, unknown> = {}) {
  const app = newApp(context);
  const stack = new Stack(app, 'Bare', { env: ENV });
  new s3.Bucket(stack, 'L2Bucket');
  new s3.CfnBucket(stack, 'L1Bucket');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'pub', subnetType: ec2.SubnetType.PUBLIC }] });
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
  new elbv2.CfnListener(stack, 'L1Listener', {
    loadBalancerArn: alb.loadBalancerArn,
    port: 443,
    protocol: 'HTTPS',
    certificates: [{ certificateArn: CERT }],
    defaultActions: [{ type: 'fixed-response', fixedResponseConfig: { statusCode: '200' } }],
  });
  new elasticache.CfnReplicationGroup(stack, 'Cache', { replicationGroupDescription: 'c', engine: 'valkey', cacheNodeType: 'cache.t4g.micro', numCacheClusters: 1 });
  return { app, stack };
}

describe('SecureDefaults aspect', () => {
  it('fills in missing controls on L1/L2 resources, says what it changed, and the result passes vouch', async () => {
    const { app, stack } = bareStack();
    const defaults = new SecureDefaults();
    Aspects.of(app).add(defaults);
    const t = Template.fromStack(stack);
    for (const logical of ['L2Bucket', 'L1Bucket']) {
      const [, bucket] = Object.entries(t.findResources('AWS::S3::Bucket')).find(([id]) => id.startsWith(logical))!;
      expect((bucket as { Properties: Record<string, unknown> }).Properties).toMatchObject({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      });
    }
    t.resourceCountIs('AWS::S3::BucketPolicy', 2);
    t.allResourcesProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } })]) },
    });
    t.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', { AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true, TransitEncryptionMode: 'required' });

    const summary = defaults.summary().join('\n');
    expect(summary).toMatch(/Bare\/L1Bucket .*BucketEncryption = SSE-S3/);
    expect(summary).toMatch(/Bare\/L2Bucket\/Resource .*bucket policy: Deny aws:SecureTransport=false and s3:TlsVersion < 1.2/);
    expect(summary).toMatch(/Bare\/L1Listener .*SslPolicy = ELBSecurityPolicy-TLS13-1-2-2021-06/);
    expect(summary).toMatch(/Bare\/Cache .*TransitEncryptionMode = required/);
    expect(Annotations.fromStack(stack).findInfo('/Bare/L1Listener', Match.stringLikeRegexp('SecureDefaults set SslPolicy'))).toHaveLength(1);

    // Judged on the controls the aspect applies (logging, flow logs and the like are not its business).
    expect(problems(await vouchCheck(stack, onlyControls(['enc-rest', 'tls-min', 'public-access', 'cache-no-backup'])))).toEqual([]);
  });

  it('takes the listener policy and the S3 TLS floor from a TLS 1.3 claim', () => {
    const { app, stack } = bareStack({ 'vouch:claims': { tlsMin: '1.3' } });
    Aspects.of(app).add(new SecureDefaults());
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { SslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' });
    t.allResourcesProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Condition: { NumericLessThan: { 's3:TlsVersion': 1.3 } } })]) },
    });
  });

  it('never overrides an explicit value; a weak explicit listener policy only warns', () => {
    const app = newApp();
    const stack = new Stack(app, 'S', { env: ENV });
    new s3.Bucket(stack, 'Kms', { encryption: s3.BucketEncryption.KMS_MANAGED });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'pub', subnetType: ec2.SubnetType.PUBLIC }] });
    const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
    alb.addListener('Https', { port: 443, certificates: [elbv2.ListenerCertificate.fromArn(CERT)], sslPolicy: elbv2.SslPolicy.RECOMMENDED }).addAction('Ok', {
      action: elbv2.ListenerAction.fixedResponse(200),
    });
    const defaults = new SecureDefaults();
    Aspects.of(app).add(defaults);
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::S3::Bucket', { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { SslPolicy: 'ELBSecurityPolicy-2016-08' });
    Annotations.fromStack(stack).hasWarning('/S/Alb/Https/Resource', Match.stringLikeRegexp('accepts TLS below 1.2; not changed'));
    expect(defaults.summary().some((l) => l.includes('SslPolicy'))).toBe(false);
  });
});
