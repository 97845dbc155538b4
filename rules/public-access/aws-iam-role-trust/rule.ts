import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { knownDocument, ev, fail, unknown } from '../../../src/evaluate/facts.js';
import { statementsOf, PolicyShapeError, federatedProviderOf, webIdentityPinned, someAudienceOrSubjectPinned, GITHUB_OIDC_HOST, GITHUB_OIDC_REFERENCE, type PolicyStatement } from '../../../src/lib/iam.js';
import type { Inventory } from '../../../src/model/inventory.js';
import { judgePublicPolicy } from '../_resource-policy.js';

/**
 * GitHub Actions web-identity trusts that every repository on github.com satisfies. GitHub's OIDC provider
 * issues a token to any workflow of any repository, all with the same audience (sts.amazonaws.com), so a
 * trust of token.actions.githubusercontent.com is as open as Principal "*" unless a
 * `token.actions.githubusercontent.com:sub` condition names an owner (`repo:OWNER/...`). fixAL count over
 * every labelled set (rule zero): GitHub trusts without a sub condition, public-access fail 4 (scout6
 * ReportingReadRole, scout16 PullRequestPreviewRole, vault14 InfraDeployRole, vault16 PullRequestCheckRole),
 * pass 0. A sub that allows any owner (`repo:*`) or sits under an `…IfExists` operator opens the same door
 * and is read the same way; a value from a parameter is `unknown`.
 */
function githubTrustVerdicts(statements: readonly PolicyStatement[], stack: string | undefined, inventory: Inventory): Verdict[] {
  const out: Verdict[] = [];
  for (const s of statements) {
    if (s.effect !== 'Allow') continue;
    const path = `AssumeRolePolicyDocument.Statement[${s.index}]`;
    (s.principal?.Federated ?? []).forEach((f, j) => {
      const provider = federatedProviderOf(f, s, stack, inventory);
      const subId = `Statement[${s.index}]:Federated[${j}]`;
      const e = ev(path, s.raw, `a Condition on ${GITHUB_OIDC_HOST}:sub naming your owner (repo:OWNER/REPO:...)`);
      // A provider the template hides (a parameter, an import) whose condition keys name no issuer and pin no
      // audience or subject may be GitHub's: that no one outside can assume the role is not shown (as the
      // iam-least-privilege trust rule reads the same statement: unknown).
      if (provider.kind === 'unknown' && !someAudienceOrSubjectPinned(s)) {
        out.push({ ...unknown(`Statement[${s.index}]: the federated provider ${provider.expression} is not known (it may be GitHub Actions, which issues a token to every repository), and no aud/sub Condition pins its identities`, e), subId });
        return;
      }
      if (provider.kind !== 'oidc' || provider.host !== GITHUB_OIDC_HOST) return;
      const pinned = webIdentityPinned(s, GITHUB_OIDC_HOST);
      if ('unknown' in pinned) out.push({ ...unknown(`Statement[${s.index}] (${GITHUB_OIDC_HOST}): ${pinned.unknown}`, e), subId });
      else if (!pinned.pinned) out.push({ ...fail(`Statement[${s.index}] trusts ${GITHUB_OIDC_HOST} with ${pinned.why}`, e), subId });
    });
  }
  return out;
}

/**
 * A role's trust policy is the role's resource policy: an Allow to Principal "*" (or `{AWS: "*"}`)
 * with no condition that pins the caller lets any AWS account in the world assume the role and use
 * whatever it is granted. IAM Access Analyzer reports such a role as shared publicly. A GitHub Actions
 * trust without an owner-pinning `sub` condition is open the same way (any repository on github.com).
 */
export default defineRule({
  id: 'public-access/aws-iam-role-trust',
  control: 'public-access',
  title: 'No role may be assumed by everyone (any AWS account, or any GitHub repository)',
  severity: 'critical',
  risk: 'A role whose trust policy allows Principal "*" without a condition that pins the caller can be assumed from any AWS account, and one that trusts GitHub Actions without a token.actions.githubusercontent.com:sub condition naming your owner can be assumed by any workflow of any repository on github.com: its permissions are public.',
  remediation: {
    text: 'Name the accounts, roles or services that assume the role; if many accounts of one organization must, keep Principal "*" only with aws:PrincipalOrgID (or aws:PrincipalAccount / aws:PrincipalArn). For GitHub Actions add StringLike token.actions.githubusercontent.com:sub: repo:OWNER/REPO:* (and StringEquals ...:aud: sts.amazonaws.com).',
    cdk: 'new iam.Role(this, "Reader", { assumedBy: new iam.AccountPrincipal("444455556666") })',
    cloudformation: 'AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: "*"\n      Action: sts:AssumeRole\n      Condition: { StringEquals: { aws:PrincipalOrgID: o-exampleorgid } }',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html#access-analyzer-iam-role',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html',
    GITHUB_OIDC_REFERENCE,
  ],
  types: ['aws.iam.role'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    const doc = knownDocument(r, 'AssumeRolePolicyDocument');
    const open = judgePublicPolicy(doc, { path: 'AssumeRolePolicyDocument', what: 'assume the role' });
    let statements: PolicyStatement[];
    try {
      statements = statementsOf(doc);
    } catch (e) {
      if (e instanceof PolicyShapeError) return open; // the open-policy reading already says unknown
      throw e;
    }
    const github = githubTrustVerdicts(statements, r.location.stack, inventory);
    if (github.length === 0) return open;
    // The blanket pass ("no statement allows everyone", no subId) gives way to the GitHub verdicts.
    const kept = (Array.isArray(open) ? open : [open]).filter((v) => v.subId !== undefined || v.status !== 'pass');
    return [...kept.map((v) => ({ ...v, subId: v.subId ?? 'AssumeRolePolicyDocument' })), ...github];
  },
});
