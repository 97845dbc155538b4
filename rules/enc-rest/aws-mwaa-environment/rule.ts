import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-mwaa-environment',
  control: 'enc-rest',
  title: 'Amazon MWAA environments are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'Amazon MWAA encrypts the environment: encryption at rest holds; a claim that requires customer-managed keys is not met without KmsKey.',
  remediation: {
    text: 'Nothing to do for encryption itself; set KmsKey to a customer-managed key when the claim requires one (only when the environment is created).',
    cdk: "new mwaa.CfnEnvironment(this, 'Airflow', { name, kmsKey: key.keyArn, ... })",
    cloudformation: 'Type: AWS::MWAA::Environment\nProperties:\n  KmsKey: !GetAtt DataKey.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/mwaa/latest/userguide/encryption-at-rest.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-mwaa-environment.html',
  ],
  types: ['aws.mwaa.environment'],
  // No live collector reads MWAA: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, { attested: 'Amazon MWAA encrypts the environment with a key AWS owns', keyPath: 'KmsKey' });
  },
});
