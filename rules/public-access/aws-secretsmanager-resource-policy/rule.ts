import { defineRule } from '../../../src/evaluate/rule.js';
import { knownDocument } from '../../../src/evaluate/facts.js';
import { judgePublicPolicy } from '../_resource-policy.js';

/**
 * The document is judged as written. BlockPublicPolicy: true makes Secrets
 * Manager refuse a policy open to "*" (the deployment then fails rather than
 * opening the secret); its default is documented both ways (the API reference:
 * public policies are not blocked by default), so it is never taken as a pass.
 */
export default defineRule({
  id: 'public-access/aws-secretsmanager-resource-policy',
  control: 'public-access',
  title: 'Secrets Manager resource policies grant nothing to everyone without a condition that pins the caller',
  severity: 'critical',
  risk: 'A secret\'s resource policy that allows Principal "*" with no condition lets any AWS account read the secret value.',
  remediation: {
    text: 'Grant the secret to named roles or accounts; set BlockPublicPolicy: true so Secrets Manager refuses a policy that opens it.',
    cdk: 'secret.grantRead(role)',
    cloudformation: 'Type: AWS::SecretsManager::ResourcePolicy\nProperties:\n  SecretId: !Ref Secret\n  BlockPublicPolicy: true\n  ResourcePolicy:\n    Statement:\n      - Effect: Allow\n        Principal: { AWS: !GetAtt AppRole.Arn }\n        Action: secretsmanager:GetSecretValue\n        Resource: "*"',
  },
  references: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html'],
  types: ['aws.secretsmanager.resource-policy'],
  sources: ['iac'],
  check(r) {
    return judgePublicPolicy(knownDocument(r, 'ResourcePolicy'), { path: 'ResourcePolicy', what: 'read the secret' });
  },
});
