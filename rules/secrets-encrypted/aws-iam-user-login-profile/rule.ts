import { defineRule } from '../../../src/evaluate/rule.js';
import { known, get, ev, pass, fail, notApplicable, asArray, asRecord } from '../../../src/evaluate/facts.js';
import { TEMPLATE_SECRETS } from '../../../src/sources/iac/template-secrets.js';
import { secretStoreReference, plainSsmReference } from '../../../src/lib/secrets.js';
import { judgeVariable } from '../_values.js';

/**
 * A console password written into an IAM user's LoginProfile is a credential
 * in the template, whatever its shape: the name alone says so. PasswordResetRequired
 * does not help: until the user first signs in, anyone who reads the template
 * (or its copy in CloudFormation) can sign in as them and set their own.
 */
export default defineRule({
  id: 'secrets-encrypted/aws-iam-user-login-profile',
  control: 'secrets-encrypted',
  title: 'IAM user console passwords are not written into the template',
  severity: 'high',
  risk: 'A literal LoginProfile.Password is readable by everyone who can read the template, its repository or the stack (cloudformation:GetTemplate): they can sign in to the console as that user before the user does.',
  remediation: {
    text: 'Take the initial password from a Secrets Manager dynamic reference (a generated secret) or a NoEcho parameter, keep PasswordResetRequired: true, or better, give people access through IAM Identity Center instead of IAM users.',
    cdk: "new iam.User(this, 'Bob', { password: secret.secretValueFromJson('password'), passwordResetRequired: true })",
    cloudformation: "LoginProfile:\n  Password: '{{resolve:secretsmanager:users/bob:SecretString:password}}'\n  PasswordResetRequired: true",
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-iam-user-loginprofile.html'],
  types: ['aws.iam.user'],
  // Live, IAM never returns a password: judged in templates only.
  sources: ['iac'],
  check(r) {
    const profile = known(r, 'LoginProfile');
    // No LoginProfile: no console password, nothing for this rule to judge.
    if (profile === undefined || profile === null) return undefined;
    const path = 'LoginProfile.Password';
    // A password given as a template parameter (even one with a default, which the loader has filled in)
    // is written where the parameter's value is: judged on the stack (secrets-encrypted/aws-cloudformation-stack).
    const fromParameter = asArray(r.properties[TEMPLATE_SECRETS]).find((s) => asRecord(s).path === `Properties.${path}` && asRecord(asRecord(s).value).kind === 'parameter');
    if (fromParameter) {
      const param = String(asRecord(asRecord(fromParameter).value).parameter);
      return pass(`the console password comes from template parameter ${param}, judged on the stack (NoEcho, no default)`, ev(path, `<Ref ${param}>`));
    }
    // Read raw: an unresolved password is judged by where it comes from (parameter, dynamic reference, import).
    const password = get(r.properties, path);
    if (typeof password === 'string') {
      // A literal: only a secret-store reference keeps it out of the template; any other text is the password itself.
      if (secretStoreReference(password) || plainSsmReference(password)) return judgeVariable('Password', password, path, 'secret-field');
      const reset = known(r, 'LoginProfile.PasswordResetRequired');
      return fail(
        `the console password is written into the template${reset === true || reset === 'true' ? ' (PasswordResetRequired only makes the user change it after someone signs in with it)' : ''}`,
        ev(path, `<redacted: ${password.length} characters>`, 'a {{resolve:secretsmanager:...}} reference or a NoEcho parameter'),
      );
    }
    return judgeVariable('Password', password, path, 'secret-field') ?? notApplicable('no password in the LoginProfile', ev(path, null));
  },
});
