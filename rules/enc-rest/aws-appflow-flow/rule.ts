import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-appflow-flow',
  control: 'enc-rest',
  title: 'AppFlow flows are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'AppFlow encrypts flow data: encryption at rest holds; a claim that requires customer-managed keys is not met without KMSArn.',
  remediation: {
    text: 'Nothing to do for encryption itself; set KMSArn to a customer-managed key when the claim requires one.',
    cdk: "new appflow.CfnFlow(this, 'Flow', { ..., kmsArn: key.keyArn })",
    cloudformation: 'Type: AWS::AppFlow::Flow\nProperties:\n  KMSArn: !GetAtt DataKey.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/appflow/latest/userguide/data-protection.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-appflow-flow.html',
  ],
  types: ['aws.appflow.flow'],
  // No live collector reads AppFlow: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, { attested: 'AppFlow encrypts flow data with the AWS managed key aws/appflow', keyPath: 'KMSArn', managedKeyAlias: 'alias/aws/appflow' });
  },
});
