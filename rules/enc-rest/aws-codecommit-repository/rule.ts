import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-codecommit-repository',
  control: 'enc-rest',
  title: 'CodeCommit repositories are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'CodeCommit encrypts repositories: encryption at rest holds; a claim that requires customer-managed keys is not met without KmsKeyId.',
  remediation: {
    text: 'Nothing to do for encryption itself; set KmsKeyId to a customer-managed key when the claim requires one.',
    cdk: "new codecommit.Repository(this, 'Repo', { repositoryName, kmsKey: key })",
    cloudformation: 'Type: AWS::CodeCommit::Repository\nProperties:\n  KmsKeyId: !GetAtt DataKey.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/codecommit/latest/userguide/encryption.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-codecommit-repository.html',
  ],
  types: ['aws.codecommit.repository'],
  // The live collector does not read CodeCommit.
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, { attested: 'CodeCommit encrypts repositories with the AWS managed key aws/codecommit', keyPath: 'KmsKeyId', managedKeyAlias: 'alias/aws/codecommit' });
  },
});
