import { defineRule } from '../../../src/evaluate/rule.js';
import { judgeChosenKey } from '../_chosen-key.js';

const ATTESTED = 'Step Functions API Reference (EncryptionConfiguration): encryption at rest is always on, under an AWS owned key unless Type is CUSTOMER_MANAGED_KMS_KEY';

/**
 * Step Functions keeps a state machine's definition and execution history, and
 * an activity's inputs, encrypted at rest whatever the template says (AWS owned
 * key by default). What a claim can still ask for is a customer managed key:
 * EncryptionConfiguration Type CUSTOMER_MANAGED_KMS_KEY with a KmsKeyId. The
 * key settings are read only under that claim, so an unset parameter does not
 * make a certain pass unknown.
 */
export default defineRule({
  id: 'enc-rest/aws-stepfunctions',
  control: 'enc-rest',
  title: 'Step Functions state machines and activities are encrypted at rest (with a customer-managed key when the claim asks)',
  severity: 'low',
  risk: 'Execution history and activity inputs carry the data a workflow handles; a claim that requires customer-managed keys is broken by a state machine or activity on the AWS owned key, whose use the account cannot audit or revoke.',
  remediation: {
    text: 'Nothing to do for encryption itself. Where the claim requires customer-managed keys, set EncryptionConfiguration Type CUSTOMER_MANAGED_KMS_KEY with KmsKeyId (an activity takes it only at creation).',
    cdk: "new sfn.StateMachine(this, 'Flow', { definitionBody, encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(key) })",
    cloudformation: 'EncryptionConfiguration:\n  Type: CUSTOMER_MANAGED_KMS_KEY\n  KmsKeyId: !GetAtt Key.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/step-functions/latest/apireference/API_EncryptionConfiguration.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-stepfunctions-statemachine-encryptionconfiguration.html',
  ],
  types: ['aws.stepfunctions.state-machine', 'aws.stepfunctions.activity'],
  // No live collector reads Step Functions encryption settings: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    return judgeChosenKey(r, params, { attested: ATTESTED, modePath: 'EncryptionConfiguration.Type', omitted: 'an AWS owned key', customer: ['CUSTOMER_MANAGED_KMS_KEY'], others: ['AWS_OWNED_KEY'], keyPath: 'EncryptionConfiguration.KmsKeyId' });
  },
});
