import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-sagemaker-endpoint-config',
  control: 'enc-rest',
  title: 'SageMaker endpoint configurations encrypt their ML storage (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'SageMaker always encrypts endpoint storage; a claim that requires customer-managed keys is not met without KmsKeyId.',
  remediation: {
    text: 'Nothing to do for encryption itself; set KmsKeyId to a customer-managed key when the claim requires one (instance types with local NVMe storage take no key: their volumes are encrypted in hardware).',
    cdk: "new sagemaker.CfnEndpointConfig(this, 'Config', { productionVariants, kmsKeyId: key.keyArn })",
    cloudformation: 'Type: AWS::SageMaker::EndpointConfig\nProperties:\n  KmsKeyId: !GetAtt EndpointKey.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html',
    'https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest.html',
  ],
  types: ['aws.sagemaker.endpoint-config'],
  // No live collector reads SageMaker: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, { attested: 'SageMaker encrypts the ML storage volumes of endpoint instances with an AWS managed key (instance-store volumes in hardware)', keyPath: 'KmsKeyId' });
  },
});
