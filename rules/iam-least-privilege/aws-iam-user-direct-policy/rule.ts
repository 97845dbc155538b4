import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asArray, ev, pass, fail, describe } from '../../../src/evaluate/facts.js';
import { INLINE_POLICY_TYPES, principalPath } from '../../../src/lib/iam.js';

export default defineRule({
  id: 'iam-least-privilege/aws-iam-user-direct-policy',
  control: 'iam-least-privilege',
  title: 'IAM users get permissions through groups or roles, not policies attached to them',
  severity: 'medium',
  risk: 'Permissions attached to individual users escape role-based review: they are granted one person at a time and are easily left behind when the person changes job.',
  remediation: {
    text: 'Move the permissions to a group (or a role the user assumes) and add the user to it; remove inline and attached policies from the user.',
    cdk: "const admins = new iam.Group(this, 'Ops'); admins.addManagedPolicy(policy); admins.addUser(user);",
    cloudformation: 'Type: AWS::IAM::User\nProperties:\n  Groups: [!Ref OpsGroup]   # no Policies, no ManagedPolicyArns',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions'],
  types: ['aws.iam.user', 'aws.iam.managed-policy', ...INLINE_POLICY_TYPES],
  sources: ['iac', 'live'],
  check(r) {
    // The finding goes where the attachment is written: a policy resource whose `Users` names people
    // (what aws-cdk-lib's user.addToPolicy writes), an AWS::IAM::UserPolicy's `UserName`, or the
    // user's own Policies / ManagedPolicyArns.
    if (r.type !== 'aws.iam.user') {
      const at = principalPath(r.type, 'Users');
      if (!at) return undefined;
      const users = asArray(known(r, at.path as 'Users'));
      if (users.length === 0) return undefined;
      return fail(
        `the policy is attached directly to ${users.length} user${users.length === 1 ? '' : 's'} (${users.map(describe).join(', ')})`,
        ev(at.path, users.map(describe), 'none: attach it to a group or a role'),
      );
    }
    const inline = asArray(known(r, 'Policies'));
    const managed = asArray(known(r, 'ManagedPolicyArns'));
    const evidence = [
      ev('Policies', inline.length ? inline.map((p) => (p as Record<string, unknown>)?.PolicyName ?? '?') : null, 'none'),
      ev('ManagedPolicyArns', managed.length ? managed.map(describe) : null, 'none'),
    ];
    const count = inline.length + managed.length;
    return count
      ? fail(`${count} polic${count === 1 ? 'y is' : 'ies are'} attached directly to the user`, ...evidence)
      : pass('the user has no policies of its own attached (a policy resource that names it is judged there)', ...evidence);
  },
});
