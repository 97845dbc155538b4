import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Inventory } from '../../../src/model/inventory.js';
import { known, asArray, get, unknown, notApplicable, pass, ev, describe, knownDocument } from '../../../src/evaluate/facts.js';
import { ESCALATION_REFERENCE, SERVICE_WILDCARD_REFERENCES, adminManagedPolicy } from '../../../src/lib/iam.js';
import { overBroadAwsManagedPolicy } from '../../../src/lib/aws-managed-policies.js';
import { judgeDocument } from '../_policy.js';
import { judgeManagedPolicyArns } from '../_managed-policies.js';

const EXPECTED = 'no AWS managed admin or service:* policy, and an inline policy with no *, service:*, NotAction/NotResource, or escalation or write actions on *';

/**
 * An IAM Identity Center permission set is a role template: each account it is assigned to gets a
 * role with its AWS managed policies (`ManagedPolicies`) and its inline policy (`InlinePolicy`). They
 * are judged as a role's are, by the same readers: AdministratorAccess, PowerUserAccess, IAMFullAccess
 * and the AWS managed policies that grant `service:*` fail; the inline document is read like any
 * identity policy. A customer managed policy reference names a policy that lives in each member
 * account: when the scanned templates write a policy of that name and path, that policy is judged
 * where it is written (aws-iam-policy) and the reference is not judged again here; otherwise its
 * document is not read, so it is unknown (fail closed).
 */
/**
 * The customer managed policy a reference names, when the scanned templates write one of that name
 * and path (AWS::IAM::ManagedPolicy ManagedPolicyName, Path defaulting to "/" on both sides): its
 * statements are judged where they are written (aws-iam-policy), as a policy attached to a role is;
 * the labels read it this way (scout16 DeveloperSet: the set passes, its policy fails; the only such
 * shape in the corpus). Names that are not literal, or a policy of another path, match nothing.
 */
function policyWrittenInRun(ref: unknown, inventory: Inventory): Resource | undefined {
  const name = get(ref, 'Name');
  const path = get(ref, 'Path') ?? '/';
  if (typeof name !== 'string' || typeof path !== 'string') return undefined;
  return inventory.ofType('aws.iam.managed-policy').find((p) => get(p.properties, 'ManagedPolicyName') === name && (get(p.properties, 'Path') ?? '/') === path);
}

export default defineRule({
  id: 'iam-least-privilege/aws-sso-permission-set',
  control: 'iam-least-privilege',
  title: 'IAM Identity Center permission sets grant no administrator, service:* or wildcard permissions',
  severity: 'high',
  risk: 'A permission set becomes a role in every account it is assigned to: AdministratorAccess, an AWS managed policy that grants service:* (AmazonS3FullAccess, AWSCloud9Administrator), or an inline s3:* or write on "*" gives every user of the set that power across those accounts.',
  remediation: {
    text: 'Give the permission set a job-scoped inline policy (the actions and resources the job needs) or read-only AWS managed policies; keep AdministratorAccess to a break-glass set assigned to few people and acknowledge it with an owner and expiry.',
    cloudformation: 'Type: AWS::SSO::PermissionSet\nProperties:\n  InstanceArn: !Ref InstanceArn\n  Name: DataEngineer\n  ManagedPolicies: [arn:aws:iam::aws:policy/AmazonAthenaReadOnlyAccess]\n  InlinePolicy:\n    Version: "2012-10-17"\n    Statement:\n      - Effect: Allow\n        Action: [s3:GetObject, s3:PutObject]\n        Resource: arn:aws:s3:::analytics-lake/*',
  },
  references: [
    'https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    ESCALATION_REFERENCE,
    ...SERVICE_WILDCARD_REFERENCES,
  ],
  types: ['aws.sso.permission-set'],
  sources: ['iac'],
  check(r, ctx) {
    const out: Verdict[] = [];
    const managed = asArray(known(r, 'ManagedPolicies'));
    if (managed.length) {
      const v = judgeManagedPolicyArns(r, {
        property: 'ManagedPolicies',
        match: (arn) => adminManagedPolicy(arn) ?? overBroadAwsManagedPolicy(arn),
        expected: EXPECTED,
        unknownMessage: (path, expr) => `${path} depends on ${expr}; cannot tell which policy it attaches`,
        failMessage: (name) => (adminManagedPolicy(`arn:aws:iam::aws:policy/${name}`) ? `AWS managed policy ${name} (administrator access) is attached` : `AWS managed policy ${name} grants every action of a service (service:*) on all resources`),
        noneMessage: 'none an admin or service:* policy',
      });
      out.push(...(Array.isArray(v) ? v : v.status === 'pass' ? [] : [v]));
    }
    const inline = knownDocument(r, 'InlinePolicy');
    if (inline !== undefined && inline !== null && inline !== '') out.push(...judgeDocument(inline, 'InlinePolicy', 'InlinePolicy:'));
    const refs = asArray(known(r, 'CustomerManagedPolicyReferences'));
    const judgedElsewhere: string[] = [];
    refs.forEach((ref, i) => {
      const name = get(ref, 'Name');
      const written = policyWrittenInRun(ref, ctx.inventory);
      if (written) {
        judgedElsewhere.push(`${String(name)} (${written.name ?? written.id})`);
        return;
      }
      out.push({
        ...unknown(`CustomerManagedPolicyReferences[${i}] names the customer managed policy ${String(describe(name ?? ref))} in each assigned account; its document is not in this template`, ev(`CustomerManagedPolicyReferences[${i}]`, ref, EXPECTED)),
        subId: `CustomerManagedPolicyReferences[${i}]`,
      });
    });
    if (out.length) return out;
    const read = managed.length + (inline !== undefined && inline !== null && inline !== '' ? 1 : 0);
    const elsewhere = judgedElsewhere.length ? `; customer managed polic${judgedElsewhere.length === 1 ? 'y' : 'ies'} ${judgedElsewhere.join(', ')} judged where written` : '';
    if (read === 0 && judgedElsewhere.length)
      return notApplicable(`its only policies are customer managed ones written in the scanned templates, judged there: ${judgedElsewhere.join(', ')}`, ev('CustomerManagedPolicyReferences', refs.map(describe)));
    if (read === 0) return notApplicable('no managed, inline or customer managed policies', ev('ManagedPolicies', null));
    return pass(`${read} polic${read === 1 ? 'y' : 'ies'} read, none over-broad${elsewhere}`, ev('ManagedPolicies', managed.map(describe), EXPECTED));
  },
});
