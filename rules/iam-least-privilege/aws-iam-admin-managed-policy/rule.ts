import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, asArray, ev, pass, fail, unknown, notApplicable, describe } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { adminManagedPolicy, managedPolicyArnKind, ADMIN_MANAGED_POLICIES } from '../../../src/lib/iam.js';

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
    const arns = asArray(known(r, 'ManagedPolicyArns'));
    if (arns.length === 0) return notApplicable('no managed policies attached', ev('ManagedPolicyArns', null));
    const out: Verdict[] = [];
    arns.forEach((a, i) => {
      const path = `ManagedPolicyArns[${i}]`;
      // An ARN built with Sub/Join names its policy unless the name itself is hidden (a partition never changes it).
      const kind = managedPolicyArnKind(a);
      if (isUnresolved(a) && 'unknown' in kind) {
        out.push({ ...unknown(`${path} depends on ${a.expression}; cannot tell whether it is an admin policy`, ev(path, a)), subId: `ManagedPolicyArns[${i}]` });
        return;
      }
      const admin = adminManagedPolicy(a);
      if (admin) out.push({ ...fail(`AWS managed policy ${admin} is attached`, ev(path, a, `none of ${ADMIN_MANAGED_POLICIES.join(', ')}`)), subId: `ManagedPolicyArns:${admin}` });
    });
    if (out.length) return out;
    return pass(`${arns.length} managed polic${arns.length === 1 ? 'y' : 'ies'} attached, none an AWS admin policy`, ev('ManagedPolicyArns', arns.map(describe), `none of ${ADMIN_MANAGED_POLICIES.join(', ')}`));
  },
});
