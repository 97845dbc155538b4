import { describe, it, expect } from 'vitest';
import { serviceWildcard, policyProblems } from '../../src/lib/iam.js';
import { ResourceRef } from '../../src/model/values.js';

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
