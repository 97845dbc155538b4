import { defineRule } from '../../../src/evaluate/rule.js';
import { known } from '../../../src/evaluate/facts.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { judgePublicPolicy } from '../_resource-policy.js';

/**
 * A role whose trust policy lets everyone (`Principal: "*"`, `AWS: "*"`,
 * NotPrincipal) assume it is an identity anyone with an AWS account can get:
 * what it may do is public. Read as every resource policy
 * (../_resource-policy.ts): a condition that pins the caller (organization,
 * account, principal ARN, source) keeps it private. A trusted principal from a
 * parameter is left to iam-least-privilege/aws-iam-role-trust; roles that trust
 * no one everyone-like are out of scope. Cognito guest roles (web identities
 * anyone can get): aws-public-role-policy.
 */
export default defineRule({
  id: 'public-access/aws-iam-role-trust',
  control: 'public-access',
  title: 'IAM roles cannot be assumed by everyone',
  severity: 'critical',
  risk: 'A role that any AWS principal may assume hands its permissions to every AWS account in the world.',
  remediation: {
    text: 'Trust named accounts or roles, or keep Principal "*" only with a condition that pins the caller (aws:PrincipalOrgID, aws:PrincipalArn, aws:PrincipalAccount).',
    cdk: "new iam.Role(this, 'Reader', { assumedBy: new iam.AccountPrincipal('444455556666') })",
    cloudformation: 'AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: arn:aws:iam::444455556666:root }\n      Action: sts:AssumeRole',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html'],
  types: ['aws.iam.role'],
  // Live roles carry the same trust document, but a live rule needs a planted violation in the moto world
  // (test/aws/e2e.test.ts); until one is planted, judged in templates.
  sources: ['iac'],
  check(r) {
    const v = judgePublicPolicy(known(r, 'AssumeRolePolicyDocument'), { path: 'AssumeRolePolicyDocument', what: 'assume the role and use its permissions', skipUnknownPrincipals: true });
    // Only statements for everyone are this rule's business; a role that trusts named principals is out of scope.
    const list = (Array.isArray(v) ? v : [v]).filter((x) => x.subId !== undefined);
    return list.length ? (list as Verdict[]) : undefined;
  },
});
