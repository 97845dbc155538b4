import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';
import { principalIsAnyone, isAllActions, resourceScope } from '../../../src/lib/iam.js';
import { statementsOrUnknown } from '../_policy.js';
import { isUnresolved } from '../../../src/model/values.js';

export default defineRule({
  id: 'iam-least-privilege/aws-iam-role-trust',
  control: 'iam-least-privilege',
  title: 'Role trust policies do not let anyone assume the role, and name the assume actions',
  severity: 'critical',
  risk: 'A trust policy with Principal "*" (or AWS: "*") and no Condition lets any AWS account in the world assume the role and use its permissions.',
  remediation: {
    text: 'Name the principals that may assume the role (account, role, service) or add a Condition that pins them (aws:PrincipalOrgID, sts:ExternalId, aws:SourceAccount).',
    cdk: "new iam.Role(this, 'R', { assumedBy: new iam.AccountPrincipal('123456789012') })",
    cloudformation: 'AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: arn:aws:iam::123456789012:root }\n      Action: sts:AssumeRole',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html'],
  types: ['aws.iam.role'],
  sources: ['iac', 'live'],
  check(r) {
    const doc = known(r, 'AssumeRolePolicyDocument');
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
      const principalHidden = [s.raw.Principal, ...Object.values(s.principal ?? {}).flat()].find((p) => isUnresolved(p) && resourceScope(p).kind !== 'specific');
      if (principalHidden && !s.condition) {
        out.push({ ...unknown(`Statement[${s.index}]: its principal is not known, and no Condition restricts it`, ev(`${path}.Principal`, principalHidden)), subId: `Statement[${s.index}]` });
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
      if (principalIsAnyone(s) && !s.condition)
        out.push({ ...fail(`Statement[${s.index}] lets any principal assume the role, with no Condition`, ev(path, s.raw, 'named principals or a restricting Condition')), subId: `Statement[${s.index}]:Principal:*` });
    }
    return out.length ? out : pass(`no trust statement is open to every principal (${statements.length} statements)`, ev('AssumeRolePolicyDocument', `${statements.length} statements`, 'no Principal "*" without Condition'));
  },
});
