import { describe, it, expect } from 'vitest';
import { serviceWildcard, policyProblems, PolicyShapeError, statementsOf, regionalServicePrincipal } from '../../src/lib/iam.js';
import { ResourceRef, Unresolved, SHAPE_UNKNOWN, SHAPE_SPECIFIC } from '../../src/model/values.js';
import { Resolver } from '../../src/sources/iac/intrinsics.js';

describe('service:* (every action of one service)', () => {
  it('recognizes only patterns that cover every action of the service', () => {
    expect(serviceWildcard('dynamodb:*')).toBe('dynamodb');
    expect(serviceWildcard('DynamoDB:*')).toBe('dynamodb');
    expect(serviceWildcard('dynamodb:**')).toBe('dynamodb');
    expect(serviceWildcard('dynamodb:?*')).toBe('dynamodb');
    // A prefix or infix covers some actions: AWS Config calls ec2:Describe* compliant.
    expect(serviceWildcard('ec2:Describe*')).toBeUndefined();
    expect(serviceWildcard('s3:*Object*')).toBeUndefined();
    expect(serviceWildcard('dynamodb:??*')).toBeUndefined();
    expect(serviceWildcard('*')).toBeUndefined();
  });

  it('fails on one table, naming the service and the resource', () => {
    const [p, ...rest] = policyProblems({ Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: new ResourceRef('Ledger', 'Arn') }] });
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ status: 'fail', subId: 'Statement[0]:Action:dynamodb:*' });
    expect(p!.message).toContain('every dynamodb action');
    expect(p!.message).toContain('<GetAtt Ledger.Arn>');
  });

  it('keeps the Session Manager channel exception and passes scoped prefixes', () => {
    expect(policyProblems({ Statement: [{ Effect: 'Allow', Action: ['ssmmessages:*', 'ec2messages:*'], Resource: '*' }] })).toEqual([]);
    expect(policyProblems({ Statement: [{ Effect: 'Allow', Action: ['dynamodb:Get*', 'dynamodb:Query'], Resource: 'arn:aws:dynamodb:eu-west-1:111122223333:table/t' }] })).toEqual([]);
  });

  it('does not judge a Deny of service:* (the TLS-only bucket policy shape)', () => {
    expect(policyProblems({ Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] })).toEqual([]);
  });
});

describe('policy documents built as JSON strings with Fn::Sub / Fn::Join', () => {
  const sub = (shape: string) => new Unresolved('Fn::Sub "..."', shape);
  it('reads literal parts and keeps parameter pieces unresolved', () => {
    const problems = policyProblems(sub(`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::${SHAPE_UNKNOWN}*"}]}`));
    expect(problems.map((p) => [p.subId, p.status])).toEqual([
      ['Statement[0]:Action:*', 'fail'],
      ['Statement[1]:Action:s3:PutObject', 'unknown'],
    ]);
  });
  it('treats a placeholder outside a string, or a hostile nesting, as unreadable (never a pass)', () => {
    expect(() => policyProblems(sub(`{"Statement":[{"Effect":"Allow","Action":[${SHAPE_UNKNOWN}],"Resource":"*"}]}`))).toThrow(PolicyShapeError);
    expect(() => policyProblems(sub(`{"Statement":${'['.repeat(200000)}"${SHAPE_UNKNOWN}"${']'.repeat(200000)}}`))).toThrow(PolicyShapeError);
    expect(() => policyProblems(new Unresolved('Ref Doc'))).toThrow(PolicyShapeError);
  });
  it('keeps each piece\'s slot: a service principal built from the region is still that service', () => {
    const resolver = new Resolver({ parameters: {}, unknownParameters: new Set(), mappings: {}, conditions: {}, resources: new Set() });
    const trust = resolver.resolve({ 'Fn::Sub': '{"Statement":[{"Effect":"Allow","Principal":{"Service":"logs.${AWS::Region}.amazonaws.com"},"Action":"sts:AssumeRole"}]}' });
    const [s] = statementsOf(trust);
    expect(regionalServicePrincipal(s!.principal!.Service![0])).toBe('logs.<region>.amazonaws.com');
  });
  it('does not mistake a literal private-use character for a computed piece', () => {
    const [s] = statementsOf(sub(`{"Statement":[{"Sid":"\uE001","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::${SHAPE_SPECIFIC}/*"}]}`));
    expect(s!.sid).toBe('\uE001');
  });
  it('says why a document built by shape cannot be read, in its own words', () => {
    // A computed key is read only as a condition key of some family (`${Issuer}:sub`); elsewhere, or a whole key, it could be anything.
    expect(() => statementsOf(sub(`{"Statement":[{"Effect":"Allow","${SHAPE_UNKNOWN}":"x"}]}`))).toThrow('a key of the document depends on Fn::Sub "..."');
    expect(() => statementsOf(sub(`{"Statement":[{"Effect":"Allow","Condition":{"${SHAPE_UNKNOWN}":{"aws:SourceAccount":"1"}}}]}`))).toThrow('a key of the document depends on Fn::Sub "..."');
    expect(() => statementsOf(sub(`{"Statement":[{"Effect":"Allow","Condition":{"StringEquals":{"${SHAPE_UNKNOWN}":"x"}}}]}`))).toThrow('a key of the document depends on Fn::Sub "..."');
    // `aws:${Key}` could be aws:PrincipalOrgID: the name after the colon must start with literal text.
    expect(() => statementsOf(sub(`{"Statement":[{"Effect":"Allow","Condition":{"StringEquals":{"aws:${SHAPE_UNKNOWN}":"o-1"}}}]}`))).toThrow('a key of the document depends on Fn::Sub "..."');
    expect(Object.keys(statementsOf(sub(`{"Statement":[{"Effect":"Allow","Condition":{"StringEquals":{"aws:ResourceTag/${SHAPE_UNKNOWN}":"a"}}}]}`))[0]!.condition!.StringEquals!)).toEqual([`aws:ResourceTag/${SHAPE_UNKNOWN}`]);
    expect(() => statementsOf(sub(`{"Statement":[${SHAPE_UNKNOWN}}`))).toThrow('the document built by Fn::Sub "..." is not JSON once its values are filled in');
    expect(() => statementsOf(sub(`${'['.repeat(100)}${']'.repeat(100)}`))).toThrow('the document is nested too deeply to read');
    // A whole document that is one computed string is no policy at all (it used to read as one with no statements).
    expect(() => statementsOf(sub(`"${SHAPE_UNKNOWN}"`))).toThrow('policy document is not a JSON object');
  });
});

describe('a condition that pins a write on * to named resources', () => {
  const clusterArn = new ResourceRef('Cluster', 'Arn');
  const stmt = (Condition: unknown, Action: unknown = ['ecs:UpdateContainerInstancesState', 'ecs:StartTelemetrySession']) => ({ Statement: [{ Effect: 'Allow', Action, Resource: '*', Condition }] });

  it('passes an ArnEquals on a cluster key naming one cluster (the aws-cdk-lib drain-hook shape)', () => {
    expect(policyProblems(stmt({ ArnEquals: { 'ecs:cluster': clusterArn } }))).toEqual([]);
    expect(policyProblems(stmt({ ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:111122223333:cluster/build' } }))).toEqual([]);
    expect(policyProblems(stmt({ StringEquals: { 'ecs:cluster': new Unresolved('Fn::Sub', 'arn:aws:ecs:' + SHAPE_SPECIFIC + ':' + SHAPE_SPECIFIC + ':cluster/build') } }))).toEqual([]);
  });

  it('passes resource-tag conditions (attribute-based access control)', () => {
    expect(policyProblems(stmt({ StringEquals: { 'aws:ResourceTag/team': 'payments' } }, 'ec2:StopInstances'))).toEqual([]);
    expect(policyProblems(stmt({ StringEquals: { 'ec2:ResourceTag/team': '${aws:PrincipalTag/team}' } }, 'ec2:StartInstances'))).toEqual([]);
  });

  it('still fails when the condition does not pin: wildcards, IfExists, negation, ForAllValues, a parameter, a non-ARN value', () => {
    const fails = (c: unknown, action?: unknown) => policyProblems(stmt(c, action)).filter((p) => p.status === 'fail').length;
    expect(fails({ ArnLike: { 'ecs:cluster': '*' } })).toBe(2);
    expect(fails({ ArnLike: { 'ecs:cluster': 'arn:aws:ecs:*:*:cluster/*' } })).toBe(2);
    expect(fails({ ArnEqualsIfExists: { 'ecs:cluster': clusterArn } })).toBe(2);
    expect(fails({ ArnNotEquals: { 'ecs:cluster': clusterArn } })).toBe(2);
    expect(fails({ 'ForAllValues:StringEquals': { 'aws:ResourceTag/team': 'payments' } })).toBe(2);
    expect(fails({ StringEquals: { 'aws:ResourceTag/team': '*' } })).toBe(2);
    expect(fails({ ArnEquals: { 'ecs:cluster': new Unresolved('Ref ClusterArnParam', SHAPE_UNKNOWN) } })).toBe(2);
    expect(fails({ StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } })).toBe(2);
    expect(fails({ StringEquals: { 's3:prefix': 'home/' } }, 's3:PutObject')).toBe(1);
  });

  it('does not excuse escalation actions or every action of a service', () => {
    expect(policyProblems(stmt({ StringEquals: { 'aws:ResourceTag/team': 'payments' } }, 'iam:PutRolePolicy')).map((p) => p.status)).toEqual(['fail']);
    expect(policyProblems(stmt({ ArnEquals: { 'ecs:cluster': clusterArn } }, 'ecs:*')).map((p) => p.status)).toEqual(['fail']);
  });
});

describe('log delivery grants', () => {
  it('passes the three log-delivery actions on * and on every log group, as AWSLambdaBasicExecutionRole grants them', () => {
    const actions = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];
    expect(policyProblems({ Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] })).toEqual([]);
    expect(policyProblems({ Statement: [{ Effect: 'Allow', Action: actions, Resource: 'arn:aws:logs:*:*:*' }] })).toEqual([]);
  });
  it('passes CodePipeline job results and VPC network-interface detachment on * (no resource-level permission / the AWS managed VPC access policy)', () => {
    expect(policyProblems({ Statement: [{ Effect: 'Allow', Action: ['codepipeline:PutJobSuccessResult', 'codepipeline:PutJobFailureResult', 'ec2:DetachNetworkInterface', 'iam:UpdateAccountPasswordPolicy', 'iam:DeleteAccountPasswordPolicy'], Resource: '*' }] })).toEqual([]);
    expect(policyProblems({ Statement: [{ Effect: 'Allow', Action: 'codepipeline:PutWebhook', Resource: '*' }] }).map((p) => p.status)).toEqual(['fail']);
  });
  it('still fails other log writes on every log group (retention, deletion, subscription)', () => {
    const p = policyProblems({ Statement: [{ Effect: 'Allow', Action: ['logs:DeleteLogGroup', 'logs:PutSubscriptionFilter', 'logs:PutLogEvents'], Resource: 'arn:aws:logs:*:*:*' }] });
    expect(p.map((x) => x.subId)).toEqual(['Statement[0]:Action:logs:DeleteLogGroup', 'Statement[0]:Action:logs:PutSubscriptionFilter']);
  });
});
