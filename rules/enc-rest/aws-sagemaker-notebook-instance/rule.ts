import { defineRule } from '../../../src/evaluate/rule.js';
import { get, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';

export default defineRule({
  id: 'enc-rest/aws-sagemaker-notebook-instance',
  control: 'enc-rest',
  title: 'SageMaker notebook storage volumes are encrypted (with a customer-managed key when the claim asks)',
  severity: 'medium',
  risk: 'SageMaker always encrypts notebook ML storage volumes; a claim that requires customer-managed keys is not met without KmsKeyId.',
  remediation: {
    text: 'Nothing to do for encryption itself; set KmsKeyId to a customer-managed key when the claim requires one.',
    cdk: "new sagemaker.CfnNotebookInstance(this, 'Notebook', { ..., kmsKeyId: key.keyId })",
    cloudformation: 'KmsKeyId: !Ref NotebookKey',
  },
  references: ['https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest-nbi.html', 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateNotebookInstance.html'],
  types: ['aws.sagemaker.notebook-instance'],
  // No live collector reads SageMaker: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    // Encryption does not depend on the key: a key from a parameter only leaves open whose key it is.
    const key = get(r.properties, 'KmsKeyId');
    if (isUnresolved(key) && params.requireCustomerManagedKeys)
      return unknown('the KMS key comes from a value the template does not settle: whether it is customer-managed is not known', ev('KmsKeyId', key, 'a customer-managed KMS key'));
    if (key !== undefined && key !== null) return pass('notebook storage encrypted with the KMS key given', ev('KmsKeyId', key));
    const evidence = ev('KmsKeyId', null, params.requireCustomerManagedKeys ? 'a customer-managed KMS key' : undefined, 'omitted: SageMaker encrypts notebook ML storage volumes with an AWS managed key');
    return params.requireCustomerManagedKeys
      ? fail('notebook storage uses an AWS managed key, but the claim requires customer-managed keys', evidence)
      : pass('notebook storage encrypted at rest (AWS managed key)', evidence);
  },
});
