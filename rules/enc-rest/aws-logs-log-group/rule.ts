import { defineRule } from '../../../src/evaluate/rule.js';
import { judgePlatformEncrypted } from '../_platform-encrypted.js';

export default defineRule({
  id: 'enc-rest/aws-logs-log-group',
  control: 'enc-rest',
  title: 'CloudWatch Logs log groups are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'CloudWatch Logs always encrypts log data at rest; a claim that requires customer-managed keys is not met without KmsKeyId, and without one nobody can revoke access to the logs by disabling the key.',
  remediation: {
    text: 'Nothing to do for encryption itself; set KmsKeyId to a customer-managed key (its key policy must allow logs.<region>.amazonaws.com) when the claim requires one.',
    cdk: "new logs.LogGroup(this, 'Logs', { encryptionKey: key, retention: logs.RetentionDays.ONE_MONTH })",
    cloudformation: 'Type: AWS::Logs::LogGroup\nProperties:\n  KmsKeyId: !GetAtt LogKey.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-loggroup.html',
  ],
  types: ['aws.logs.log-group'],
  // Judged in templates; the live collector reads log groups for retention only.
  sources: ['iac'],
  check(r, { params }) {
    return judgePlatformEncrypted(r, params, { attested: 'CloudWatch Logs always encrypts log data at rest with keys it manages', keyPath: 'KmsKeyId' });
  },
});
