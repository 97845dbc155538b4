import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail } from '../../../src/evaluate/facts.js';

/**
 * Redshift Serverless always encrypts a namespace at rest: with KmsKeyId omitted, under an
 * AWS-owned key (Redshift Management Guide, "Data encryption" for Serverless; FSBP
 * RedshiftServerless.4 asks for a customer managed key). So only a claim that requires
 * customer-managed keys can fail it.
 */
export default defineRule({
  id: 'enc-rest/aws-redshiftserverless-namespace',
  control: 'enc-rest',
  title: 'Redshift Serverless namespaces are encrypted at rest (with a customer-managed key when the claim requires one)',
  severity: 'medium',
  risk: 'A namespace encrypted under the AWS-owned key cannot be governed by a key policy, rotation or revocation of your own.',
  remediation: {
    text: 'Set KmsKeyId to a customer-managed KMS key when the claim requires customer-managed keys.',
    cdk: "new redshiftserverless.CfnNamespace(this, 'Namespace', { namespaceName: 'warehouse', kmsKeyId: key.keyId })",
    cloudformation: 'Type: AWS::RedshiftServerless::Namespace\nProperties:\n  NamespaceName: warehouse\n  KmsKeyId: !Ref Key',
  },
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-workgroups-and-namespaces.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/redshiftserverless-controls.html'],
  types: ['aws.redshiftserverless.namespace'],
  // No live collector reads Redshift Serverless: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    // The key matters only to a customer-key claim: a key from a parameter does not make an encrypted store unknown.
    const key = params.requireCustomerManagedKeys ? known(r, 'KmsKeyId') : get(r.properties, 'KmsKeyId');
    const given = key !== undefined && key !== null && key !== '';
    const keyEv = ev('KmsKeyId', given ? key : null, params.requireCustomerManagedKeys ? 'a customer-managed KMS key' : undefined, given ? undefined : 'omitted: Redshift Serverless encrypts every namespace, under an AWS-owned key');
    if (params.requireCustomerManagedKeys && !given) return fail('encrypted with an AWS-owned key, but the claim requires customer-managed keys', keyEv);
    return pass(`namespace encrypted at rest (${given ? 'KMS key given' : 'AWS-owned key'})`, keyEv);
  },
});
