import { parse, parseDocument, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { InputError } from './errors.js';

/** Limits applied to every YAML input: no alias bombs, no unbounded documents. */
export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  uniqueKeys: true,
  prettyErrors: false,
};

/** Parse a plain YAML file (profiles, suppressions, config) into data, with one-line errors. */
export function parseYamlFile(text: string, file: string): unknown {
  try {
    const doc = parseDocument(text, YAML_OPTIONS);
    if (doc.errors.length) throw doc.errors[0];
    const value = doc.toJS({ maxAliasCount: 100 });
    assertNoProtoKeys(value, file);
    return value;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: invalid YAML: ${firstLine(e)}`);
  }
}

export function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0]!.trim();
}

/** A key path for a one-line message: a path hundreds of levels deep keeps its start and its end. */
function shortPath(path: string): string {
  return path.length > 160 ? `${path.slice(0, 100)}…${path.slice(-50)}` : path;
}

/** Reject `__proto__` keys anywhere: they have no meaning in any input vouch reads. */
export function assertNoProtoKeys(value: unknown, file: string, maxDepth = 2000): void {
  const stack: [unknown, string, number][] = [[value, '', 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop()!;
    if (depth > maxDepth) throw new InputError(`${file}: nesting deeper than ${maxDepth} levels at ${shortPath(path) || '(top)'}`);
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], `${path}[${i}]`, depth + 1]);
      continue;
    }
    for (const k of Object.keys(v)) {
      if (k === '__proto__') throw new InputError(`${file}: key "__proto__" is not allowed (at ${shortPath(path) || '(top)'})`);
      stack.push([(v as Record<string, unknown>)[k], path ? `${path}.${k}` : k, depth + 1]);
    }
  }
}

export { parse as parseYaml };
