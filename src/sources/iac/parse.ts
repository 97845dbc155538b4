/**
 * Parse a CloudFormation template (JSON or YAML, with the short-form tags
 * `!Ref`, `!GetAtt`, `!Sub`, ...) into plain data plus the line of every
 * resource's logical id. Bounded: size cap, alias-expansion cap, depth cap,
 * `__proto__` keys refused.
 */
import { LineCounter, Parser, Composer, isAlias, isMap, isPair, isScalar, isSeq, type Node, type Document } from 'yaml';
import { InputError } from '../../util/errors.js';
import { assertNoProtoKeys, firstLine } from '../../util/yaml-file.js';
import { isIncludedDeclaration } from './transforms.js';

export interface ParsedTemplate {
  template: Record<string, unknown>;
  /** Logical id → 1-based line. */
  lines: Map<string, number>;
}

/**
 * Nodes that alias expansion may add before we call it a bomb. Nodes written
 * out in the file are bounded by the file size limit; aliases are what can
 * grow a small file exponentially (and templates rarely use them at all).
 */
const MAX_ALIAS_NODES = 100_000;
const MAX_DEPTH = 512;

const SHORT_FORMS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  GetAtt: 'Fn::GetAtt',
};

function tagToKey(tag: string): string {
  const name = tag.replace(/^!/, '');
  return SHORT_FORMS[name] ?? `Fn::${name}`;
}

class Expander {
  private aliasNodes = 0;
  private inAlias = 0;
  constructor(
    private readonly doc: Document,
    private readonly file: string,
    private readonly lc: LineCounter,
  ) {}

  toJS(node: Node | null | undefined, depth = 0): unknown {
    if (this.inAlias > 0 && ++this.aliasNodes > MAX_ALIAS_NODES)
      throw new InputError(`${this.file}: YAML aliases expand to more than ${MAX_ALIAS_NODES} nodes (alias bomb?)`);
    if (depth > MAX_DEPTH) throw new InputError(`${this.file}: nesting deeper than ${MAX_DEPTH} levels`);
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) throw new InputError(`${this.file}: YAML alias *${node.source} has no anchor`);
      this.inAlias++;
      try {
        return this.toJS(target as Node, depth + 1);
      } finally {
        this.inAlias--;
      }
    }
    let value: unknown;
    if (isScalar(node)) value = node.value;
    else if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      const seen = new Map<string, Node>();
      let merges: unknown[] | undefined;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = pair.key;
        const key = isScalar(k) ? String(k.value) : String(this.toJS(k as Node, depth + 1));
        if (key === '__proto__') throw new InputError(`${this.file}: key "__proto__" is not allowed`);
        if (key === '<<' && isScalar(k) && k.type === 'PLAIN') {
          (merges ??= []).push(this.toJS(pair.value as Node, depth + 1));
          continue;
        }
        const prev = seen.get(key);
        if (prev)
          throw new InputError(
            `${this.file}${this.lineOf(k as Node)}: duplicate key ${JSON.stringify(key)} (first at line ${this.lineOf(prev).slice(1) || '?'}); CloudFormation rejects duplicate keys`,
          );
        seen.set(key, k as Node);
        obj[key] = this.toJS(pair.value as Node, depth + 1);
      }
      if (merges) mergeKeys(obj, merges);
      value = obj;
    } else if (isSeq(node)) value = node.items.map((n) => this.toJS(n as Node, depth + 1));
    else value = null;
    const tag = (node as { tag?: string }).tag;
    if (tag && tag.startsWith('!') && !tag.startsWith('!!')) {
      const key = tagToKey(tag);
      if (key === 'Fn::GetAtt' && typeof value === 'string') {
        const dot = value.indexOf('.');
        value = dot > 0 ? [value.slice(0, dot), value.slice(dot + 1)] : [value];
      }
      return { [key]: value };
    }
    return value;
  }

  private lineOf(node: Node | null | undefined): string {
    const off = node?.range?.[0];
    return off === undefined ? '' : `:${this.lc.linePos(off).line}`;
  }
}

/**
 * YAML merge keys (`<<: *defaults`, `<<: [*a, *b]`): `aws cloudformation package` and `sam deploy`
 * expand them before CloudFormation sees the template, so the keys they bring are read as written
 * there; keys the mapping sets itself win, then earlier sources over later ones (YAML 1.1).
 */
function mergeKeys(obj: Record<string, unknown>, merges: unknown[]): void {
  for (const m of merges) {
    for (const src of Array.isArray(m) ? m : [m]) {
      if (!src || typeof src !== 'object' || Array.isArray(src)) continue;
      for (const [k, v] of Object.entries(src as Record<string, unknown>)) if (!Object.prototype.hasOwnProperty.call(obj, k)) obj[k] = v;
    }
  }
}

function parseYamlTemplate(text: string, file: string): ParsedTemplate {
  const lc = new LineCounter();
  const docs: Document[] = [];
  try {
    const composer = new Composer({ uniqueKeys: false, strict: false });
    for (const d of composer.compose(new Parser(lc.addNewLine).parse(text), true)) docs.push(d as Document);
  } catch (e) {
    throw new InputError(`${file}: invalid YAML: ${firstLine(e)}`);
  }
  if (docs.length === 0) throw new InputError(`${file}: empty file, expected a CloudFormation template`);
  if (docs.length > 1) throw new InputError(`${file}: ${docs.length} YAML documents in one file; a template is one document`);
  const doc = docs[0]!;
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    throw new InputError(`${file}${pos ? `:${pos.line}` : ''}: invalid YAML: ${firstLine(err.message)}`);
  }
  const root = doc.contents as Node | null;
  const template = new Expander(doc, file, lc).toJS(root);
  if (!template || typeof template !== 'object' || Array.isArray(template))
    throw new InputError(`${file}: not a CloudFormation template (the document is not a mapping)`);
  const lines = new Map<string, number>();
  if (isMap(root)) {
    const resources = root.items.find((p) => isScalar(p.key) && p.key.value === 'Resources');
    if (resources && isMap(resources.value)) {
      for (const p of resources.value.items) {
        if (isScalar(p.key) && p.key.range) lines.set(String(p.key.value), lc.linePos(p.key.range[0]).line);
      }
    }
  }
  return { template: template as Record<string, unknown>, lines };
}

function parseJsonTemplate(text: string, file: string): ParsedTemplate {
  let template: unknown;
  try {
    template = JSON.parse(text);
  } catch (e) {
    if (e instanceof RangeError) throw new InputError(`${file}: JSON nested too deeply to read`);
    throw new InputError(`${file}: invalid JSON: ${firstLine(e)}`);
  }
  if (!template || typeof template !== 'object' || Array.isArray(template))
    throw new InputError(`${file}: not a CloudFormation template (the document is not an object)`);
  assertNoProtoKeys(template, file, MAX_DEPTH);
  return { template: template as Record<string, unknown>, lines: scanJsonKeys(text, file) };
}

interface Frame {
  /** Keys seen in this object → offset of their first occurrence (undefined for an array). */
  keys: Map<string, number> | undefined;
  /** The key this container is the value of (in its parent object). */
  parentKey: string | undefined;
  depth: number;
  lastKey: string | undefined;
}

/**
 * One linear pass over JSON text already known to parse: duplicate keys in
 * any object are an input error naming both lines (JSON.parse keeps the last
 * silently; CloudFormation refuses the template), and the line of each
 * logical id under the top-level `Resources` is recorded. Strings are
 * skipped with indexOf, never a regular expression that could backtrack.
 */
export function scanJsonKeys(text: string, file: string): Map<string, number> {
  // Lines are counted as the scan passes them (JSON strings hold no raw line break); an error's earlier offset is counted apart.
  let line = 1;
  const lineOf = (offset: number) => {
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
    return n;
  };
  const lines = new Map<string, number>();
  const stack: Frame[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const parent = stack[stack.length - 1];
      // Every frame has the same four fields from the start: frames of one shape keep this loop fast on large templates.
      stack.push({ keys: c === 0x7b ? new Map() : undefined, parentKey: parent?.keys ? parent.lastKey : undefined, depth: stack.length + 1, lastKey: undefined });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x22 /* " */) {
      const begin = i;
      let end = text.indexOf('"', i + 1);
      let escaped = false;
      // A quote preceded by an odd number of backslashes is part of the string.
      for (;;) {
        if (end === -1) return lines; // cannot happen for text JSON.parse accepted
        let bs = 0;
        for (let k = end - 1; text.charCodeAt(k) === 0x5c; k--) bs++;
        if (bs % 2 === 0) break;
        escaped = true;
        end = text.indexOf('"', end + 1);
      }
      i = end;
      const frame = stack[stack.length - 1];
      if (!frame?.keys) continue;
      let j = end + 1;
      let breaks = 0;
      while (j < n) {
        const w = text.charCodeAt(j);
        if (w === 0x0a) breaks++;
        if (w === 0x20 || w === 0x0a || w === 0x0d || w === 0x09) j++;
        else break;
      }
      // Not a key: the main loop goes on after the string (and counts the line breaks it passes).
      if (text.charCodeAt(j) !== 0x3a /* : */) continue;
      const raw = text.slice(begin + 1, end);
      const key = escaped || raw.includes('\\') ? (JSON.parse(text.slice(begin, end + 1)) as string) : raw;
      const first = frame.keys.get(key);
      if (first !== undefined)
        throw new InputError(`${file}:${line}: duplicate key ${JSON.stringify(key)} (first at line ${lineOf(first)}); CloudFormation rejects duplicate keys`);
      frame.keys.set(key, begin);
      frame.lastKey = key;
      if (frame.depth === 2 && frame.parentKey === 'Resources' && stack[0]?.keys) lines.set(key, line);
      line += breaks;
      i = j;
    }
  }
  return lines;
}

export function parseTemplateText(text: string, file: string): ParsedTemplate {
  // A byte-order mark (editors on Windows write one) is not part of the document.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const trimmed = text.trimStart();
  if (trimmed.length === 0) throw new InputError(`${file}: empty file, expected a CloudFormation template`);
  const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[');
  const parsed = looksJson ? parseJsonTemplate(text, file) : parseYamlTemplate(text, file);
  const res = parsed.template.Resources;
  if (!res || typeof res !== 'object' || Array.isArray(res))
    throw new InputError(`${file}: not a CloudFormation template (no Resources section)`);
  for (const [id, r] of Object.entries(res as Record<string, unknown>)) {
    // Fn::ForEach loops (AWS::LanguageExtensions) are expanded, and checked, when the stack loads; snippets
    // (Fn::Transform: AWS::Include, macros) are valid and reported as not read (transforms.ts).
    if (id.startsWith('Fn::ForEach::') || id === 'Fn::Transform' || isIncludedDeclaration(r)) continue;
    if (!r || typeof r !== 'object' || typeof (r as { Type?: unknown }).Type !== 'string')
      throw new InputError(`${file}: resource ${id} has no Type`);
  }
  return parsed;
}
