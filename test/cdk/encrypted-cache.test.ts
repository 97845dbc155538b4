import { describe, it, expect } from 'vitest';
import { Template, Match, Annotations } from 'aws-cdk-lib/assertions';
import { Errors } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { EncryptedCache } from '../../cdk/encrypted-cache.js';
import { newStack, newVpc, vouchCheck, problems } from './harness.js';

function build(extra: Partial<ConstructorParameters<typeof EncryptedCache>[2]> = {}) {
  const stack = newStack();
  const vpc = newVpc(stack);
  const cache = new EncryptedCache(stack, 'Cache', { vpc, ...extra });
  return { stack, vpc, cache };
}

describe('EncryptedCache', () => {
  it('encrypts at rest and requires TLS, takes its AUTH token from Secrets Manager, never snapshots, sits in private subnets', async () => {
    const { stack } = build();
    const t = Template.fromStack(stack);
    t.hasResource('AWS::ElastiCache::ReplicationGroup', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({
        Engine: 'valkey',
        AtRestEncryptionEnabled: true,
        TransitEncryptionEnabled: true,
        TransitEncryptionMode: 'required',
        SnapshotRetentionLimit: 0,
        AuthToken: { 'Fn::Join': ['', Match.arrayWith(['{{resolve:secretsmanager:', Match.objectLike({ Ref: Match.stringLikeRegexp('^CacheAuthToken') })])] },
      }),
    });
    const rg = Object.values(t.findResources('AWS::ElastiCache::ReplicationGroup'))[0] as { Properties: Record<string, unknown> };
    expect(rg.Properties.SnapshotName).toBeUndefined();
    expect(rg.Properties.FinalSnapshotIdentifier).toBeUndefined();
    // Subnet group = the private subnets.
    t.hasResourceProperties('AWS::ElastiCache::SubnetGroup', {
      SubnetIds: [{ Ref: Match.stringLikeRegexp('^VpcPrivateSubnet1') }, { Ref: Match.stringLikeRegexp('^VpcPrivateSubnet2') }],
    });
    t.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludePunctuation: true }) });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    expect(problems(await vouchCheck(stack))).toEqual([]);
  });

  it('lets granted peers in on the cache port only', () => {
    const { stack, vpc, cache } = build();
    const app = new ec2.SecurityGroup(stack, 'App', { vpc });
    cache.connections.allowDefaultPortFrom(app);
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 6379, ToPort: 6379, SourceSecurityGroupId: Match.anyValue() });
  });

  it('refuses snapshots and public subnets', () => {
    for (const [extra, id] of [
      [{ snapshotRetentionLimit: 1 }, 'VouchCacheSnapshots'],
      [{ vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }, 'VouchCachePublicSubnet'],
    ] as const) {
      let err: unknown;
      try {
        build(extra);
      } catch (e) {
        err = e;
      }
      expect(Errors.isValidationError(err)).toBe(true);
      expect((err as Error).name).toBe(id);
    }
  });
});
