import { defineRule } from '../../../src/evaluate/rule.js';
import { knownDocument } from '../../../src/evaluate/facts.js';
import { judgePublicPolicy } from '../_resource-policy.js';

/**
 * A role's trust policy is the role's resource policy: an Allow to Principal "*" (or `{AWS: "*"}`)
 * with no condition that pins the caller lets any AWS account in the world assume the role and use
 * whatever it is granted. IAM Access Analyzer reports such a role as shared publicly.
 */
export default defineRule({
  id: 'public-access/aws-iam-role-trust',
  control: 'public-access',
  title: 'No role may be assumed by everyone',
  severity: 'critical',
  risk: 'A role whose trust policy allows Principal "*" without a condition that pins the caller can be assumed from any AWS account: its permissions are public.',
  remediation: {
    text: 'Name the accounts, roles or services that assume the role; if many accounts of one organization must, keep Principal "*" only with aws:PrincipalOrgID (or aws:PrincipalAccount / aws:PrincipalArn).',
    cdk: 'new iam.Role(this, "Reader", { assumedBy: new iam.AccountPrincipal("444455556666") })',
    cloudformation: 'AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: "*"\n      Action: sts:AssumeRole\n      Condition: { StringEquals: { aws:PrincipalOrgID: o-exampleorgid } }',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html#access-analyzer-iam-role',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
  ],
  types: ['aws.iam.role'],
  sources: ['iac', 'live'],
  check(r) {
    return judgePublicPolicy(knownDocument(r, 'AssumeRolePolicyDocument'), { path: 'AssumeRolePolicyDocument', what: 'assume the role' });
  },
});
