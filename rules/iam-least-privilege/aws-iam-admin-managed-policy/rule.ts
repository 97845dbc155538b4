import { defineRule } from '../../../src/evaluate/rule.js';
import { adminManagedPolicy, ADMIN_MANAGED_POLICIES } from '../../../src/lib/iam.js';
import { judgeManagedPolicyArns } from '../_managed-policies.js';

export default defineRule({
  id: 'iam-least-privilege/aws-iam-admin-managed-policy',
  control: 'iam-least-privilege',
  title: 'No role, user or group has AdministratorAccess, PowerUserAccess or IAMFullAccess attached',
  severity: 'critical',
  risk: 'These AWS managed policies grant all actions (PowerUserAccess: all but IAM; IAMFullAccess: the IAM needed to grant the rest), so the principal is an administrator and least privilege is not held.',
  remediation: {
    text: 'Detach the AWS managed admin policy and attach a policy scoped to the job; keep break-glass admin roles out of workload stacks and acknowledge them explicitly with an owner and expiry.',
    cdk: "// instead of iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'):\nrole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'))",
    cloudformation: 'ManagedPolicyArns:\n  - !Sub arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  ],
  types: ['aws.iam.role', 'aws.iam.user', 'aws.iam.group'],
  sources: ['iac', 'live'],
  check(r) {
    return judgeManagedPolicyArns(r, {
      match: adminManagedPolicy,
      expected: `none of ${ADMIN_MANAGED_POLICIES.join(', ')}`,
      // An ARN built with Sub/Join names its policy unless the name itself is hidden (a partition never changes it).
      unknownMessage: (path, expr) => `${path} depends on ${expr}; cannot tell whether it is an admin policy`,
      failMessage: (name) => `AWS managed policy ${name} is attached`,
      noneMessage: 'none an AWS admin policy',
    });
  },
});
