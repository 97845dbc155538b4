import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeOpenedByPolicies, policiesNaming } from '../_opened-by-policy.js';

/**
 * The secret itself, judged by the AWS::SecretsManager::ResourcePolicy resources
 * in the template that name it (SecretId), as the queue by its queue policy: a
 * secret anyone may read is public, whichever resource carries the statement. A
 * secret no resource policy names keeps the default (its own account only).
 */
export default defineRule({
  id: 'public-access/aws-secretsmanager-secret',
  control: 'public-access',
  title: 'Secrets are not opened to everyone by a resource policy',
  severity: 'critical',
  risk: 'A secret whose resource policy allows Principal "*" with no condition can be read by any AWS account.',
  remediation: {
    text: 'Grant the secret to named roles or accounts in its resource policy, and set BlockPublicPolicy: true so Secrets Manager refuses a policy that opens it.',
    cdk: 'secret.grantRead(role)',
    cloudformation: 'Type: AWS::SecretsManager::ResourcePolicy\nProperties:\n  SecretId: !Ref Secret\n  BlockPublicPolicy: true',
  },
  references: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html'],
  types: ['aws.secretsmanager.secret'],
  // Live, the resource policy is a separate call no collector makes yet: judged in templates.
  sources: ['iac'],
  check(r, { inventory }) {
    const policies = policiesNaming(r, inventory, 'aws.secretsmanager.resource-policy', 'SecretId');
    if (!policies.length) return undefined;
    return judgeOpenedByPolicies(r, inventory, { path: 'ResourcePolicy', what: 'read the secret' }, 'secret', policies);
  },
});
