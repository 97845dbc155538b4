import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-elasticache-serverless-cache',
  control: 'enc-rest',
  title: 'ElastiCache serverless caches encrypt data at rest (with a customer-managed key when the claim asks)',
  severity: 'medium',
  risk: 'Serverless caches are always encrypted at rest; a claim that requires customer-managed keys is broken by a cache on the service key, which can only be chosen at creation.',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, create the cache with KmsKeyId.',
    cdk: "new elasticache.CfnServerlessCache(this, 'Cache', { engine: 'valkey', serverlessCacheName: 'sessions', kmsKeyId: key.keyId })",
    cloudformation: 'Type: AWS::ElastiCache::ServerlessCache\nProperties:\n  KmsKeyId: !Ref Key',
  },
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html'],
  types: ['aws.elasticache.serverless-cache'],
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, { attested: 'ElastiCache User Guide: serverless caches always have encryption at rest enabled', keyPath: 'KmsKeyId' });
  },
});
