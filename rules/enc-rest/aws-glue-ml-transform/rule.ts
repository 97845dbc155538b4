import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

export default defineRule({
  id: 'enc-rest/aws-glue-ml-transform',
  control: 'enc-rest',
  title: 'Glue machine learning transforms encrypt their user data at rest',
  severity: 'medium',
  risk: 'A machine learning transform without MLUserDataEncryption stores the labels and transform data it learns from unencrypted.',
  remediation: {
    text: 'Set TransformEncryption.MLUserDataEncryption.MLUserDataEncryptionMode to SSE-KMS with a KmsKeyId.',
    cloudformation: 'Type: AWS::Glue::MLTransform\nProperties:\n  TransformEncryption:\n    MLUserDataEncryption:\n      MLUserDataEncryptionMode: SSE-KMS\n      KmsKeyId: !Ref Key',
  },
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/glue-controls.html', 'https://docs.aws.amazon.com/glue/latest/webapi/API_MLUserDataEncryption.html'],
  types: ['aws.glue.ml-transform'],
  // No live collector reads Glue: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const path = 'TransformEncryption.MLUserDataEncryption.MLUserDataEncryptionMode';
    const raw = known(r, 'TransformEncryption.MLUserDataEncryption.MLUserDataEncryptionMode');
    const omitted = raw === undefined || raw === null;
    const mode = omitted ? 'DISABLED' : text(raw).trim().toUpperCase();
    const expected = params.requireCustomerManagedKeys ? 'SSE-KMS with a customer-managed KmsKeyId' : 'SSE-KMS';
    if (mode === 'DISABLED') return fail('the transform stores its user data unencrypted', ev(path, raw ?? null, expected, omitted ? 'omitted: no encryption unless MLUserDataEncryption sets SSE-KMS' : undefined));
    if (mode !== 'SSE-KMS') return fail(`MLUserDataEncryptionMode ${JSON.stringify(mode)} is not a valid value`, ev(path, raw, expected, notAValidValue('MLUserDataEncryptionMode', mode, 'DISABLED or SSE-KMS')));
    // The key matters only to a customer-key claim: a key from a parameter does not make an encrypted store unknown.
    const key = params.requireCustomerManagedKeys ? known(r, 'TransformEncryption.MLUserDataEncryption.KmsKeyId') : get(r.properties, 'TransformEncryption.MLUserDataEncryption.KmsKeyId');
    const given = key !== undefined && key !== null && key !== '';
    if (params.requireCustomerManagedKeys && !given) return fail('SSE-KMS without a KmsKeyId, but the claim requires customer-managed keys', ev(path, raw, expected), ev('TransformEncryption.MLUserDataEncryption.KmsKeyId', null, 'a customer-managed KMS key'));
    return pass('the transform encrypts its user data with SSE-KMS', ev(path, raw, expected), ...(given ? [ev('TransformEncryption.MLUserDataEncryption.KmsKeyId', key)] : []));
  },
});
