import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import {
  AWS_MANAGED_POLICIES,
  awsManagedPolicyFacts,
  awsManagedPolicyReference,
  describeServiceWildcards,
  overBroadAwsManagedPolicy,
} from '../../src/lib/aws-managed-policies.js';
import { ADMIN_MANAGED_POLICIES } from '../../src/lib/iam.js';
import { Unresolved, SHAPE_UNKNOWN, ResourceRef } from '../../src/model/values.js';
import rule from '../../rules/iam-least-privilege/aws-iam-full-access-managed-policy/rule.js';
import { runFixture } from '../helpers/rule-fixtures.js';

const aws = (name: string) => `arn:aws:iam::aws:policy/${name}`;

describe('AWS managed policies judged by what their default version grants', () => {
  it('matches service-role policies named otherwise that grant service:*, on any path and partition', () => {
    expect(overBroadAwsManagedPolicy(aws('service-role/AWSGlueServiceRole'))).toBe('AWSGlueServiceRole');
    expect(overBroadAwsManagedPolicy('arn:aws-us-gov:iam::aws:policy/service-role/AmazonElasticMapReduceforEC2Role')).toBe('AmazonElasticMapReduceforEC2Role');
    // Fn::Sub / Fn::Join over AWS::Partition (the aws-cdk-lib fromAwsManagedPolicyName shape).
    const cdk = new Unresolved('Fn::Join ["", ["arn:", Ref AWS::Partition, ...]]', `arn:${SHAPE_UNKNOWN}:iam::aws:policy/service-role/AWSGlueServiceRole`);
    expect(overBroadAwsManagedPolicy(cdk)).toBe('AWSGlueServiceRole');
    expect(overBroadAwsManagedPolicy(aws('AWSLambdaExecute'))).toBe('AWSLambdaExecute');
    // Named like admin policies but not the three the admin rule judges.
    expect(overBroadAwsManagedPolicy(aws('AdministratorAccess-AWSElasticBeanstalk'))).toBe('AdministratorAccess-AWSElasticBeanstalk');
    expect(describeServiceWildcards(AWS_MANAGED_POLICIES['AWSElasticBeanstalkService']!.serviceWildcards)).toBe(
      'elasticbeanstalk:* on all resources; cloudformation:* on arn:aws:cloudformation:*:*:stack/awseb-* and stack/eb-*; s3:* on arn:aws:s3:::elasticbeanstalk-* and its objects',
    );
  });

  it('passes table entries that grant listed actions or prefixed wildcards only', () => {
    for (const name of ['AWSCodeCommitPowerUser', 'AmazonEC2ContainerRegistryPowerUser', 'service-role/AWSBatchServiceRole', 'service-role/AmazonElasticMapReduceRole', 'service-role/AmazonEMRServicePolicy_v2', 'service-role/AWSLambdaBasicExecutionRole', 'AmazonSSMManagedInstanceCore', 'service-role/AmazonEC2RoleforSSM', 'service-role/AWSConfigRole']) {
      expect(overBroadAwsManagedPolicy(aws(name)), name).toBeUndefined();
    }
  });

  it('keeps the name-based reading for names the table does not hold, and leaves admin policies to their rule', () => {
    expect(overBroadAwsManagedPolicy(aws('AmazonS3FullAccess'))).toBe('AmazonS3FullAccess');
    expect(overBroadAwsManagedPolicy(aws('SecretsManagerReadWrite'))).toBe('SecretsManagerReadWrite');
    expect(overBroadAwsManagedPolicy(aws('AmazonEKSWorkerNodePolicy'))).toBeUndefined();
    expect(overBroadAwsManagedPolicy(aws('ReadOnlyAccess'))).toBeUndefined();
    expect(overBroadAwsManagedPolicy(aws('AdministratorAccess'))).toBeUndefined();
    expect(overBroadAwsManagedPolicy(aws('IAMFullAccess'))).toBeUndefined();
  });

  it('never matches a customer policy named like an AWS one, a template policy, or an unreadable name', () => {
    expect(overBroadAwsManagedPolicy('arn:aws:iam::111122223333:policy/AWSGlueServiceRole')).toBeUndefined();
    expect(overBroadAwsManagedPolicy(new ResourceRef('GluePolicy'))).toBeUndefined();
    expect(overBroadAwsManagedPolicy(new Unresolved('Ref PolicyArn'))).toBeUndefined();
    expect(overBroadAwsManagedPolicy('toString')).toBeUndefined();
    expect(awsManagedPolicyFacts('constructor')).toBeUndefined();
  });

  it('describes the grants grouped by resource', () => {
    expect(describeServiceWildcards(AWS_MANAGED_POLICIES.AWSGlueServiceRole!.serviceWildcards)).toBe('glue:* on all resources');
    expect(describeServiceWildcards(AWS_MANAGED_POLICIES.AWSLambdaExecute!.serviceWildcards)).toBe('logs:* on arn:aws:logs:*:*:*');
    expect(describeServiceWildcards([{ service: 's3', resource: '*' }, { service: 'sqs', resource: '*' }, { service: 'logs', resource: 'arn:aws:logs:*:*:*' }])).toBe('s3:*, sqs:* on all resources; logs:* on arn:aws:logs:*:*:*');
    expect(awsManagedPolicyReference('AWSGlueServiceRole')).toBe('https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSGlueServiceRole.html');
  });

  it('keeps the table well-formed: a version, its date, service prefixes and no admin policy', () => {
    for (const [name, f] of Object.entries(AWS_MANAGED_POLICIES)) {
      expect(name, name).toMatch(/^[A-Za-z0-9_+=,.@-]+$/);
      expect(f.version, name).toMatch(/^v\d+$/);
      expect(f.versionDate, name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const g of f.serviceWildcards) {
        expect(g.service, name).toMatch(/^([a-z0-9-]+|\*)$/);
        expect(g.resource === '*' || g.resource.startsWith(`arn:aws:${g.service}:`), name).toBe(true);
      }
      expect((ADMIN_MANAGED_POLICIES as readonly string[]).includes(name), name).toBe(false);
    }
  });
});

describe('aws-iam-full-access-managed-policy on service-role policies', () => {
  it('names the policy and the services it grants on all resources', () => {
    const file = join(import.meta.dirname, '../../rules/iam-least-privilege/aws-iam-full-access-managed-policy/fixtures/fail-service-role.yaml');
    const { findings } = runFixture(rule, file);
    const fails = Object.fromEntries(findings.filter((f) => f.status === 'fail').map((f) => [`${f.resource.name ?? f.resource.id} ${f.subId}`, f.message]));
    expect(fails['GlueJobRole ManagedPolicyArns:AWSGlueServiceRole']).toBe('AWS managed policy AWSGlueServiceRole is attached: glue:* on all resources (default version v5)');
    expect(fails['CdkCrawlerRoleA1B2C3D4 ManagedPolicyArns:AWSGlueServiceRole']).toContain('glue:* on all resources');
    expect(fails['ClusterNodeRole ManagedPolicyArns:AmazonElasticMapReduceforEC2Role']).toBe(
      'AWS managed policy AmazonElasticMapReduceforEC2Role is attached: cloudwatch:*, dynamodb:*, s3:*, sdb:*, sns:*, sqs:* on all resources (default version v3)',
    );
    expect(fails['LegacyFunctionRole ManagedPolicyArns:AWSLambdaExecute']).toContain('logs:* on arn:aws:logs:*:*:*');
    expect(fails['AutomationRole ManagedPolicyArns:AmazonSSMAutomationRole']).toContain('ssm:* on all resources (default version v6)');
    // One verdict per offending policy: AWSCodeCommitPowerUser (codecommit:Get*, Put*...) is not one.
    expect(fails['CiUser ManagedPolicyArns:AWSCodeBuildAdminAccess']).toContain('codebuild:* on all resources');
    expect(Object.keys(fails)).toHaveLength(7);
  });
});

describe('named write actions AWS managed policies allow on "*" (recorded, not judged)', () => {
  it('records only actions the inline reader would fail on "*": documented writes that name a resource', async () => {
    const { isWriteAction, isResourcelessWrite } = await import('../../src/lib/iam.js');
    const recorded = Object.entries(AWS_MANAGED_POLICIES).flatMap(([name, f]) => (f.namedWritesOnAll ?? []).map((a) => [name, a] as const));
    expect(recorded.length).toBeGreaterThanOrEqual(3);
    for (const [name, a] of recorded) expect([name, a, isWriteAction(a) && !isResourcelessWrite(a)]).toEqual([name, a, true]);
  });

  it('leaves them passing below rule zero: AWSLambdaRole (1 fail : 0 pass), DLM (0 : 12), EKS CNI (0 : 16)', () => {
    expect(AWS_MANAGED_POLICIES.AWSLambdaRole!.namedWritesOnAll).toEqual(['lambda:InvokeFunction']);
    for (const name of ['service-role/AWSLambdaRole', 'service-role/AWSDataLifecycleManagerServiceRole', 'AmazonEKS_CNI_Policy']) {
      expect(overBroadAwsManagedPolicy(aws(name))).toBeUndefined();
    }
  });
});
