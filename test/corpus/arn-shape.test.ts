import { describe, it, expect } from 'vitest';
import { Resolver } from '../../src/sources/iac/intrinsics.js';
import { policyProblems, resourceScope } from '../../src/lib/iam.js';

// An environment-agnostic template: region and account are not known.
const resolver = new Resolver({
  parameters: {},
  unknownParameters: new Set(['TableName']),
  mappings: {},
  conditions: {},
  resources: new Set(['Queue', 'Bucket']),
});
const doc = (action: string, resource: unknown) => resolver.resolve({ Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

describe('ARNs built from pseudo parameters have a known shape', () => {
  it('Fn::Sub of partition, region and account names one resource', () => {
    const v = resolver.resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs' });
    expect(resourceScope(v, 'sqs:SendMessage')).toEqual({ kind: 'specific' });
    expect(policyProblems(doc('sqs:SendMessage', { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs' }))).toEqual([]);
  });

  it('Fn::Join of pseudo parameters and a resource attribute names one resource', () => {
    const join = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: 'Bucket' }, '/*']] };
    expect(resourceScope(resolver.resolve(join), 's3:PutObject')).toEqual({ kind: 'specific' });
    const joinRegion = { 'Fn::Join': [':', ['arn:aws:dynamodb', { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, 'table/orders']] };
    expect(policyProblems(doc('dynamodb:PutItem', joinRegion))).toEqual([]);
  });

  it('an ARN whose resource part is * stays all resources, whoever the account', () => {
    const star = { 'Fn::Sub': 'arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:*' };
    expect(resourceScope(resolver.resolve(star), 'sqs:SendMessage')).toEqual({ kind: 'all' });
    expect(policyProblems(doc('sqs:SendMessage', star)).map((p) => p.status)).toEqual(['fail']);
  });

  it('a parameter in the resource part names the resource a write is given; an escalation on it stays unknown', () => {
    const byParam = { 'Fn::Sub': 'arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}' };
    expect(resourceScope(resolver.resolve(byParam), 'dynamodb:PutItem').kind).toBe('unresolved');
    expect(policyProblems(doc('dynamodb:PutItem', byParam)).map((p) => p.status)).toEqual([]);
    const roleByParam = { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/${TableName}' };
    expect(policyProblems(doc('iam:PassRole', roleByParam)).map((p) => p.status)).toEqual(['unknown']);
  });

  it('a wildcard ARN of another service is not all resources for iam:PassRole', () => {
    expect(resourceScope('arn:aws:s3:::*', 'iam:PassRole')).toEqual({ kind: 'specific' });
    expect(resourceScope('arn:aws:iam::*:*', 'iam:PassRole')).toEqual({ kind: 'all' });
    expect(resourceScope('arn:aws:*:*:*:*', 'iam:PassRole')).toEqual({ kind: 'all' });
  });
});
