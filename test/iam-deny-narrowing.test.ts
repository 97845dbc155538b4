import { describe, it, expect } from 'vitest';
import { policyProblems, denyNarrowing, denyStatementsOf, statementsOf } from '../src/lib/iam.js';
import { Unresolved } from '../src/model/values.js';

const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: unknown) => ({ Effect: 'Allow', Action, Resource: '*' });
const ids = (d: unknown) => policyProblems(d).map((p) => p.subId);

describe('a Deny that narrows an Allow on "*" (src/lib/iam/identity-policy.ts denyNarrowing)', () => {
  it('covers a pattern only by *, the same text or a plain prefix of it', () => {
    const denies = (action: unknown) => denyStatementsOf(statementsOf(doc({ Effect: 'Deny', Action: action, Resource: '*' })));
    expect(denyNarrowing('s3:Put*', denies('s3:*'), false)).toContain('denied on every resource');
    expect(denyNarrowing('s3:PutObject*', denies('s3:Put*'), false)).toBeDefined();
    expect(denyNarrowing('s3:Put*', denies('s3:PutObject'), false)).toBeUndefined();
    expect(denyNarrowing('s3:Put*', denies('s3:*Object'), false)).toBeUndefined();
    expect(denyNarrowing('S3:PUTOBJECT', denies('s3:put*'), false)).toBeDefined();
  });

  it('a NotAction Deny covers a named action none of its entries matches, never a pattern', () => {
    const d = denyStatementsOf(statementsOf(doc({ Effect: 'Deny', NotAction: ['logs:*', 'sqs:Receive*'], Resource: '*' })));
    expect(denyNarrowing('sns:Publish', d, false)).toBeDefined();
    expect(denyNarrowing('sqs:ReceiveMessage', d, false)).toBeUndefined();
    expect(denyNarrowing('sns:Publish*', d, false)).toBeUndefined();
  });

  it('NotResource narrows only to specific resources, and without a condition', () => {
    const bucket = 'arn:aws:s3:::ledger-exports/*';
    expect(ids(doc(allow('s3:PutObject'), { Effect: 'Deny', Action: 's3:PutObject', NotResource: bucket }))).toEqual([]);
    for (const notResource of ['*', 'arn:aws:s3:::*', 'arn:aws:s3:::*/*', ['arn:aws:s3:::ledger-exports/*', 'arn:aws:s3:::*'], 'arn:*', 'arn:aws:*', 'arn:aws:s3:*', 'arn:aws:s3:*:*'])
      expect(ids(doc(allow('s3:PutObject'), { Effect: 'Deny', Action: 's3:PutObject', NotResource: notResource })), JSON.stringify(notResource)).toEqual(['Statement[0]:Action:s3:PutObject']);
    const conditioned = { Effect: 'Deny', Action: 's3:PutObject', NotResource: bucket, Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
    expect(ids(doc(allow('s3:PutObject'), conditioned))).toEqual(['Statement[0]:Action:s3:PutObject']);
  });

  it('a resource-tag Deny narrows writes and reads but not escalation actions, and only alone and negated', () => {
    const tagDeny = (Condition: unknown, Action: unknown = '*') => ({ Effect: 'Deny', Action, Resource: '*', Condition });
    const team = { StringNotEquals: { 'aws:ResourceTag/team': 'ledger' } };
    expect(ids(doc(allow(['ec2:TerminateInstances', 'ssm:GetParameter']), tagDeny(team)))).toEqual([]);
    expect(ids(doc(allow('iam:PassRole'), tagDeny(team)))).toEqual(['Statement[0]:Action:iam:PassRole']);
    expect(ids(doc(allow('ec2:TerminateInstances'), tagDeny({ StringEquals: { 'aws:ResourceTag/team': 'ledger' } })))).toHaveLength(1);
    expect(ids(doc(allow('ec2:TerminateInstances'), tagDeny({ StringNotEquals: { 'aws:PrincipalTag/team': 'ledger' } })))).toHaveLength(1);
    expect(ids(doc(allow('ec2:TerminateInstances'), tagDeny({ StringNotEquals: { 'aws:ResourceTag/team': ['*'] } })))).toHaveLength(1);
    expect(ids(doc(allow('ec2:TerminateInstances'), tagDeny({ ...team, StringLike: { 'aws:userid': 'AIDA*' } })))).toHaveLength(1);
    expect(ids(doc(allow('ec2:TerminateInstances'), tagDeny(team, 'ec2:Describe*')))).toHaveLength(1);
  });

  it('a Deny with a Principal, hidden actions or a Deny of named resources narrows nothing; service:* and * still fail', () => {
    const bucket = 'arn:aws:s3:::ledger-exports/*';
    expect(ids(doc(allow('s3:PutObject'), { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', NotResource: bucket }))).toHaveLength(1);
    expect(ids(doc(allow('s3:PutObject'), { Effect: 'Deny', Action: 's3:PutObject', Resource: bucket }))).toHaveLength(1);
    expect(ids(doc(allow('s3:*'), { Effect: 'Deny', Action: 's3:*', NotResource: bucket }))).toEqual(['Statement[0]:Action:s3:*']);
    expect(ids(doc(allow('*'), { Effect: 'Deny', Action: '*', NotResource: bucket }))).toEqual(['Statement[0]:Action:*']);
  });

  it('Denies of other documents passed in narrow as the document\'s own', () => {
    const other = denyStatementsOf(statementsOf(doc({ Effect: 'Deny', Action: 'sqs:SendMessage', NotResource: 'arn:aws:sqs:eu-west-1:111122223333:jobs' })), 'guard:');
    expect(policyProblems(doc(allow('sqs:SendMessage')), 'feed:')).toHaveLength(1);
    const assumed: string[] = [];
    expect(policyProblems(doc(allow('sqs:SendMessage')), 'feed:', { denies: other, assumed })).toEqual([]);
    expect(assumed.join()).toContain('guard:Statement[0]');
  });

  it('a Deny whose Condition is hidden (a whole Fn::If, an imported value) is not read as unconditional', () => {
    const hidden = new Unresolved('Fn::If [Locked, {...}, {...}]');
    expect(ids(doc(allow('s3:PutObject'), { Effect: 'Deny', Action: 's3:PutObject', Resource: '*', Condition: hidden }))).toEqual(['Statement[0]:Action:s3:PutObject']);
    const fenced = { Effect: 'Deny', Action: 's3:PutObject', NotResource: 'arn:aws:s3:::ledger-exports/*', Condition: hidden };
    expect(ids(doc(allow('s3:PutObject'), fenced))).toEqual(['Statement[0]:Action:s3:PutObject']);
    expect(ids(doc(allow('s3:PutObject'), { Effect: 'Deny', Action: 's3:PutObject', Resource: '*', Condition: { StringNotEquals: null } }))).toHaveLength(1);
  });
});
