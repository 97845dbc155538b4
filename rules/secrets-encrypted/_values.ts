/** Judging one name/value pair (environment variable, parameter) for a secret kept in plain text. */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, get } from '../../src/evaluate/facts.js';
import { isRef, isUnresolved } from '../../src/model/values.js';
import { classifyValue, looksLikeSecretName, REDACTED, VALUE_CLASS_KINDS, type ValueClass } from '../../src/lib/secrets.js';
import { TEMPLATE_SECRETS, type SecretSite } from '../../src/sources/iac/template-secrets.js';
import { writtenText } from '../../src/model/dynamic-references.js';

/**
 * Where a value is written. `plain-text`: a property the service stores and
 * shows as it is (an environment variable, a job argument, user data), so a
 * secret-store dynamic reference there puts the resolved secret in plain text
 * in the deployed configuration. `secret-field`: a property meant for a
 * credential (a database master password, a login profile), which the service
 * keeps hidden: a dynamic reference is how it should be filled.
 */
export type Field = 'plain-text' | 'secret-field';

/**
 * CloudFormation: "Using the secretsmanager dynamic reference indicates that neither Secrets Manager
 * nor CloudFormation logs should persist any resolved secret value. However, the secret value may show
 * up in the service whose resource it's being used in."
 */
export const DYNAMIC_REFERENCE_DOC = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html';

const STORE_REFERENCE_IN = /\{\{resolve:(secretsmanager|ssm-secure):/;

/** The secret store a value (a literal, or a string built with Fn::Join / Fn::Sub) resolves from at deploy time, if any. */
export function dynamicSecretReference(value: unknown): 'secretsmanager' | 'ssm-secure' | undefined {
  // A built string keeps its literal text whole in `shape` (the expression is cut at 120 characters).
  const texts = typeof value === 'string' ? [value] : isUnresolved(value) ? [value.shape ?? '', value.expression] : [];
  for (const t of texts) {
    const m = STORE_REFERENCE_IN.exec(t);
    if (m) return m[1] as 'secretsmanager' | 'ssm-secure';
  }
  return undefined;
}

/** The verdict for a secret-store dynamic reference written into a plain-text property, whatever the name says. */
export function exposedReference(name: string, store: string, path: string): Verdict {
  return fail(
    `${name} is a {{resolve:${store}:...}} dynamic reference in a plain-text property: CloudFormation writes the resolved secret into the deployed configuration, where anyone who can read it sees the value`,
    ev(path, `{{resolve:${store}:...}} reference`, 'the secret\'s ARN or name, fetched at run time', `the resolved value is stored and shown by the service (${DYNAMIC_REFERENCE_DOC})`),
  );
}

/**
 * A verdict for one variable, or undefined when it is plainly not a secret.
 * Literal secrets fail; a secret-store reference passes in a property meant
 * for secrets and fails in a plain-text one (`field`); values the template
 * does not pin down are judged by where they come from.
 */
/** `Ref Name (parameter without a value…)`: how an unresolved value names the template parameter it comes from. */
const PARAMETER_REF = /^Ref ([A-Za-z0-9]+) \(parameter without a value/;

const NO_ECHO = new WeakMap<Resource, ReadonlySet<string>>();
const NONE: ReadonlySet<string> = new Set();

/** The NoEcho parameters of the stack `r` is declared in (its stack record's facts), read once per stack record. */
export function noEchoParametersOf(r: Resource, inventory: Inventory): ReadonlySet<string> {
  const stack = inventory.ofType('aws.cloudformation.stack').find((s) => s.location.stack === r.location.stack);
  if (!stack) return NONE;
  let set = NO_ECHO.get(stack);
  if (!set) {
    const params = (stack.properties.Parameters ?? {}) as Record<string, { NoEcho?: unknown } | undefined>;
    set = new Set(Object.entries(params).filter(([, p]) => p?.NoEcho === true).map(([n]) => n));
    NO_ECHO.set(stack, set);
  }
  return set;
}

function noEchoInPlainText(name: string, masked: string, path: string): Verdict {
  return fail(
    `${name} takes NoEcho parameter ${masked} into a plain-text setting: the value is stored and shown in the resource's configuration, whatever NoEcho hides in the stack`,
    ev(path, `<Ref ${masked}>`, "the secret's ARN or name, fetched at run time"),
  );
}

/** The NoEcho parameter (of `noEcho`) a value is the bare `Ref` of, if any (a parameter the stack is given without a default). */
export function noEchoParameterIn(value: unknown, noEcho: ReadonlySet<string> | undefined): string | undefined {
  if (!noEcho || noEcho.size === 0 || !isUnresolved(value)) return undefined;
  const name = PARAMETER_REF.exec(value.expression)?.[1];
  return name && noEcho.has(name) ? name : undefined;
}

/**
 * The NoEcho parameter (of `noEcho`) the template takes whole into the property at `path` (`Properties.`-relative,
 * as written), or writes into its text (`Fn::Sub`, `Fn::Join`, nested: template-secrets.ts `noecho-in-text`), from
 * the loader's credential sites. It survives the parameter's Default: the loader resolves `Ref Param` to its
 * default, and the resolved value alone no longer says it was NoEcho.
 */
export function noEchoParameterAt(r: Resource, path: string, noEcho: ReadonlySet<string> | undefined): string | undefined {
  if (!noEcho || noEcho.size === 0) return undefined;
  const sites = r.properties[TEMPLATE_SECRETS];
  if (!Array.isArray(sites)) return undefined;
  const at = `Properties.${path}`;
  for (const s of sites as SecretSite[]) {
    const v = s?.value;
    if (s?.path === at && v && (v.kind === 'noecho-ref' || v.kind === 'parameter' || v.kind === 'noecho-in-text') && noEcho.has(v.parameter)) return v.parameter;
  }
  return undefined;
}

/**
 * Credential attributes that are handed to clients by design: an AppSync API key is sent by every client of the
 * API in a request header (AppSync developer guide, "API_KEY authorization"); it throttles and identifies, it does
 * not protect data (as rules/secrets-encrypted/_stack-sites.ts reads it in Outputs).
 */
const CLIENT_KEYS: Record<string, string[]> = { 'AWS::AppSync::ApiKey': ['ApiKey'] };

export function isClientKey(type: string, attribute: string): boolean {
  return CLIENT_KEYS[type]?.includes(attribute) === true;
}

/** The credential attribute of another resource (`Fn::GetAtt Key.SecretAccessKey`) the template writes at `path` (`Properties.`-relative), from the loader's sites. */
export function secretAttributeAt(r: Resource, path: string): (SecretSite & { value: { kind: 'secret-attribute' } }) | undefined {
  const sites = r.properties[TEMPLATE_SECRETS];
  if (!Array.isArray(sites)) return undefined;
  const at = `Properties.${path}`;
  for (const s of sites as SecretSite[])
    if (s?.path === at && s.value?.kind === 'secret-attribute' && !isClientKey(s.value.type, s.value.attribute)) return s as SecretSite & { value: { kind: 'secret-attribute' } };
  return undefined;
}

/** The verdict for a credential attribute of another resource written at `path`: plain text in a plain-text setting, kept hidden in a property meant for it. */
export function judgeSecretAttribute(name: string, site: SecretSite & { value: { kind: 'secret-attribute' } }, path: string, field: Field): Verdict {
  const { resource, type, attribute } = site.value;
  const observed = `<GetAtt ${resource}.${attribute}>`;
  if (field === 'secret-field')
    return pass(`${name} takes ${attribute} of ${resource} (${type}) into a property meant for a credential`, ev(path, observed));
  return fail(
    `${name} takes ${attribute} of ${resource}, a credential (${type} returns it in plain text), ${site.resolvedInto === 'text' ? 'into text' : 'into a plain-text setting'}: CloudFormation writes the value into the resource's configuration, readable by anyone who can describe it`,
    ev(path, observed, "the secret's ARN or name (store the credential in Secrets Manager), fetched at run time"),
  );
}

export function judgeVariable(name: string, written: unknown, path: string, field: Field = 'plain-text', noEcho?: ReadonlySet<string>): Verdict | undefined {
  // Where the credential comes from is the question here: a dynamic reference is read as written (the
  // store and the name it points at), not as the deploy-time value other rules wait for.
  const value = writtenText(written);
  if (typeof value === 'string') return judgeClass(name, classifyValue(name, value), path, value, field);
  const store = isUnresolved(value) ? dynamicSecretReference(value) : undefined;
  if (store && field === 'plain-text') return exposedReference(name, store, path);
  // A NoEcho parameter given to a plain-text setting, whatever the setting is called (WEBHOOK_URL): the
  // template says the value is secret, and the service stores and shows it as written.
  const masked = field === 'plain-text' ? noEchoParameterIn(value, noEcho) : undefined;
  if (masked) return noEchoInPlainText(name, masked, path);
  if (!looksLikeSecretName(name)) return undefined;
  if (isRef(value)) return pass(`${name} refers to another resource (${value.logicalId}), not a literal`, ev(path, value));
  if (isUnresolved(value)) {
    if (store)
      return pass(`${name} is built from a secret-store dynamic reference`, ev(path, '{{resolve:...}} reference', undefined, 'resolved at deploy time into a property meant for secrets'));
    const param = PARAMETER_REF.exec(value.expression);
    // A credential passed in as a parameter lands in this plain-text setting as given: whoever can read the
    // configuration reads it (NoEcho masks only the parameter). A property meant for secrets passes.
    if (param && field === 'plain-text')
      return fail(
        `${name} takes credential parameter ${param[1]} into a plain-text setting: the value is stored and shown in the resource's configuration, whatever NoEcho hides in the stack`,
        ev(path, `<Ref ${param[1]}>`, "the secret's ARN or name, fetched at run time"),
      );
    if (param)
      return pass(`${name} comes from template parameter ${param[1]} (judged by secrets-encrypted/aws-cloudformation-stack)`, ev(path, `<Ref ${param[1]}>`));
    if (/(GetAtt|Ref)\b/.test(value.expression) && !/ImportValue/.test(value.expression))
      return pass(`${name} is computed from other resources, not written in the template`, ev(path, `<${value.expression.slice(0, 60)}>`));
    return unknown(`${name} looks like a credential and its value (${value.expression.slice(0, 60)}) cannot be resolved`, ev(path, '<unresolved>'));
  }
  if (value === undefined || value === null) return undefined;
  return undefined;
}

/**
 * The verdict for a classified value (src/lib/secrets.ts classifyValue). IaC
 * classifies the literal it reads; a live collector classifies at collection
 * time and keeps only the class, so both are judged by this one function.
 * `literal` is the value when the source may show it (a plain-SSM reference
 * names a parameter, not a secret); live sources never pass it. `field`: see `Field`.
 */
export function judgeClass(name: string, c: ValueClass, path: string, literal?: string, field: Field = 'secret-field'): Verdict | undefined {
  switch (c.kind) {
    case 'store-reference':
      // A live value is what the service holds: a `{{resolve:...}}` text there was never resolved.
      if (field === 'plain-text' && literal !== undefined) return exposedReference(name, c.store, path);
      return pass(`${name} is a ${c.store} dynamic reference`, ev(path, '{{resolve:...}} reference', undefined, 'resolved at deploy time: the secret is not in the template, but readers of the deployed configuration can see it; prefer fetching at run time'));
    case 'plain-ssm-reference':
      return fail(`${name} reads a plain String SSM parameter: the secret is stored unencrypted in Parameter Store`, ev(path, literal ?? '{{resolve:ssm:...}} reference', '{{resolve:secretsmanager:...}} or {{resolve:ssm-secure:...}}'));
    case 'secret':
      return fail(`${name} holds a secret in plain text: ${c.reason}`, ev(path, `<redacted: ${c.length} characters>`, 'a reference to Secrets Manager or SSM SecureString'));
    case 'clear':
      return undefined;
    default:
      return unknown(`${name}: the stored classification of its value is not one vouch knows`, ev(path, '<withheld>'));
  }
}

/**
 * One environment entry of a resource, live or IaC. A live collector stores
 * `<redacted>` in place of every value and its class under
 * `Live.WithheldValues[path]`; a withheld value without a class is unknown,
 * never a pass.
 */
export function judgeEntry(r: Resource, name: string, value: unknown, path: string, field: Field = 'plain-text', noEcho?: ReadonlySet<string>): Verdict | undefined {
  const withheld = get(r.properties, 'Live.WithheldValues') as Record<string, unknown> | undefined;
  const c = withheld && typeof withheld === 'object' ? withheld[path] : undefined;
  if (c !== undefined) {
    if (!c || typeof c !== 'object' || !VALUE_CLASS_KINDS.has(String((c as { kind?: unknown }).kind)))
      return unknown(`${name}: the stored classification of its value is not one vouch knows`, ev(path, '<withheld>'));
    return judgeClass(name, c as ValueClass, path);
  }
  if (r.source === 'live' && value === REDACTED)
    return unknown(`${name}: the collector withheld the value without classifying it`, ev(path, '<withheld>', 'a classified value (Live.WithheldValues)'));
  // A credential attribute of another resource (`Fn::GetAtt Accessor.BillingToken`), whatever the variable is called.
  const attribute = r.source === 'iac' ? secretAttributeAt(r, path) : undefined;
  if (attribute) return judgeSecretAttribute(name, attribute, path, field);
  // A NoEcho parameter with a Default: resolved to the default, the value no longer says NoEcho; the template as written does.
  // So does a NoEcho parameter built into the value (`postgres://app:${DbPassword}@db`, a Join in a Join), default or not.
  const masked = field === 'plain-text' ? noEchoParameterAt(r, path, noEcho) : undefined;
  if (masked) return noEchoInPlainText(name, masked, path);
  return judgeVariable(name, value, path, field, noEcho);
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
