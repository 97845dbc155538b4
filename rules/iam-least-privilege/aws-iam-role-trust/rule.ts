import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, knownDocument } from '../../../src/evaluate/facts.js';
import { principalIsAnyone, isAllActions, resourceScope, trustRestrictingConditions, trustHiddenConditions, federatedProvider, webIdentityPinned, someAudienceOrSubjectPinned, providerFromConditionKeys, regionalServicePrincipal, shownKey, GITHUB_OIDC_REFERENCE, type FederatedProvider } from '../../../src/lib/iam.js';
import { get } from '../../../src/evaluate/facts.js';
import { statementsOrUnknown } from '../_policy.js';
import { isRef, isUnresolved } from '../../../src/model/values.js';

export default defineRule({
  id: 'iam-least-privilege/aws-iam-role-trust',
  control: 'iam-least-privilege',
  title: 'Role trust policies do not let anyone (any account, any GitHub repository, any web identity) assume the role, and name the assume actions',
  severity: 'critical',
  risk: 'A trust policy with Principal "*" (or AWS: "*") and no Condition that pins the caller lets any AWS account in the world assume the role and use its permissions; a web-identity trust of GitHub Actions without a token.actions.githubusercontent.com:sub condition naming your organization lets any repository on github.com do the same, and so does any OIDC trust that pins no audience or subject.',
  remediation: {
    text: 'Name the principals that may assume the role (account, role, service) or add a Condition that pins them (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceAccount); for GitHub Actions add StringLike token.actions.githubusercontent.com:sub: repo:OWNER/REPO:* (and StringEquals ...:aud: sts.amazonaws.com); for other OIDC providers pin <provider>:aud and <provider>:sub.',
    cdk: "new iam.Role(this, 'R', { assumedBy: new iam.AccountPrincipal('123456789012') })",
    cloudformation: 'AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: arn:aws:iam::123456789012:root }\n      Action: sts:AssumeRole',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html',
    GITHUB_OIDC_REFERENCE,
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
      if (principalIsAnyone(s)) {
        const restricting = trustRestrictingConditions(s);
        if (isUnresolved(s.raw.Condition))
          out.push({ ...unknown(`Statement[${s.index}] lets any principal assume the role under a Condition that is not known`, ev(`${path}.Condition`, s.raw.Condition)), subId: `Statement[${s.index}]:Principal:*` });
        else if (restricting.length === 0 && trustHiddenConditions(s).length)
          out.push({
            ...unknown(`Statement[${s.index}] lets any principal assume the role under ${trustHiddenConditions(s).join(', ')}, whose value depends on a parameter`, ev(`${path}.Condition`, s.raw.Condition)),
            subId: `Statement[${s.index}]:Principal:*`,
          });
        else if (restricting.length === 0)
          out.push({
            ...fail(
              `Statement[${s.index}] lets any principal assume the role, ${s.condition ? 'with no Condition that pins the caller (organization, account, principal ARN or network)' : 'with no Condition'}`,
              ev(path, s.raw, 'named principals or a Condition on aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn...'),
            ),
            subId: `Statement[${s.index}]:Principal:*`,
          });
      }
      // Web identity: a public OIDC provider issues tokens to anyone; the Condition must say whose.
      // An EKS cluster's provider (IRSA) pinned only by `<issuer>:aud = sts.amazonaws.com` lets every service
      // account of that cluster assume the role. fixT count over every labelled set (rule zero): IRSA trusts
      // with :aud and no :sub: 0 labelled either way (the 5 IRSA trusts of the corpus all pin :sub); below the
      // bar, so an audience pin on a cluster's own provider still passes here.
      (s.principal?.Federated ?? []).forEach((f, j) => {
        let provider: FederatedProvider;
        if (isRef(f)) {
          const target = inventory.get(`${r.location.stack}/${f.logicalId}`);
          // AWS::IAM::OIDCProvider, or aws-cdk-lib's Custom::AWSCDKOpenIdConnectProvider: both carry the issuer in Url.
          const url = target && target.type !== 'aws.iam.saml-provider' ? get(target.properties, 'Url') : undefined;
          if (target?.type === 'aws.iam.saml-provider') provider = { kind: 'saml', name: target.name ?? target.id };
          else provider = typeof url === 'string' ? federatedProvider(url) : { kind: 'unknown', expression: `${f.logicalId}${url === undefined ? '' : `.Url ${JSON.stringify(url)}`}` };
        } else provider = federatedProvider(f);
        const subId = `Statement[${s.index}]:Federated[${j}]`;
        const e = ev(`${path}`, s.raw, 'a Condition pinning <provider>:sub (GitHub: repo:OWNER/...) or <provider>:aud');
        if (provider.kind === 'saml') return; // the account's own identity provider decides who signs in
        // The provider is hidden, but its condition keys name it (`token.actions.githubusercontent.com:sub`).
        if (provider.kind === 'unknown') provider = providerFromConditionKeys(s) ?? provider;
        if (provider.kind === 'unknown') {
          if (!someAudienceOrSubjectPinned(s))
            out.push({ ...unknown(`Statement[${s.index}]: the federated provider ${provider.expression} is not known, and no aud/sub Condition pins its identities`, e), subId });
          return;
        }
        if (provider.kind !== 'oidc') return;
        const host = provider.host;
        const hostText = shownKey(host);
        const pinned = webIdentityPinned(s, host);
        if ('unknown' in pinned) out.push({ ...unknown(`Statement[${s.index}] (${hostText}): ${pinned.unknown}`, e), subId });
        else if (!pinned.pinned) out.push({ ...fail(`Statement[${s.index}] trusts ${hostText} with ${pinned.why}`, e), subId });
      });
    }
    return out.length ? out : pass(`no trust statement is open to every principal or every web identity (${statements.length} statements)`, ev('AssumeRolePolicyDocument', `${statements.length} statements`, 'no Principal "*" without Condition'));
  },
});
