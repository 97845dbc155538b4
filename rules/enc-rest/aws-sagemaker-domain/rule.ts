import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-sagemaker-domain',
  control: 'enc-rest',
  title: 'SageMaker domains encrypt their EFS volume (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: "SageMaker always encrypts a domain's home directories; a claim that requires customer-managed keys is not met without KmsKeyId.",
  remediation: {
    text: 'Nothing to do for encryption itself; set KmsKeyId to a customer-managed key when the claim requires one (it can only be set when the domain is created).',
    cdk: "new sagemaker.CfnDomain(this, 'Studio', { authMode: 'IAM', domainName, defaultUserSettings, subnetIds, vpcId, kmsKeyId: key.keyId })",
    cloudformation: 'Type: AWS::SageMaker::Domain\nProperties:\n  KmsKeyId: !Ref StudioKey',
  },
  references: [
    'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateDomain.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sagemaker-domain.html',
  ],
  types: ['aws.sagemaker.domain'],
  // No live collector reads SageMaker: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, { attested: 'SageMaker encrypts the EFS volume of the domain with an AWS managed key', keyPath: 'KmsKeyId' });
  },
});
