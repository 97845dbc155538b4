import { describe, it, expect } from 'vitest';
import { Template, Match, Annotations } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { MfaEnforcedGroup } from '../../cdk/mfa-enforced-group.js';
import { newStack, vouchCheck, problems } from './harness.js';

describe('MfaEnforcedGroup', () => {
  it('denies everything but own MFA setup unless MFA is present, and vouch passes it', async () => {
    const stack = newStack();
    const staff = new MfaEnforcedGroup(stack, 'Staff', {
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
    });
    staff.addUser(new iam.User(stack, 'Alice'));
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            NotAction: Match.arrayWith(['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'sts:GetSessionToken']),
            Resource: '*',
            Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
          }),
        ]),
      },
    });
    t.hasResourceProperties('AWS::IAM::Group', { ManagedPolicyArns: Match.arrayWith([{ Ref: Match.stringLikeRegexp('^StaffRequireMfa') }]) });
    t.hasResourceProperties('AWS::IAM::User', { Groups: [{ Ref: Match.stringLikeRegexp('^StaffGroup') }] });
    // No Allow statement in the policy grants a wildcard action.
    const doc = Object.values(t.findResources('AWS::IAM::ManagedPolicy'))[0] as { Properties: { PolicyDocument: { Statement: { Effect: string; Action?: string | string[] }[] } } };
    const allowed = doc.Properties.PolicyDocument.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action ?? []].flat());
    expect(allowed.some((a) => a.includes('*'))).toBe(false);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    expect(problems(await vouchCheck(stack))).toEqual([]);
  });
});
