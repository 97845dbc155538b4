/**
 * CloudFormation dynamic references in template values: `{{resolve:ssm:…}}`, `{{resolve:ssm-secure:…}}`,
 * `{{resolve:secretsmanager:…}}`. CloudFormation replaces each at deploy time with what Parameter Store
 * or Secrets Manager holds then, so the text a template carries is not the value the resource gets: a TLS
 * policy, a CIDR, an engine version, a log bucket, a KMS key or a principal written this way is not
 * settled by the template. The IaC loader turns every such string into a `DynamicReference`, an
 * `Unresolved` value, so each rule meets it as it meets any value the template does not settle (`known`
 * and `must` make it `unknown`, naming the reference; helpers that match names, tags, principals or
 * CIDRs take their unresolved path), wherever and however deep the rule reads. Rules that judge where a
 * credential comes from read the reference as written (`writtenText`): a secret-store reference where a
 * credential is expected is a pointer to a stored secret, not a value to settle.
 */
import { SHAPE_UNKNOWN, Unresolved, Branches } from './values.js';

const DYNAMIC_REFERENCE = /\{\{resolve:([a-z-]+):([^}]{0,80})/;
const WHOLE_REFERENCE = /\{\{resolve:[a-z-]+:[^{}]*\}\}/g;
/** How far into a value the loader looks (templates are bounded; this bounds a hostile one). */
const MAX_DEPTH = 64;

/**
 * How a text holding a dynamic reference is named in evidence: the store and the parameter or secret
 * name (never a value), and that it is resolved at deploy time. Undefined when there is none.
 */
export function describeDynamicReference(text: string): string | undefined {
  if (!text.includes('{{resolve:')) return undefined;
  const m = DYNAMIC_REFERENCE.exec(text);
  return m ? `{{resolve:${m[1]}:${m[2]}${m[2]!.length === 80 ? '…' : ''}}}, a dynamic reference CloudFormation resolves at deploy time` : undefined;
}

/** A template string holding one or more dynamic references: unresolved, with the text as written kept. */
export class DynamicReference extends Unresolved {
  constructor(
    /** The value as written in the template (a secret-store reference names a secret, never holds one). */
    readonly text: string,
    expression: string,
  ) {
    // Each reference is a hole of unknown content in the text around it (`arn:aws:kms:eu-west-1:{{resolve:ssm:/acct}}:key/x`).
    super(expression, text.replace(WHOLE_REFERENCE, SHAPE_UNKNOWN));
  }
}

export function isDynamicReference(v: unknown): v is DynamicReference {
  return v instanceof DynamicReference;
}

/** A value as written in the template: a dynamic reference's text, anything else unchanged. */
export function writtenText<T>(v: T): T | string {
  return v instanceof DynamicReference ? v.text : v;
}

/** `text` as a `DynamicReference` when it holds one, else undefined. */
export function dynamicReference(text: string): DynamicReference | undefined {
  const expression = describeDynamicReference(text);
  return expression ? new DynamicReference(text, expression) : undefined;
}

/**
 * `v` with every string that holds a dynamic reference turned into a `DynamicReference`, however deep
 * (objects, lists, both sides of an undecided `Fn::If`). Parts without one are returned as they are, the
 * same objects: a template without dynamic references is not copied.
 */
export function withDynamicReferences<T>(v: T, depth = 0): T {
  if (typeof v === 'string') return ((v.includes('{{resolve:') && dynamicReference(v)) || v) as T;
  if (v === null || typeof v !== 'object') return v;
  // Deeper than the walk goes: a part holding a reference anywhere is unresolved as a whole (fail closed), never a literal.
  if (depth > MAX_DEPTH) return (deepReference(v) ?? v) as T;
  if (v instanceof Branches) {
    const t = withDynamicReferences(v.whenTrue, depth + 1);
    const f = withDynamicReferences(v.whenFalse, depth + 1);
    return (t === v.whenTrue && f === v.whenFalse ? v : new Branches(v.condition, t, f, v.dimension)) as T;
  }
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = withDynamicReferences(v[i], depth + 1);
      if (x !== v[i]) (out ??= v.slice())[i] = x;
    }
    return (out ?? v) as T;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  let out: Record<string, unknown> | undefined;
  for (const k in v) {
    if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
    const was = (v as Record<string, unknown>)[k];
    const x = withDynamicReferences(was, depth + 1);
    if (x !== was) (out ??= { ...(v as Record<string, unknown>) })[k] = x;
  }
  return (out ?? v) as T;
}

/** A part nested beyond MAX_DEPTH that holds a dynamic reference anywhere, as one unresolved value (its text as written). */
function deepReference(v: object): DynamicReference | undefined {
  let text: string;
  try {
    text = JSON.stringify(v) ?? '';
  } catch {
    return undefined;
  }
  return text.includes('{{resolve:') ? dynamicReference(text) : undefined;
}
