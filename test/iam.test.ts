import { describe, it, expect } from 'vitest';
import {
  parsePolicyDocument,
  statementsOf,
  iamMatch,
  isBroadResource,
  escalationActionsIn,
  policyProblems,
  enforcesMfa,
  mfaRequirement,
  humanPrincipals,
  otherAccountRolePrincipals,
  adminManagedPolicy,
  PolicyShapeError,
} from '../src/lib/iam.js';

describe('policy documents (src/lib/iam.ts)', () => {
  it('decodes the URL-encoded JSON GetAccountAuthorizationDetails returns', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc);
    expect(parsePolicyDocument(JSON.stringify(doc))).toEqual(doc);
    expect(() => parsePolicyDocument('%7Bnot json')).toThrow(PolicyShapeError);
  });

  it('normalizes a single Statement object and string Action/Resource to arrays', () => {
    const [s] = statementsOf({ Statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' } });
    expect(s!.action).toEqual(['iam:PassRole']);
    expect(s!.resource).toEqual(['*']);
  });

  it('matches IAM wildcards case-insensitively', () => {
    expect(iamMatch('iam:Put*Policy', 'iam:PutRolePolicy')).toBe(true);
    expect(iamMatch('IAM:passrole', 'iam:PassRole')).toBe(true);
    expect(iamMatch('iam:Get*', 'iam:PassRole')).toBe(false);
    expect(iamMatch('s3:GetObjec?', 's3:GetObject')).toBe(true);
  });

  it('treats ARNs whose resource part is * as all resources', () => {
    expect(isBroadResource('*')).toBe(true);
    expect(isBroadResource('arn:aws:s3:::*')).toBe(true);
    expect(isBroadResource('arn:aws:iam::123456789012:*')).toBe(true);
    expect(isBroadResource('arn:aws:s3:::bucket/*')).toBe(false);
  });

  it('finds escalation actions behind patterns', () => {
    expect(escalationActionsIn('iam:Attach*')).toEqual(['iam:AttachUserPolicy', 'iam:AttachGroupPolicy', 'iam:AttachRolePolicy']);
    expect(escalationActionsIn('s3:GetObject')).toEqual([]);
  });

  it('reports one problem per offending statement and action, with sub-ids', () => {
    const problems = policyProblems({
      Statement: [
        { Effect: 'Allow', Action: ['s3:*', 'iam:PassRole', 'ec2:Describe*'], Resource: '*' },
        { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
        // A Deny is never reported itself; this one applies only to plain-HTTP requests, so it narrows nothing.
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    });
    expect(problems.map((p) => p.subId)).toEqual(['Statement[0]:Action:s3:*', 'Statement[0]:Action:iam:PassRole', 'Statement[1]:NotAction']);
    // Without its condition the Deny takes iam:PassRole away everywhere (an explicit deny wins); s3:* and NotAction stay judged as written.
    const denied = policyProblems({ Statement: [{ Effect: 'Allow', Action: ['s3:*', 'iam:PassRole'], Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*' }] });
    expect(denied.map((p) => p.subId)).toEqual(['Statement[0]:Action:s3:*']);
  });

  it('recognizes an MFA-enforcing Deny and rejects an MFA-gated Allow', () => {
    expect(enforcesMfa({ Statement: [{ Effect: 'Deny', NotAction: ['iam:EnableMFADevice'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }] })).toBe(true);
    expect(enforcesMfa({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] })).toBe(false);
  });

  it('reads every form of MFA condition in an Allow as one requirement: required, not required (and by whom), or depends', () => {
    const allow = (Condition: unknown) => mfaRequirement(statementsOf({ Statement: [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole', Condition }] })[0]!);
    // Required: no request without MFA carries a matching value.
    expect(allow({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }).state).toBe('required');
    expect(allow({ Bool: { 'AWS:MultiFactorAuthPresent': [true] } }).state).toBe('required');
    expect(allow({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }).state).toBe('required');
    expect(allow({ NumericLessThanEquals: { 'aws:MultiFactorAuthAge': 900 } }).state).toBe('required');
    expect(allow({ Null: { 'aws:MultiFactorAuthAge': 'false' } }).state).toBe('required');
    expect(allow({ 'ForAnyValue:Bool': { 'aws:MultiFactorAuthPresent': 'true' } }).state).toBe('required');
    // Not required: long-term keys (no key) or a session without MFA (Present false) match.
    expect(allow(undefined)).toEqual({ state: 'not-required', admits: ['longTermKeys', 'noMfaSession'] });
    expect(allow({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } })).toEqual({ state: 'not-required', admits: ['longTermKeys'] });
    expect(allow({ 'ForAllValues:Bool': { 'aws:MultiFactorAuthPresent': 'true' } })).toEqual({ state: 'not-required', admits: ['longTermKeys'] });
    expect(allow({ NumericLessThanIfExists: { 'aws:MultiFactorAuthAge': '3600' } }).state).toBe('not-required');
    expect(allow({ Null: { 'aws:MultiFactorAuthPresent': 'false' } })).toEqual({ state: 'not-required', admits: ['noMfaSession'] });
    expect(allow({ Bool: { 'aws:MultiFactorAuthPresent': ['true', 'false'] } })).toEqual({ state: 'not-required', admits: ['noMfaSession'] });
    // ANDed entries: the age bound narrows the lenient presence test.
    expect(allow({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }).state).toBe('required');
    // A value vouch cannot read decides it.
    expect(allow({ Bool: { 'aws:MultiFactorAuthPresent': { Ref: 'RequireMfa' } } }).state).toBe('depends');
  });

  it('recognizes a broad Deny as MFA enforcement only when it refuses a session without MFA and not one with it', () => {
    const deny = (Condition: unknown) => enforcesMfa({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition }] });
    expect(deny({ Bool: { 'aws:MultiFactorAuthPresent': false } })).toBe(true);
    expect(deny({ BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } })).toBe(true);
    expect(deny({ Null: { 'aws:MultiFactorAuthAge': 'true' } })).toBe(true);
    expect(deny({ NumericGreaterThanIfExists: { 'aws:MultiFactorAuthAge': '28800' } })).toBe(true);
    expect(deny({ NumericGreaterThan: { 'aws:MultiFactorAuthAge': '28800' } })).toBe(false); // old MFA sessions only
    expect(deny({ Null: { 'aws:MultiFactorAuthPresent': 'true' } })).toBe(false); // long-term keys only
    expect(deny({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } })).toBe(false); // inverted
    expect(deny({ Bool: { 'aws:MultiFactorAuthPresent': { Ref: 'Flag' } } })).toBe(false); // unreadable: not shown to enforce
  });

  it('classifies account roots and users as human principals, roles and services not', () => {
    const [s] = statementsOf({
      Statement: [{ Effect: 'Allow', Principal: { AWS: ['123456789012', 'arn:aws:iam::1:user/a', 'arn:aws:iam::1:role/r'], Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(humanPrincipals(s!).human).toEqual(['123456789012', 'arn:aws:iam::1:user/a']);
  });

  it('names roles of another account, not of the stack\'s own account', () => {
    const [s] = statementsOf({
      Statement: [{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:role/deploy', 'arn:aws:iam::444455556666:role/ops', 'arn:aws:iam::444455556666:root'] }, Action: 'sts:AssumeRole' }],
    });
    expect(otherAccountRolePrincipals(s!)).toEqual(['arn:aws:iam::111122223333:role/deploy', 'arn:aws:iam::444455556666:role/ops']);
    // The stack's own account (a CDK env or --account): its roles are machine principals here.
    expect(otherAccountRolePrincipals(s!, '444455556666')).toEqual(['arn:aws:iam::111122223333:role/deploy']);
  });

  it('names AWS admin managed policies in any partition', () => {
    expect(adminManagedPolicy('arn:aws-cn:iam::aws:policy/AdministratorAccess')).toBe('AdministratorAccess');
    expect(adminManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBeUndefined();
    expect(adminManagedPolicy('arn:aws:iam::123456789012:policy/AdministratorAccess')).toBeUndefined();
  });
});

describe('iamMatch on hostile patterns', () => {
  it('matches without regex backtracking (a 2000-star pattern returns within the test timeout)', () => {
    expect(iamMatch('a*'.repeat(2000) + 'b', 'a'.repeat(5000))).toBe(false);
    expect(iamMatch('*a*b*', 'xxaxxbxx')).toBe(true);
    expect(iamMatch('iam:*', 'iam')).toBe(false);
  });
});
