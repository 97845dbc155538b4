import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import { get, ev, pass, fail, unknown, asArray, text } from '../../../src/evaluate/facts.js';
import { isRef } from '../../../src/model/values.js';
import { managedPolicyArnKind } from '../../../src/lib/iam.js';
import { guestReach, COGNITO_ROLES_REFERENCE } from '../_anonymous-role.js';
import { readGuestGrants } from '../_guest-grants.js';
import { grantVerdict, guestRoles, EXPECTED_GRANT } from '../_guest-verdicts.js';

/** AWS managed policies that grant data access by their name (a role anyone can assume must not carry them). */
const DATA_MANAGED = /(FullAccess|ReadOnlyAccess|ReadOnly|ReadWrite|PowerUserAccess|AdministratorAccess)$/;

/**
 * What the policies of a role anyone can assume grant is granted to anyone: a
 * Cognito identity pool with unauthenticated identities hands its guest role's
 * credentials to every caller, and a trust open to everyone lets any AWS
 * account assume the role. Which roles: rules/public-access/_anonymous-role.ts;
 * which actions expose nothing: rules/public-access/_guest-grants.ts.
 */
export default defineRule({
  id: 'public-access/aws-public-role-policy',
  control: 'public-access',
  title: 'Roles anyone can assume (Cognito guest roles, trusts open to everyone) grant no access to data',
  severity: 'high',
  risk: 'An identity pool that allows unauthenticated identities gives AWS credentials for its guest role to anyone who asks, with no sign-in (and a trust open to everyone lets any AWS account assume the role): every bucket, table, queue or function that role may use is open to the internet.',
  remediation: {
    text: 'Grant the guest role only what an anonymous visitor must have (telemetry, a public API), or turn unauthenticated identities off (AllowUnauthenticatedIdentities: false) and grant data to the authenticated role. Keep trust policies pinned with both cognito-identity.amazonaws.com:aud and :amr conditions, and never trust Principal "*" without a condition that pins the caller.',
    cdk: "new IdentityPool(this, 'Ids', { allowUnauthenticatedIdentities: false }); // grant data to pool.authenticatedRole only",
    cloudformation: 'Type: AWS::Cognito::IdentityPool\nProperties:\n  AllowUnauthenticatedIdentities: false',
  },
  references: [COGNITO_ROLES_REFERENCE, 'https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html'],
  types: ['aws.iam.policy', 'aws.iam.managed-policy', 'aws.iam.role'],
  // Live, identity pools are not collected: judged in templates.
  sources: ['iac'],
  check(r, { inventory }) {
    if (r.type === 'aws.iam.role') return judgeRole(r, inventory);
    const cognitoRoles = inventory
      .related(r, 'roles')
      .map((role) => ({ role, reach: guestReach(role, inventory) }))
      .filter((x): x is { role: Resource; reach: NonNullable<typeof x.reach> } => !!x.reach);
    if (cognitoRoles.length === 0) return undefined;
    const roles = cognitoRoles.filter((x) => x.reach.status !== 'not');
    if (roles.length === 0)
      return pass(
        `attached only to roles that not everyone can assume (${cognitoRoles.map((x) => x.role.location.logicalId ?? x.role.id).join(', ')})`,
        ...cognitoRoles.map((x) => ev('Roles', x.role.location.logicalId ?? x.role.id, 'no role anyone can assume', x.reach.why)),
      );
    return judgeDocument(get(r.properties, 'PolicyDocument'), 'PolicyDocument', r, roles, inventory, 'policy');
  },
});

function judgeDocument(doc: unknown, path: string, holder: Resource, roles: { role: Resource; reach: NonNullable<ReturnType<typeof guestReach>> }[], inventory: Parameters<typeof readGuestGrants>[3], what: string): Verdict | Verdict[] {
  const reading = readGuestGrants(doc, path, holder, inventory);
  const names = guestRoles(roles);
  if ('unreadable' in reading) return unknown(`${what} of ${names.names}, a role anyone can assume,: ${reading.unreadable}`, ev(path, doc ?? null));
  const verdicts: Verdict[] = reading.grants.map((g) => grantVerdict(g, roles, `${what} of ${names.names}`));
  for (const u of reading.unresolved) verdicts.push({ ...unknown(`${what} of ${names.names}, a role anyone can assume,: statement ${u}`, ev(path, doc ?? null)), subId: u.split(':')[0] });
  if (verdicts.length) return verdicts;
  return pass(`${what} of ${names.names}, a role anyone can assume, grants nothing that exposes data (${reading.statements} statements)`, ev(`${path}.Statement`, `${reading.statements} statements`, EXPECTED_GRANT), ev('guest role', names.names, undefined, names.why));
}

function judgeRole(role: Resource, inventory: Parameters<typeof readGuestGrants>[3]): Verdict | Verdict[] | undefined {
  const reach = guestReach(role, inventory);
  if (!reach || reach.status === 'not') return undefined;
  const roles = [{ role, reach }];
  const verdicts: Verdict[] = [];
  const inline = asArray(get(role.properties, 'Policies'));
  inline.forEach((p, i) => {
    const v = judgeDocument(get(p, 'PolicyDocument'), `Policies[${i}].PolicyDocument`, role, roles, inventory, `inline policy ${text(get(p, 'PolicyName'))}`);
    for (const x of Array.isArray(v) ? v : [v]) verdicts.push({ ...x, subId: `Policies[${i}]/${x.subId ?? 'policy'}` });
  });
  asArray(get(role.properties, 'ManagedPolicyArns')).forEach((arn, i) => {
    // A template managed policy is judged on itself.
    if (isRef(arn)) return;
    const path = `ManagedPolicyArns[${i}]`;
    const kind = managedPolicyArnKind(arn);
    const who = guestRoles(roles);
    if ('aws' in kind && DATA_MANAGED.test(kind.aws)) {
      const m = `anyone can get credentials for this role, which carries the AWS managed policy ${kind.aws}`;
      verdicts.push({ ...(who.status === 'fail' ? fail(m, ev(path, arn, EXPECTED_GRANT, who.why)) : unknown(`${m}, if unauthenticated identities can assume it (${who.why})`, ev(path, arn))), subId: path });
    } else
      verdicts.push({
        ...unknown(`a role anyone can assume carries ${'aws' in kind ? `the AWS managed policy ${kind.aws}` : `the managed policy ${text(arn)}, which is not in the template`}: what it grants anyone is not read`, ev(path, arn, EXPECTED_GRANT, who.why)),
        subId: path,
      });
  });
  if (verdicts.length) return verdicts;
  return undefined;
}
