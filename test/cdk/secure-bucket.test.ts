import { describe, it, expect } from 'vitest';
import { Template, Annotations, Match } from 'aws-cdk-lib/assertions';
import { Errors } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SecureBucket } from '../../cdk/secure-bucket.js';
import { newStack, vouchCheck, problems, passedRules } from './harness.js';

describe('SecureBucket', () => {
  it('synthesizes an encrypted, SSL-only, non-public, versioned, logged bucket that vouch passes', async () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'access-logs/' },
    });
    // SSL-only with the claim's TLS floor (default 1.2).
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
    t.resourceCountIs('AWS::S3::Bucket', 2); // data + its access-log bucket
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());

    const doc = await vouchCheck(stack);
    expect(problems(doc)).toEqual([]);
    expect(passedRules(doc)).toContain('enc-rest/aws-s3-bucket');
  });

  it('raises the TLS floor to 1.3 and uses KMS when the claims say so', async () => {
    const stack = newStack({ 'vouch:claims': { tlsMin: '1.3', requireCustomerManagedKeys: true } });
    new SecureBucket(stack, 'Data');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Condition: { NumericLessThan: { 's3:TlsVersion': 1.3 } } })]) },
    });
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) })] },
    });
    const doc = await vouchCheck(stack, { tlsMin: '1.3', requireCustomerManagedKeys: true });
    expect(problems(doc)).toEqual([]);
  });

  it('adds a retention lifecycle whose current + noncurrent days stay within the retention', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Telemetry', { expireAfterDays: 90 });
    new SecureBucket(stack, 'Scratch', { expireAfterDays: 7, versioned: false });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 89, NoncurrentVersionExpiration: { NoncurrentDays: 1 }, Status: 'Enabled' })] },
    });
    t.hasResourceProperties('AWS::S3::Bucket', { LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 7, NoncurrentVersionExpiration: Match.absent() })] } });
    expect(() => new SecureBucket(newStack(), 'OneDay', { expireAfterDays: 1 })).toThrow(/1-day retention/);
  });

  it('warns when access logging is turned off, and tags log buckets as holding no customer data', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data', { accessLogs: false });
    new SecureBucket(stack, 'Logs', { logTarget: true });
    Annotations.fromStack(stack).hasWarning('/Test/Data', Match.stringLikeRegexp('access logging turned off'));
    Annotations.fromStack(stack).hasNoWarning('/Test/Logs', Match.anyValue());
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { Tags: [{ Key: 'vouch:customer-data', Value: 'false' }] });
  });

  it('warns with a stable id when versioning is turned off', () => {
    const stack = newStack();
    new SecureBucket(stack, 'Data', { versioned: false });
    const warnings = Annotations.fromStack(stack).findWarning('/Test/Data', Match.stringLikeRegexp('versioning turned off'));
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0]!.entry.data)).toContain('vouch:bucket-versioning-off');
  });

  it.each([
    ['enforceSSL: false', { enforceSSL: false }, 'VouchBucketSslRequired'],
    ['publicReadAccess', { publicReadAccess: true }, 'VouchBucketPublicRead'],
    ['open public access block', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS }, 'VouchBucketPublicAccessBlock'],
    ['TLS floor below the claim', { minimumTLSVersion: 1.0 }, 'VouchBucketTlsFloor'],
  ] as const)('throws a ValidationError for %s', (_name, props, id) => {
    const stack = newStack();
    let err: unknown;
    try {
      new SecureBucket(stack, 'Data', props as s3.BucketProps);
    } catch (e) {
      err = e;
    }
    expect(Errors.isValidationError(err)).toBe(true);
    expect((err as Error).name).toBe(id);
  });
});
