import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeChosenKey } from '../_chosen-key.js';

const ENC = 'ApplicationConfiguration.ApplicationEncryptionConfiguration';

export default defineRule({
  id: 'enc-rest/aws-kinesisanalyticsv2-application',
  control: 'enc-rest',
  title: 'Managed Service for Apache Flink applications are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'A Flink application keeps its running state, checkpoints and snapshots (the records it is processing) encrypted under an AWS owned key unless KeyType chooses a customer managed key; a claim that requires customer-managed keys is broken by the default.',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, set ApplicationEncryptionConfiguration KeyType CUSTOMER_MANAGED_KEY with KeyId.',
    cdk: "new kinesisanalyticsv2.CfnApplication(this, 'Enrich', { ..., applicationConfiguration: { applicationEncryptionConfiguration: { keyType: 'CUSTOMER_MANAGED_KEY', keyId: key.keyArn } } })",
    cloudformation: 'ApplicationConfiguration:\n  ApplicationEncryptionConfiguration:\n    KeyType: CUSTOMER_MANAGED_KEY\n    KeyId: !GetAtt Key.Arn',
  },
  references: ['https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_ApplicationEncryptionConfiguration.html', 'https://docs.aws.amazon.com/managed-flink/latest/java/data-protection.html'],
  types: ['aws.kinesisanalyticsv2.application'],
  // No live collector reads Managed Service for Apache Flink: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgeChosenKey(r, params, {
      attested: 'Managed Service for Apache Flink API Reference: application state is encrypted at rest (AWS_OWNED_KEY or CUSTOMER_MANAGED_KEY)',
      modePath: `${ENC}.KeyType`,
      omitted: 'an AWS owned key',
      customer: ['CUSTOMER_MANAGED_KEY'],
      others: ['AWS_OWNED_KEY'],
      keyPath: `${ENC}.KeyId`,
    });
  },
});
