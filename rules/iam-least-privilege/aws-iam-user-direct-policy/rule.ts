import { defineRule } from '../../../src/evaluate/rule.js';
import { isRef } from '../../../src/model/values.js';
import { known, asArray, ev, pass, fail, describe } from '../../../src/evaluate/facts.js';

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
  types: ['aws.iam.user'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    const inline = asArray(known(r, 'Policies'));
    const managed = asArray(known(r, 'ManagedPolicyArns'));
    // Standalone AWS::IAM::Policy / ManagedPolicy resources that name this user.
    const viaArns = new Set(managed.filter(isRef).map((m) => m.logicalId));
    const attached = inventory
      .related(r, 'policies')
      .filter((p) => (p.type === 'aws.iam.policy' || p.type === 'aws.iam.managed-policy') && !viaArns.has(p.location.logicalId ?? ''))
      .map((p) => p.name ?? p.id);
    const evidence = [
      ev('Policies', inline.length ? inline.map((p) => (p as Record<string, unknown>)?.PolicyName ?? '?') : null, 'none'),
      ev('ManagedPolicyArns', managed.length ? managed.map(describe) : null, 'none'),
      ev('(policies naming this user)', attached.length ? attached : null, 'none'),
    ];
    const count = inline.length + managed.length + attached.length;
    return count
      ? fail(`${count} polic${count === 1 ? 'y is' : 'ies are'} attached directly to the user`, ...evidence)
      : pass('the user has no directly attached policies', ...evidence);
  },
});
