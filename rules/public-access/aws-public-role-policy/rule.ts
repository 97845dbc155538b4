import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import { get, ev, pass, fail, unknown, asArray, text } from '../../../src/evaluate/facts.js';
import { isRef } from '../../../src/model/values.js';
import { INLINE_POLICY_TYPES, managedPolicyArnKind, statementsOf } from '../../../src/lib/iam.js';
import { guestReach, COGNITO_ROLES_REFERENCE } from '../_anonymous-role.js';
import { readGuestGrants, roleDocuments } from '../_guest-grants.js';
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
  types: [...INLINE_POLICY_TYPES, 'aws.iam.managed-policy', 'aws.iam.role'],
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
  if (verdicts.some((v) => v.status !== 'pass')) return verdicts;
  return harmlessGuest(role, reach, inventory) ?? (verdicts.length ? verdicts : undefined);
}

/**
 * A role anyone can assume whose every grant exposes nothing (telemetry, a public API, stateless
 * inference) still hands AWS credentials of the account to anyone on the internet, with no sign-in:
 * public-access fails the role itself. Rule zero (session 13, fixW): guest roles with only harmless
 * grants are labelled public-access fail 4 : pass 0 over every corpus set (vault8 RumGuestRole,
 * scout15 RumGuestRole, scout16 GuestRole, scout18 GuestSearchRole). Grants that do expose data keep
 * their verdicts where they land (the inline policy on the role, an attached AWS::IAM::Policy on
 * itself); an attached policy of harmless grants still passes on itself: the verdict is the role's.
 * A role guests only may be able to assume is unknown, never a pass.
 */
function harmlessGuest(role: Resource, reach: NonNullable<ReturnType<typeof guestReach>>, inventory: Parameters<typeof readGuestGrants>[3]): Verdict | undefined {
  const granted = new Set<string>();
  for (const d of roleDocuments(role, inventory)) {
    const reading = readGuestGrants(d.doc, d.path, d.holder, inventory);
    // Anything unread or exposing is judged where it is written (above, or on the attached policy).
    if ('unreadable' in reading || reading.grants.length || reading.unresolved.length) return undefined;
    for (const s of statementsOf(d.doc)) if (s.effect === 'Allow') for (const a of s.action ?? []) if (typeof a === 'string') granted.add(a);
  }
  // A role that grants nothing at all is out of scope, as before.
  if (granted.size === 0) return undefined;
  const actions = [...granted];
  const evidence = [ev('AssumeRolePolicyDocument', '(trust)', 'no role anyone can assume', reach.why), ev('Policies', actions, EXPECTED_GRANT)];
  if (reach.status === 'guest')
    return fail(`anyone on the internet can get AWS credentials for this role without signing in (${reach.why}); it grants only ${actions.join(', ')}, which expose no data, but the credentials are the account's`, ...evidence);
  return unknown(`this role grants only ${actions.join(', ')}, which expose no data, and anyone may be able to get credentials for it (${reach.why})`, ...evidence);
}
