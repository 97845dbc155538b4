/**
 * Template parameters that name a secret rather than hold one: a parameter
 * read inside a dynamic reference (`{{resolve:secretsmanager:${DbSecret}:SecretString:password}}`,
 * or the same built with Fn::Join) holds the secret's name or ARN, which
 * CloudFormation resolves at deploy time. Such a parameter is a pointer,
 * whatever its name says (`BreakGlassPasswordSecret`).
 */
import { asRecord } from '../../evaluate/facts.js';
import { nameWords } from '../../lib/secrets.js';
import { builtTexts } from './built-text.js';

const BEFORE_REF = /\{\{resolve:(?:secretsmanager|ssm-secure|ssm):$/;
/** Nodes looked at, at most: the walk is over the template as written (bounded by its size), this bounds it again. */
const BUDGET = 200_000;

export function parametersNamingSecrets(resources: unknown, parameters: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  if (parameters.size === 0) return out;
  let budget = BUDGET;
  const texts = { parameters, condition: () => undefined };
  // `inText`: below a Fn::Sub / Fn::Join already read whole.
  const walk = (x: unknown, depth: number, inText = false): void => {
    if (--budget < 0 || depth > 64 || !x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach((y) => walk(y, depth + 1, inText));
    const o = x as Record<string, unknown>;
    // The text however it is built (a Sub in a Join, a Sub's variable map, an If among the parts: built-text.ts):
    // a parameter right after `{{resolve:<store>:` names the secret.
    // A shape CloudFormation does not accept (no texts) is walked into, so a Sub inside it is still read.
    const read = !inText && ('Fn::Sub' in o || 'Fn::Join' in o) ? builtTexts(o, texts) : undefined;
    for (const t of read ?? []) for (const p of t.parameters) if (BEFORE_REF.test(p.before)) out.add(p.parameter);
    for (const v of Object.values(o)) walk(v, depth + 1, inText || read !== undefined);
  };
  walk(resources, 0);
  return out;
}

/**
 * Last words of a property name whose value identifies something (a role, a secret, a resource):
 * `SecretsManagerAccessRoleArn`, `RoleArn`, `SecretId`, `DomainName`, `Hostname`. Not `Url` or
 * `Endpoint`: a webhook URL may be the credential itself. `ScriptLocation`, `OutputPath`: where an object lives.
 */
const IDENTIFIER_KEY_WORDS = new Set(['arn', 'arns', 'role', 'roles', 'id', 'ids', 'identifier', 'identifiers', 'name', 'names', 'host', 'hostname', 'domain', 'bucket', 'location', 'path']);

/**
 * An S3 location (`{ Bucket, Key }`, `{ S3Bucket, S3Key }`: GameLift scripts and builds, Lambda code,
 * Glue scripts, Beanstalk versions): beside a bucket, `Key` is an object's name, not a key that
 * unlocks anything — a parameter used there names an object, whatever its name says (`ScriptKey`).
 */
const S3_BUCKET_KEYS = ['Bucket', 'S3Bucket', 'BucketName'];
const S3_OBJECT_KEYS = new Set(['Key', 'S3Key', 'ObjectKey']);

/** Does the property name say its value is an identifier? */
export function isIdentifierKey(key: string): boolean {
  const words = nameWords(key);
  return words.length > 0 && IDENTIFIER_KEY_WORDS.has(words[words.length - 1]!);
}

const INTRINSIC_KEY = /^(?:Ref|Condition|Fn::[A-Za-z0-9]+)$/;

/**
 * Template parameters every use of which (in Resources, as written) is the value, or a part of the
 * value, of a property that takes an identifier (`SecretsManagerAccessRoleArn: !Ref SecretAccessRole`,
 * `RoleArn: !Sub arn:aws:iam::${AWS::AccountId}:role/${FlowSecrets}`): whatever the parameter's name
 * says (Secret, Token), the service reads an ARN, id or name from it, never a credential. A parameter
 * used once anywhere else (an environment entry's `Value`, user data, a password property), or not
 * used at all, is not listed: its name is all there is to judge.
 */
export function parametersUsedAsIdentifiers(resources: unknown, parameters: ReadonlySet<string>): Set<string> {
  const identifierUses = new Set<string>();
  const otherUses = new Set<string>();
  if (parameters.size === 0) return identifierUses;
  let budget = BUDGET;
  const use = (param: string, key: string) => {
    if (!parameters.has(param)) return;
    (key !== '' && isIdentifierKey(key) ? identifierUses : otherUses).add(param);
  };
  const fromText = (text: unknown, key: string, own: Record<string, unknown>) => {
    if (typeof text !== 'string') return;
    for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)\}/g)) if (!Object.prototype.hasOwnProperty.call(own, m[1]!)) use(m[1]!, key);
  };
  // `key`: the nearest property name above the node (intrinsic function names and list indexes skipped).
  const walk = (x: unknown, key: string, depth: number): void => {
    if (--budget < 0 || depth > 64 || !x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach((y) => walk(y, key, depth + 1));
    const o = x as Record<string, unknown>;
    if (typeof o.Ref === 'string') use(o.Ref, key);
    const sub = o['Fn::Sub'];
    if (sub !== undefined) {
      const [tpl, vars] = Array.isArray(sub) ? [sub[0], sub[1]] : [sub, undefined];
      fromText(tpl, key, asRecord(vars));
    }
    const located = S3_BUCKET_KEYS.some((b) => Object.prototype.hasOwnProperty.call(o, b));
    for (const [k, v] of Object.entries(o)) walk(v, INTRINSIC_KEY.test(k) ? key : located && S3_OBJECT_KEYS.has(k) ? 'ObjectName' : k, depth + 1);
  };
  for (const decl of Object.values(asRecord(resources))) walk(asRecord(decl).Properties, '', 0);
  if (budget < 0) return new Set();
  for (const p of otherUses) identifierUses.delete(p);
  return identifierUses;
}
