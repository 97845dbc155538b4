/**
 * What aws-cdk-lib's own grants and defaults synthesize, judged by the IAM,
 * MFA and resource-policy rules: a grant that emits service:* fails (AWS
 * Config / Security Hub IAM.21 reading), the narrow grants and CDK's defaults
 * (key policy, SMS role, subscriptions, GitHub OIDC role pinned to a repo) pass.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Stack } from 'aws-cdk-lib';
import type { EvidenceDocument } from '../../src/findings/evidence.js';
import { newStack, vouchCheck } from './harness.js';

describe('aws-cdk-lib grants and defaults, judged', () => {
  let doc: EvidenceDocument;
  let stack: Stack;
  beforeAll(async () => {
    // GIVEN one stack with a table granted both ways, a key, a topic fanning out to a queue,
    // a user pool sending SMS and a GitHub deploy role pinned to one repository
    stack = newStack();
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const full = new iam.Role(stack, 'Full', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const narrow = new iam.Role(stack, 'Narrow', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    table.grantFullAccess(full);
    table.grantReadWriteData(narrow);
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const topic = new sns.Topic(stack, 'Topic', { masterKey: key });
    topic.addSubscription(new subs.SqsSubscription(new sqs.Queue(stack, 'Queue')));
    new cognito.UserPool(stack, 'Pool', { mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { sms: true, otp: true } });
    const github = new iam.OpenIdConnectProvider(stack, 'GitHub', { url: 'https://token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'] });
    new iam.Role(stack, 'Deploy', {
      assumedBy: new iam.WebIdentityPrincipal(github.openIdConnectProviderArn, {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:my-org/app:*' },
      }),
    });
    new iam.Role(stack, 'AnyRepo', {
      assumedBy: new iam.WebIdentityPrincipal(github.openIdConnectProviderArn, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }),
    });
    // WHEN vouch checks the synthesized assembly
    doc = await vouchCheck(stack);
  }, 120_000);

  const byId = (ruleId: string, prefix: string) =>
    doc.findings.filter((f) => f.ruleId === ruleId && (f.resource.logicalId ?? '').startsWith(prefix)).map((f) => `${f.resource.logicalId?.replace(/[0-9A-F]{8}$/, '')} ${f.status}`);

  it('table.grantFullAccess() (dynamodb:* on the table) fails; grantReadWriteData passes', () => {
    expect(byId('iam-least-privilege/aws-iam-policy', 'FullDefaultPolicy')).toEqual(['FullDefaultPolicy fail']);
    expect(byId('iam-least-privilege/aws-iam-policy', 'NarrowDefaultPolicy')).toEqual(['NarrowDefaultPolicy pass']);
    const full = doc.findings.find((f) => f.ruleId === 'iam-least-privilege/aws-iam-policy' && f.resource.logicalId?.startsWith('FullDefaultPolicy'));
    expect(full?.message).toContain('every dynamodb action (dynamodb:*)');
  });

  it("CDK's default key policy (kms:* for the account root) and the subscription's queue policy are not public", () => {
    expect(byId('public-access/aws-kms-key-policy', 'Key')).toEqual(['Key pass']);
    expect(byId('public-access/aws-sqs-queue-policy', 'QueuePolicy')).toEqual(['QueuePolicy pass']);
  });

  it("the user pool's SMS role (sns:Publish on *, trusted by Cognito only) passes", () => {
    expect(byId('iam-least-privilege/aws-iam-inline-policy', 'PoolsmsRole')).toEqual(['PoolsmsRole pass']);
  });

  it("the role CDK synthesizes for iam.OpenIdConnectProvider's own custom resource (iam:*OpenIDConnectProvider* on *) passes as a framework statement", () => {
    expect(byId('iam-least-privilege/aws-iam-inline-policy', 'CustomAWSCDKOpenIdConnectProviderCustomResourceProviderRole')).toEqual([
      'CustomAWSCDKOpenIdConnectProviderCustomResourceProviderRole pass',
    ]);
  });

  it('a GitHub OIDC role pinned to one repository passes; one pinned to the audience only is public (any repository)', () => {
    expect(byId('public-access/aws-iam-role-trust', 'Deploy')).toEqual(['Deploy pass']);
    expect(byId('public-access/aws-iam-role-trust', 'AnyRepo')).toEqual(['AnyRepo fail']);
    expect(byId('iam-least-privilege/aws-iam-role-trust', 'AnyRepo')).toEqual(['AnyRepo pass']);
  });
});
