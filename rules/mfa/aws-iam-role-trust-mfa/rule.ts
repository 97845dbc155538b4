import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, notApplicable, knownDocument } from '../../../src/evaluate/facts.js';
import { humanPrincipals, otherAccountRolePrincipals, mfaRequirement, mfaConditionGap, isThirdPartyTrust, iamMatch } from '../../../src/lib/iam.js';
import { statementsOrUnknown } from '../../iam-least-privilege/_policy.js';

export default defineRule({
  id: 'mfa/aws-iam-role-trust-mfa',
  control: 'mfa',
  title: 'Roles that people assume require MFA in their trust policy',
  severity: 'high',
  risk: 'A role that an account root or IAM users may assume without aws:MultiFactorAuthPresent can be used with long-term access keys alone, bypassing the MFA promise for administrative access.',
  remediation: {
    text: 'Add Condition { Bool: { aws:MultiFactorAuthPresent: "true" } } (Bool, not BoolIfExists, which lets long-term access keys through) to trust statements that let accounts or users assume the role (or federate through IAM Identity Center, which does MFA at sign-in). A vendor integration that assumes the role itself names its sts:ExternalId instead and is not judged here.',
    cdk: "new iam.Role(this, 'Admin', { assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }) })",
    cloudformation: 'AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root" }\n      Action: sts:AssumeRole\n      Condition: { Bool: { aws:MultiFactorAuthPresent: "true" } }',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthage',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html',
  ],
  types: ['aws.iam.role'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    const doc = knownDocument(r, 'AssumeRolePolicyDocument');
    const out: Verdict[] = [];
    let humans = 0;
    const read = statementsOrUnknown(doc, 'AssumeRolePolicyDocument');
    if ('verdict' in read) return read.verdict;
    const { statements } = read;
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      if (!(s.action ?? []).some((a) => typeof a === 'string' && iamMatch(a, 'sts:AssumeRole'))) continue;
      // A vendor integration (sts:ExternalId) is a machine assuming the role: MFA cannot apply.
      if (isThirdPartyTrust(s)) continue;
      const found = humanPrincipals(s);
      const unresolved: string[] = [];
      for (const u of found.unresolved) {
        if (!u.startsWith('ref:')) unresolved.push(u);
        else {
          // A reference to a template resource: an IAM user is a person, anything else is not.
          const target = inventory.get(`${r.location.stack}/${u.slice(4)}`);
          if (target?.type === 'aws.iam.user') found.human.push(target.name ?? target.id);
          else if (!target) unresolved.push(u.slice(4));
        }
      }
      // A named role of another account without ExternalId (checked above): the people who may assume it there
      // reach this role too, so this trust is where MFA must be required (labels.yaml; count 4 fail : 0 pass).
      const others = otherAccountRolePrincipals(s, r.location.account);
      if (others.length) found.human.push(...others.map((o) => `${o} (a role of another account)`));
      const path = `AssumeRolePolicyDocument.Statement[${s.index}]`;
      const subId = `Statement[${s.index}]`;
      const mfa = mfaRequirement(s);
      if (found.human.length) {
        humans++;
        if (mfa.state === 'required')
          out.push({ ...pass(`${subId}: human principals must present MFA`, ev(path, s.raw, 'an MFA condition: Bool aws:MultiFactorAuthPresent true, or a bound on aws:MultiFactorAuthAge')), subId });
        else if (mfa.state === 'depends')
          out.push({ ...unknown(`${subId}: whether the MFA condition requires MFA depends on a value vouch cannot read (a parameter or an operator it does not evaluate)`, ev(path, s.raw, 'Condition Bool aws:MultiFactorAuthPresent true')), subId });
        else {
          const gap = mfaConditionGap(s);
          out.push({
            ...fail(`${subId}: ${found.human.length} human principal(s) may assume the role without MFA or an sts:ExternalId${gap ? ` (${gap})` : ''}`, ev(path, s.raw, 'Condition Bool aws:MultiFactorAuthPresent true')),
            subId,
          });
        }
      } else if (unresolved.length && mfa.state !== 'required') {
        out.push({ ...unknown(`${subId}: principal depends on ${unresolved.join(', ')}; cannot tell whether a person assumes the role`, ev(path, s.raw)), subId });
      }
    }
    if (out.length) return out;
    return notApplicable('no account root or IAM user may assume the role (service, role or federated principals only)', ev('AssumeRolePolicyDocument', doc));
  },
});
