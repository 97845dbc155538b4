import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeChosenKey } from '../_chosen-key.js';

export default defineRule({
  id: 'enc-rest/aws-verified-access',
  control: 'enc-rest',
  title: 'Verified Access groups, endpoints and trust providers are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'Verified Access keeps access policies and trust-provider settings encrypted under AWS owned keys unless SseSpecification turns customer managed keys on; a claim that requires customer-managed keys is broken by the default.',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, set SseSpecification CustomerManagedKeyEnabled true with KmsKeyArn.',
    cdk: "new ec2.CfnVerifiedAccessGroup(this, 'Staff', { verifiedAccessInstanceId, sseSpecification: { customerManagedKeyEnabled: true, kmsKeyArn: key.keyArn } })",
    cloudformation: 'SseSpecification:\n  CustomerManagedKeyEnabled: true\n  KmsKeyArn: !GetAtt Key.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VerifiedAccessSseSpecificationRequest.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-verifiedaccessgroup-ssespecification.html',
  ],
  types: ['aws.ec2.verified-access-group', 'aws.ec2.verified-access-endpoint', 'aws.ec2.verified-access-trust-provider'],
  // No live collector reads Verified Access: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgeChosenKey(r, params, {
      attested: 'EC2 API Reference (VerifiedAccessSseSpecificationRequest): server side encryption of data at rest is on by default with AWS owned KMS keys',
      modePath: 'SseSpecification.CustomerManagedKeyEnabled',
      omitted: 'AWS owned keys',
      customer: 'boolean',
      keyPath: 'SseSpecification.KmsKeyArn',
    });
  },
});
