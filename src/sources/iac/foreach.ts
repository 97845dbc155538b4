/**
 * `Fn::ForEach` (the `AWS::LanguageExtensions` transform) in a template's
 * `Resources`: each loop is expanded into the resources CloudFormation would
 * create, when its collection is known. A loop whose collection is not known
 * here (a parameter without a value, an import) is left out and said so:
 * its resources are not judged, never passed.
 */
import { InputError } from '../../util/errors.js';

const PREFIX = 'Fn::ForEach::';
/** Resources one template may expand to; beyond, the template is refused (nested loops multiply). */
export const MAX_EXPANDED_RESOURCES = 20_000;
const MAX_LOOP_DEPTH = 8;
/** Values copied while expanding (ten times a 1 MB template): bounds the work of a large body looped many times. */
export const MAX_EXPANDED_NODES = 500_000;

export interface ForEachResult {
  resources: Record<string, unknown>;
  skipped: { loop: string; why: string }[];
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** `&{x}`: the value with every non-alphanumeric character removed, as CloudFormation does. */
const alnum = (s: string) => s.replace(/[^A-Za-z0-9]/g, '');

function substitute(v: unknown, id: string, item: string, budget: { left: number }, depth = 0): unknown {
  if (--budget.left < 0) throw new ExpansionTooLarge();
  if (depth > 256) return v;
  if (typeof v === 'string') return v.includes('{' + id + '}') ? v.split('${' + id + '}').join(item).split('&{' + id + '}').join(alnum(item)) : v;
  if (Array.isArray(v)) return v.map((x) => substitute(x, id, item, budget, depth + 1));
  if (isObj(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === 'Ref' && v.Ref === id) return item;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[substitute(k, id, item, budget) as string] = substitute(x, id, item, budget, depth + 1);
    return out;
  }
  return v;
}

class ExpansionTooLarge extends Error {}

/**
 * Expand every `Fn::ForEach::Name` in `resources`. `collection` resolves a
 * loop's collection expression to a list of strings, or a reason it cannot.
 */
export function expandForEach(
  resources: Record<string, unknown>,
  collection: (expr: unknown) => string[] | string,
  file: string,
): ForEachResult {
  const out: Record<string, unknown> = {};
  const skipped: ForEachResult['skipped'] = [];
  let count = 0;
  const budget = { left: MAX_EXPANDED_NODES };
  const walk = (obj: Record<string, unknown>, depth: number) => {
    for (const [key, value] of Object.entries(obj)) {
      if (!key.startsWith(PREFIX)) {
        if (Object.prototype.hasOwnProperty.call(out, key)) throw new InputError(`${file}: Fn::ForEach produces resource ${key} twice`);
        if (++count > MAX_EXPANDED_RESOURCES) throw new InputError(`${file}: Fn::ForEach expands to more than ${MAX_EXPANDED_RESOURCES} resources`);
        out[key] = value;
        continue;
      }
      if (depth >= MAX_LOOP_DEPTH) throw new InputError(`${file}: Fn::ForEach loops nested deeper than ${MAX_LOOP_DEPTH}`);
      if (!Array.isArray(value) || value.length !== 3 || typeof value[0] !== 'string' || !isObj(value[2])) {
        skipped.push({ loop: key, why: 'not of the form [Identifier, Collection, {OutputKey: Template}]' });
        continue;
      }
      const [id, coll, template] = value as [string, unknown, Record<string, unknown>];
      const items = collection(coll);
      if (typeof items === 'string') {
        skipped.push({ loop: key, why: `its collection is not known (${items})` });
        continue;
      }
      for (const item of items) walk(substitute(template, id, item, budget) as Record<string, unknown>, depth + 1);
    }
  };
  try {
    walk(resources, 0);
  } catch (e) {
    if (e instanceof ExpansionTooLarge) throw new InputError(`${file}: Fn::ForEach expands to more than ${MAX_EXPANDED_NODES} values`);
    throw e;
  }
  return { resources: out, skipped };
}

/**
 * `Fn::ForEach` inside a resource's `Properties` (AWS::LanguageExtensions replicates properties
 * too: `Fn::ForEach::Settings: [Key, [A, B], {"${Key}": …}]`): each loop is expanded into the keys
 * it makes, beside the keys written out. A loop whose collection is not known makes the object it
 * sits in an unresolved value (`{Fn::ForEach: …}`, which the resolver leaves unresolved): the
 * properties it would set are judged unknown, never as omitted. Returns `props` itself when it
 * holds no loop.
 */
export function expandForEachInProperties(props: unknown, collection: (expr: unknown) => string[] | string, file: string): unknown {
  const budget = { left: MAX_EXPANDED_NODES };
  const walk = (v: unknown, depth: number): unknown => {
    if (--budget.left < 0) throw new InputError(`${file}: Fn::ForEach in properties expands to more than ${MAX_EXPANDED_NODES} values`);
    if (depth > 256) return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    if (!isObj(v)) return v;
    const keys = Object.keys(v);
    if (!keys.some((k) => k.startsWith(PREFIX))) {
      const out: Record<string, unknown> = {};
      for (const k of keys) out[k] = walk(v[k], depth + 1);
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(v)) {
      if (!key.startsWith(PREFIX)) {
        out[key] = walk(value, depth + 1);
        continue;
      }
      if (!Array.isArray(value) || value.length !== 3 || typeof value[0] !== 'string' || !isObj(value[2]))
        return { 'Fn::ForEach': `${key}: not of the form [Identifier, Collection, {OutputKey: Value}]` };
      const [id, coll, template] = value as [string, unknown, Record<string, unknown>];
      const items = collection(coll);
      if (typeof items === 'string') return { 'Fn::ForEach': `${key}: its collection is not known (${items})` };
      for (const item of items) {
        const made = walk(substitute(template, id, item, budget), depth + 1);
        if (isObj(made)) Object.assign(out, made);
      }
    }
    return out;
  };
  const hasLoop = (v: unknown, depth: number): boolean => {
    if (depth > 64 || !v || typeof v !== 'object') return false;
    if (Array.isArray(v)) return v.some((x) => hasLoop(x, depth + 1));
    return Object.entries(v).some(([k, x]) => k.startsWith(PREFIX) || hasLoop(x, depth + 1));
  };
  if (!hasLoop(props, 0)) return props;
  try {
    return walk(props, 0);
  } catch (e) {
    if (e instanceof ExpansionTooLarge) throw new InputError(`${file}: Fn::ForEach in properties expands to more than ${MAX_EXPANDED_NODES} values`);
    throw e;
  }
}
