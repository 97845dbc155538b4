import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-imagebuilder-component',
  control: 'enc-rest',
  title: 'Image Builder components are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'Image Builder encrypts components: encryption at rest holds; a claim that requires customer-managed keys is not met without KmsKeyId.',
  remediation: {
    text: 'Nothing to do for encryption itself; set KmsKeyId to a customer-managed key when the claim requires one.',
    cdk: "new imagebuilder.CfnComponent(this, 'Harden', { name, platform: 'Linux', version: '1.0.0', data, kmsKeyId: key.keyArn })",
    cloudformation: 'Type: AWS::ImageBuilder::Component\nProperties:\n  KmsKeyId: !GetAtt DataKey.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/imagebuilder/latest/userguide/data-protection.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-imagebuilder-component.html',
  ],
  types: ['aws.imagebuilder.component'],
  // No live collector reads Image Builder: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, { attested: 'Image Builder encrypts components with a key AWS owns', keyPath: 'KmsKeyId' });
  },
});
