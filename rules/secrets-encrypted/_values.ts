/** Judging one name/value pair (environment variable, parameter) for a secret kept in plain text. */
import type { Resource } from '../../src/engine/resource.js';
import type { Verdict } from '../../src/engine/rule.js';
import { ev, pass, fail, unknown } from '../../src/engine/facts.js';
import { isRef, isUnresolved } from '../../src/engine/values.js';
import { looksLikeSecretName, plainSsmReference, redact, secretReason, secretStoreReference } from '../../src/lib/secrets.js';

/**
 * A verdict for one variable, or undefined when it is plainly not a secret.
 * Literal secrets fail; references to a secret store pass with a note; values
 * the template does not pin down are judged by where they come from.
 */
export function judgeVariable(name: string, value: unknown, path: string): Verdict | undefined {
  if (typeof value === 'string') {
    if (secretStoreReference(value))
      return pass(`${name} is a ${secretStoreReference(value)} dynamic reference`, ev(path, '{{resolve:...}} reference', undefined, 'resolved at deploy time: the secret is not in the template, but readers of the deployed configuration can see it; prefer fetching at run time'));
    if (plainSsmReference(value) && looksLikeSecretName(name))
      return fail(`${name} reads a plain String SSM parameter: the secret is stored unencrypted in Parameter Store`, ev(path, value, '{{resolve:secretsmanager:...}} or {{resolve:ssm-secure:...}}'));
    const why = secretReason(name, value);
    if (why) return fail(`${name} holds a secret in plain text: ${why}`, ev(path, redact(value), 'a reference to Secrets Manager or SSM SecureString'));
    return undefined;
  }
  if (!looksLikeSecretName(name)) return undefined;
  if (isRef(value)) return pass(`${name} refers to another resource (${value.logicalId}), not a literal`, ev(path, value));
  if (isUnresolved(value)) {
    if (/\{\{resolve:(secretsmanager|ssm-secure):/.test(value.expression))
      return pass(`${name} is built from a secret-store dynamic reference`, ev(path, '{{resolve:...}} reference', undefined, 'resolved at deploy time; prefer fetching at run time'));
    const param = /^Ref ([A-Za-z0-9]+) \(parameter without a value/.exec(value.expression);
    if (param)
      return pass(`${name} comes from template parameter ${param[1]} (judged by secrets-encrypted/aws-cloudformation-stack)`, ev(path, `<Ref ${param[1]}>`));
    if (/(GetAtt|Ref)\b/.test(value.expression) && !/ImportValue/.test(value.expression))
      return pass(`${name} is computed from other resources, not written in the template`, ev(path, `<${value.expression.slice(0, 60)}>`));
    return unknown(`${name} looks like a credential and its value (${value.expression.slice(0, 60)}) cannot be resolved`, ev(path, '<unresolved>'));
  }
  if (value === undefined || value === null) return undefined;
  return undefined;
}

/** Human names of a resource: its construct id (CDK) or logical id without CDK's hash suffix. */
export function resourceNames(r: Resource): string[] {
  const names: string[] = [];
  const cp = r.location.constructPath;
  if (cp) {
    const parts = cp.split('/').filter((p) => p !== 'Resource' && p !== 'Default');
    if (parts.length) names.push(parts[parts.length - 1]!);
  } else if (r.location.logicalId) names.push(r.location.logicalId.replace(/[0-9A-F]{8}$/, ''));
  return names;
}
