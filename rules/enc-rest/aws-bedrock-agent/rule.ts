import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-bedrock-agent',
  control: 'enc-rest',
  title: 'Bedrock agents are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'Bedrock encrypts agent resources: encryption at rest holds; a claim that requires customer-managed keys is not met without CustomerEncryptionKeyArn.',
  remediation: {
    text: 'Nothing to do for encryption itself; set CustomerEncryptionKeyArn to a customer-managed key when the claim requires one.',
    cdk: "new bedrock.CfnAgent(this, 'Agent', { agentName, foundationModel, instruction, customerEncryptionKeyArn: key.keyArn })",
    cloudformation: 'Type: AWS::Bedrock::Agent\nProperties:\n  CustomerEncryptionKeyArn: !GetAtt DataKey.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/bedrock/latest/userguide/encryption-agents.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-bedrock-agent.html',
  ],
  types: ['aws.bedrock.agent'],
  // No live collector reads Bedrock: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, { attested: 'Bedrock encrypts agent resources with a key AWS owns', keyPath: 'CustomerEncryptionKeyArn' });
  },
});
