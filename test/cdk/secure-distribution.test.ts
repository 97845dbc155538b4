import { describe, it, expect } from 'vitest';
import { Template, Match, Annotations } from 'aws-cdk-lib/assertions';
import { Errors } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import { SecureDistribution } from '../../cdk/secure-distribution.js';
import { newStack, vouchCheck, problems } from './harness.js';

const CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/11111111-1111-1111-1111-111111111111';

function build(context: Record<string, unknown> = {}, extra: Partial<ConstructorParameters<typeof SecureDistribution>[2]> = {}) {
  const stack = newStack(context);
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT);
  new SecureDistribution(stack, 'Cdn', {
    certificate,
    domainNames: ['www.fantesty.example'],
    defaultBehavior: { origin: new origins.HttpOrigin('origin.fantesty.example', { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }) },
    ...extra,
  });
  return stack;
}

describe('SecureDistribution', () => {
  it('redirects HTTP to HTTPS, requires TLSv1.2_2021 with SNI and a custom certificate, and logs', async () => {
    const stack = build();
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        ViewerCertificate: { AcmCertificateArn: CERT, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
      }),
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    expect(problems(await vouchCheck(stack))).toEqual([]);
  });

  it('warns when standard logging is turned off', () => {
    const stack = build({}, { enableLogging: false });
    Annotations.fromStack(stack).hasWarning('/Test/Cdn', Match.stringLikeRegexp('standard logging turned off'));
    Template.fromStack(stack).resourceCountIs('AWS::S3::Bucket', 0);
  });

  it('uses TLSv1.3_2025 under a TLS 1.3 claim', () => {
    const stack = build({ 'vouch:claims': { tlsMin: '1.3' } });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.3_2025' }) }),
    });
  });

  it.each([
    ['no certificate', { certificate: undefined }, 'VouchDistributionCertificate'],
    ['an old protocol floor', { minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2016 }, 'VouchDistributionTlsFloor'],
    ['an allow-all behavior', { additionalBehaviors: { '/api/*': { origin: new origins.HttpOrigin('api.fantesty.example'), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL } } }, 'VouchDistributionHttp'],
  ] as const)('refuses %s', (_n, extra, id) => {
    let err: unknown;
    try {
      build({}, extra as never);
    } catch (e) {
      err = e;
    }
    expect(Errors.isValidationError(err)).toBe(true);
    expect((err as Error).name).toBe(id);
  });
});
