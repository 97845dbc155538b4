import { writtenText } from '../../../src/model/dynamic-references.js';
import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, describe } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { isInnocuousValue, looksLikeSecretName, redact, tokenShape } from '../../../src/lib/secrets.js';
import { noEchoParameterAt, noEchoParameterIn, noEchoParametersOf, resourceNames, secretAttributeAt } from '../_values.js';
import { TEMPLATE_SECRETS, type SecretSite } from '../../../src/sources/iac/template-secrets.js';

/**
 * A credential the template scan found written inside the value (a connection string's `Password=…;`,
 * `"password": "…"` in a JSON document, a URL's user:password), whatever the parameter is called.
 */
function credentialInValue(r: { properties: Record<string, unknown> }): string | undefined {
  const sites = r.properties[TEMPLATE_SECRETS];
  if (!Array.isArray(sites)) return undefined;
  for (const s of sites as SecretSite[]) {
    if (s?.path === 'Properties.Value' && s.value?.kind === 'secret') return `${s.name}: ${s.value.reason}`;
  }
  return undefined;
}

export default defineRule({
  id: 'secrets-encrypted/aws-ssm-parameter',
  control: 'secrets-encrypted',
  title: 'Secrets are not stored in plain String SSM parameters',
  severity: 'high',
  risk: 'String and StringList parameters are stored unencrypted; CloudFormation cannot create SecureString parameters, so a secret in an AWS::SSM::Parameter is always plain text.',
  remediation: {
    text: 'Store the secret in Secrets Manager (AWS::SecretsManager::Secret), or create a SecureString parameter outside CloudFormation and reference it with {{resolve:ssm-secure:...}}.',
    cdk: "new secretsmanager.Secret(this, 'ApiToken')  // instead of new ssm.StringParameter(this, 'ApiToken', { stringValue })",
    cloudformation: 'Type: AWS::SecretsManager::Secret\nProperties:\n  GenerateSecretString: {}',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ssm-parameter.html'],
  types: ['aws.ssm.parameter'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    const type = known(r, 'Type');
    const nameProp = r.properties.Name;
    const name = typeof nameProp === 'string' ? nameProp : isUnresolved(nameProp) ? nameProp.expression : undefined;
    const names = [...(name ? [name] : []), ...resourceNames(r)];
    if (type === 'SecureString') return pass('parameter is a SecureString (KMS-encrypted)', ev('Type', type, 'SecureString'));
    // Read as written: a reference to another store is judged by its text (where the value comes from).
    const value = writtenText(r.properties.Value);
    const shape = typeof value === 'string' ? tokenShape(value) : undefined;
    const secretName = names.find((n) => looksLikeSecretName(n.split('/').pop() ?? n) || looksLikeSecretName(n));
    const typeEv = ev('Type', type ?? null, 'SecureString', 'CloudFormation creates only String/StringList parameters: stored unencrypted');
    if (shape) return fail(`plain ${String(type ?? 'String')} parameter holds a value that looks like a ${shape}`, typeEv, ev('Value', redact(value)));
    // A NoEcho parameter stored as the value (with a Default too, which the loader has resolved): the template says it is secret.
    const noEcho = r.source === 'iac' ? noEchoParametersOf(r, inventory) : undefined;
    const masked = noEchoParameterIn(value, noEcho) ?? (r.source === 'iac' ? noEchoParameterAt(r, 'Value', noEcho) : undefined);
    if (masked)
      return fail(`plain ${String(type ?? 'String')} parameter stores NoEcho parameter ${masked}: the value is kept and shown unencrypted in Parameter Store`, typeEv, ev('Value', `<Ref ${masked}>`, 'a Secrets Manager secret'));
    // A credential attribute of another resource (`Fn::GetAtt Key.SecretAccessKey`) stored as the value.
    const attribute = r.source === 'iac' ? secretAttributeAt(r, 'Value') : undefined;
    if (attribute)
      return fail(
        `plain ${String(type ?? 'String')} parameter stores ${attribute.value.attribute} of ${attribute.value.resource}, a credential (${attribute.value.type}): the value is kept and shown unencrypted in Parameter Store`,
        typeEv,
        ev('Value', `<GetAtt ${attribute.value.resource}.${attribute.value.attribute}>`, 'a Secrets Manager secret'),
      );
    const inValue = credentialInValue(r);
    if (inValue) return fail(`plain ${String(type ?? 'String')} parameter's value has a credential written in it (${inValue})`, typeEv, ev('Value', '<redacted>', 'no credential in the value'));
    if (!secretName) return notApplicable('parameter name and value do not look like a secret', ev('Name', describe(nameProp) ?? names[0] ?? null));
    if (typeof value === 'string' && isInnocuousValue(value))
      return notApplicable(`name '${secretName}' mentions a secret, but the value is a flag, number or ARN`, ev('Name', secretName));
    return fail(
      `parameter '${secretName}' is named like a secret and stored as plain ${String(type ?? 'String')}`,
      typeEv,
      ev('Name', secretName, undefined, 'name says it holds a credential'),
      ev('Value', typeof value === 'string' ? redact(value) : '<not a literal>'),
    );
  },
});
