import { defineRule } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Inventory } from '../../../src/model/inventory.js';
import { known, asArray, ev, pass, fail, unknown, notApplicable, get, text, nameBeside } from '../../../src/evaluate/facts.js';
import { isRef, isUnresolved } from '../../../src/model/values.js';
import { enforcesMfa, statementsOf } from '../../../src/lib/iam.js';

/** Can the document be read (a literal, a JSON string, or a Sub/Join JSON string whose shape parses)? */
function readable(doc: unknown): boolean {
  try {
    statementsOf(doc);
    return true;
  } catch {
    return false;
  }
}

interface Search {
  /** Where an MFA-enforcing Deny was found. */
  enforcedBy?: string;
  /** Attached policies/groups whose documents vouch cannot read. */
  unreadable: string[];
  looked: string[];
}

/** Inline policies and attached managed policies of a user or group. */
function searchPrincipal(p: Resource, inventory: Inventory, s: Search, label: string): void {
  asArray(get(p.properties, 'Policies')).forEach((pol, i) => {
    const doc = (pol as Record<string, unknown> | undefined)?.PolicyDocument;
    const name = `${label} inline ${text((pol as Record<string, unknown> | undefined)?.PolicyName ?? i)}`;
    s.looked.push(name);
    // A JSON string built with Fn::Sub/Fn::Join is read from its shape (src/lib/iam.ts); other unresolved values are not.
    if (isUnresolved(pol) || !readable(doc)) s.unreadable.push(name);
    else if (!s.enforcedBy && enforcesMfa(doc)) s.enforcedBy = name;
  });
  for (const arn of asArray(get(p.properties, 'ManagedPolicyArns'))) {
    if (isRef(arn)) continue; // a template policy: found through the `policies` relation below
    const name = `${label} managed ${typeof arn === 'string' ? arn : text((arn as { expression?: string })?.expression ?? '?')}`;
    s.looked.push(name);
    // No AWS managed policy denies without MFA; customer policies outside the template cannot be read here.
    if (typeof arn === 'string' && /^arn:[^:]+:iam::aws:policy\//.test(arn)) continue;
    s.unreadable.push(name);
  }
  for (const pol of inventory.related(p, 'policies')) {
    const name = `${label} policy ${pol.name ?? pol.id}`;
    s.looked.push(name);
    const doc = get(pol.properties, 'PolicyDocument');
    if (!readable(doc)) s.unreadable.push(name);
    else if (!s.enforcedBy && enforcesMfa(doc)) s.enforcedBy = name;
  }
}

/**
 * Why a user in a group defined outside the template is `unknown`, not `fail`:
 * a template cannot enrol an MFA device (no CloudFormation resource does), so
 * what a template can show is the policy that refuses a session without MFA.
 * AWS's documented way to require MFA for IAM users is exactly such a Deny
 * attached to a group the users join ("Force MFA" group), and that group is
 * commonly managed once per account, outside workload stacks. When a user
 * belongs to a group the template only names, the policy that would make the
 * promise true may be on that group: the template does not say, so the verdict
 * is `unknown`, naming the group to look at (a live scan reads the group's
 * policies and the credential report, and decides). With no such group, no
 * unreadable policy and no MFA-enforcing Deny, the template itself says a
 * password alone signs in: `fail`.
 */
export default defineRule({
  id: 'mfa/aws-iam-user-console',
  control: 'mfa',
  title: 'IAM users with a console password are covered by a policy that denies access without MFA',
  severity: 'high',
  risk: 'A console user without enforced MFA can sign in with a password alone; a phished or reused password is enough to act as that user.',
  remediation: {
    text: 'Prefer IAM Identity Center (SSO) over IAM users with passwords. Otherwise attach, to the user or a group it belongs to, a policy that denies everything except MFA self-management unless aws:MultiFactorAuthPresent is true (BoolIfExists ... false), and enrol an MFA device.',
    cdk: "group.addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, notActions: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ListVirtualMFADevices', 'iam:ResyncMFADevice', 'sts:GetSessionToken'], resources: ['*'], conditions: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }));",
    cloudformation: 'Statement:\n  - Sid: DenyAllExceptListedIfNoMFA\n    Effect: Deny\n    NotAction: [iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:GetUser, iam:ListMFADevices, iam:ListVirtualMFADevices, iam:ResyncMFADevice, sts:GetSessionToken]\n    Resource: "*"\n    Condition:\n      BoolIfExists:\n        aws:MultiFactorAuthPresent: "false"',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html',
  ],
  types: ['aws.iam.user'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    const login = known(r, 'LoginProfile');
    if (login === undefined || login === null)
      return notApplicable('no console password (LoginProfile): the user cannot sign in to the console', ev('LoginProfile', null));
    if (get(r.properties, 'Live.MfaActive') === false)
      return fail('the user has a console password and no MFA device (credential report mfa_active=false)', ev('Live.MfaActive', false, true));
    const s: Search = { unreadable: [], looked: [] };
    searchPrincipal(r, inventory, s, 'user');
    const groups = [
      ...inventory.related(r, 'groups'),
      ...inventory.related(r, 'groupAdditions').flatMap((a) => inventory.related(a, 'group')),
    ];
    for (const g of new Set(groups)) searchPrincipal(g, inventory, s, `group ${nameBeside(g, r)}`);
    // Groups named by a literal name (not a template reference) cannot be followed, unless the source
    // already resolved them: live scans relate users to their groups, a template group whose GroupName
    // is that name is related by it (src/sources/iac/relations.ts).
    const followed = new Set([...groups].flatMap((g) => [g.name, get(g.properties, 'GroupName')]).filter((n): n is string => typeof n === 'string'));
    // A reference is followed only when it reached a group: `!GetAtt Identity.Outputs.Group` of a nested stack (or a
    // custom resource's attribute) names a group in a template this scan does not read (src/sources/iac/relations.ts).
    const reached = new Set([...groups].map((g) => g.location.logicalId));
    for (const g of asArray(get(r.properties, 'Groups'))) {
      if ((isRef(g) && reached.has(g.logicalId)) || (typeof g === 'string' && followed.has(g))) continue;
      s.unreadable.push(`group ${typeof g === 'string' ? g : isRef(g) ? g.label : '(unresolved)'}`);
    }
    // The same for a UserToGroupAddition that names a group the template does not define.
    for (const a of inventory.related(r, 'groupAdditions')) {
      if (inventory.related(a, 'group').length) continue;
      const g = get(a.properties, 'GroupName');
      if (typeof g === 'string' && followed.has(g)) continue;
      s.unreadable.push(`group ${typeof g === 'string' ? g : '(unresolved)'} (${a.name ?? a.id})`);
    }
    const expected = 'a Deny unless aws:MultiFactorAuthPresent on the user or one of its groups';
    if (s.enforcedBy) return pass(`MFA is enforced by ${s.enforcedBy}`, ev('(attached policies)', s.looked, expected));
    if (s.unreadable.length)
      return unknown(
        `no MFA-enforcing policy found among the readable ones; cannot read ${s.unreadable.join(', ')} (defined outside the template: a Deny unless aws:MultiFactorAuthPresent there would cover the user; scan the account live to decide)`,
        ev('(attached policies)', s.looked, expected),
      );
    return fail('the user has a console password and no policy denies access without MFA', ev('LoginProfile', '(set)', expected), ev('(attached policies)', s.looked.length ? s.looked : null, expected));
  },
});
