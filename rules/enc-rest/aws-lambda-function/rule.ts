import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, notApplicable, asRecord } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';

/**
 * Checkov CKV_AWS_173: which key encrypts a function's environment variables at rest.
 * Lambda always encrypts them (the AWS managed key aws/lambda when KmsKeyArn is
 * omitted), so only a claim that requires customer-managed keys can fail here.
 */
export default defineRule({
  id: 'enc-rest/aws-lambda-function',
  control: 'enc-rest',
  title: 'Lambda environment variables are encrypted at rest with the key the claims ask for',
  severity: 'low',
  risk: 'Without KmsKeyArn the environment is encrypted with the AWS managed key aws/lambda: anyone in the account allowed to read the function configuration reads the values, and the key cannot be restricted, rotated on your schedule or revoked.',
  remediation: {
    text: 'Set KmsKeyArn to a customer-managed KMS key when the claims require customer-managed keys (and keep secrets out of environment variables altogether).',
    cdk: "new lambda.Function(this, 'Fn', { ..., environmentEncryption: key })",
    cloudformation: 'Type: AWS::Lambda::Function\nProperties:\n  KmsKeyArn: !GetAtt FunctionKey.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html#cfn-lambda-function-kmskeyarn',
  ],
  types: ['aws.lambda.function'],
  // Judged in templates: live, a function's KmsKeyArn needs a GetFunctionConfiguration per function.
  sources: ['iac'],
  check(r, { params }) {
    if (params.requireCustomerManagedKeys) {
      // Under the claim a key from a parameter could be empty: known() makes that unknown.
      const key = known(r, 'KmsKeyArn');
      if (key !== undefined && key !== null && key !== '') return pass('environment variables encrypted with the KMS key in KmsKeyArn', ev('KmsKeyArn', key, 'a customer-managed KMS key'));
      const vars = known(r, 'Environment.Variables');
      const count = Object.keys(asRecord(vars)).length;
      if (count === 0) return notApplicable('no environment variables to encrypt', ev('Environment.Variables', null));
      return fail('environment variables are encrypted with the AWS managed key aws/lambda, but the claim requires customer-managed keys', ev('Environment.Variables', `${count} variables`), ev('KmsKeyArn', null, 'a customer-managed KMS key', 'omitted: Lambda uses the AWS managed key aws/lambda'));
    }
    const key = get(r.properties, 'KmsKeyArn');
    if (key !== undefined && key !== null && key !== '') return pass('environment variables encrypted with the KMS key in KmsKeyArn', ev('KmsKeyArn', isUnresolved(key) ? key.expression : key, 'a KMS key'));
    const vars = get(r.properties, 'Environment.Variables');
    if (!isUnresolved(vars) && Object.keys(asRecord(vars)).length === 0) return notApplicable('no environment variables to encrypt', ev('Environment.Variables', null));
    return pass('environment variables encrypted at rest with the AWS managed key aws/lambda', ev('KmsKeyArn', null, 'a KMS key', 'omitted: Lambda encrypts the environment with the AWS managed key aws/lambda'));
  },
});
