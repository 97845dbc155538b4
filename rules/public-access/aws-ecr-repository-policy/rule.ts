import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, notApplicable, knownDocument } from '../../../src/evaluate/facts.js';
import { judgePublicPolicy } from '../_resource-policy.js';

export default defineRule({
  id: 'public-access/aws-ecr-repository-policy',
  control: 'public-access',
  title: 'ECR repository policies grant nothing to everyone without a condition that pins the caller',
  severity: 'high',
  risk: 'A repository policy that allows Principal "*" with no condition lets any AWS account pull the images (and the code, configuration and secrets baked into them) or push images your services then run.',
  remediation: {
    text: 'Grant pulls to named accounts or your organization (aws:PrincipalOrgID); publish public images through ECR Public instead of a private repository open to "*".',
    cdk: 'repository.grantPull(new iam.AccountPrincipal(\'111122223333\'))',
    cloudformation: 'RepositoryPolicyText:\n  Statement:\n    - Effect: Allow\n      Principal: "*"\n      Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]\n      Condition: { StringEquals: { aws:PrincipalOrgID: o-abc123 } }',
  },
  references: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html'],
  types: ['aws.ecr.repository'],
  // Live, the policy needs GetRepositoryPolicy per repository, which no collector makes yet.
  sources: ['iac'],
  check(r) {
    const doc = knownDocument(r, 'RepositoryPolicyText');
    if (doc === undefined || doc === null) return notApplicable('no repository policy: only this account\'s IAM policies grant access', ev('RepositoryPolicyText', null));
    return judgePublicPolicy(doc, { path: 'RepositoryPolicyText', what: 'pull or push images' });
  },
});
