import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, notApplicable, knownDocument } from '../../../src/evaluate/facts.js';
import { judgePublicPolicy } from '../_resource-policy.js';

/**
 * A CodeArtifact domain or repository permissions policy (PermissionsPolicyDocument) is a resource
 * policy like an ECR repository policy: an Allow for Principal "*" with no condition pinning the
 * caller lets every AWS account fetch a token for the domain or read (or publish) packages. Read by
 * the shared resource-policy reading (../_resource-policy.ts).
 */
export default defineRule({
  id: 'public-access/aws-codeartifact-permissions-policy',
  control: 'public-access',
  title: 'CodeArtifact domain and repository policies grant nothing to everyone without a condition that pins the caller',
  severity: 'high',
  risk: 'A repository policy that allows Principal "*" with no condition lets any AWS account read your private packages (code, configuration and sometimes credentials) or publish versions your builds then install.',
  remediation: {
    text: 'Grant access to named accounts or roles, or keep Principal "*" only with a condition such as aws:PrincipalOrgID naming your organization.',
    cloudformation: 'PermissionsPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: "*"\n      Action: [codeartifact:ReadFromRepository]\n      Resource: "*"\n      Condition: { StringEquals: { aws:PrincipalOrgID: o-abc123 } }',
  },
  references: [
    'https://docs.aws.amazon.com/codeartifact/latest/ug/repo-policies.html',
    'https://docs.aws.amazon.com/codeartifact/latest/ug/domain-policies.html',
  ],
  types: ['aws.codeartifact.repository', 'aws.codeartifact.domain'],
  // No live collector reads CodeArtifact: judged in templates only.
  sources: ['iac'],
  check(r) {
    const doc = knownDocument(r, 'PermissionsPolicyDocument');
    if (doc === undefined || doc === null) return notApplicable('no permissions policy: only this account\'s IAM policies grant access', ev('PermissionsPolicyDocument', null));
    const what = r.type === 'aws.codeartifact.domain' ? 'get authorization tokens for the domain and act on its repositories' : 'read or publish the repository\'s packages';
    return judgePublicPolicy(doc, { path: 'PermissionsPolicyDocument', what });
  },
});
