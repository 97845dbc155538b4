/**
 * Parse a CloudFormation template (JSON or YAML, with the short-form tags
 * `!Ref`, `!GetAtt`, `!Sub`, ...) into plain data plus the line of every
 * resource's logical id. Bounded: size cap, alias-expansion cap, depth cap,
 * `__proto__` keys refused.
 */
import { LineCounter, Parser, Composer, isAlias, isMap, isPair, isScalar, isSeq, type Node, type Document } from 'yaml';
import { InputError } from '../engine/errors.js';
import { assertNoProtoKeys, firstLine } from '../engine/yaml-file.js';

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
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = pair.key;
        const key = isScalar(k) ? String(k.value) : String(this.toJS(k as Node, depth + 1));
        if (key === '__proto__') throw new InputError(`${this.file}: key "__proto__" is not allowed`);
        if (Object.prototype.hasOwnProperty.call(obj, key)) throw new InputError(`${this.file}${this.lineOf(k as Node)}: duplicate key "${key}"`);
        obj[key] = this.toJS(pair.value as Node, depth + 1);
      }
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

  private lineOf(node: Node): string {
    const off = node.range?.[0];
    return off === undefined ? '' : `:${this.lc.linePos(off).line}`;
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
  return { template: template as Record<string, unknown>, lines: jsonLogicalIdLines(text, template as Record<string, unknown>) };
}

/** Lines of the logical ids in a JSON template, found in order after the "Resources" key. */
function jsonLogicalIdLines(text: string, template: Record<string, unknown>): Map<string, number> {
  const lines = new Map<string, number>();
  const resources = template.Resources;
  if (!resources || typeof resources !== 'object') return lines;
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let pos = Math.max(0, text.search(/"Resources"\s*:/));
  for (const id of Object.keys(resources)) {
    const needle = JSON.stringify(id);
    let at = text.indexOf(needle, pos);
    // Skip occurrences that are values (e.g. "Ref": "Id"), keep the one used as a key.
    while (at !== -1 && !/^\s*:\s*\{/.test(text.slice(at + needle.length, at + needle.length + 64))) {
      at = text.indexOf(needle, at + needle.length);
    }
    if (at === -1) continue;
    lines.set(id, lineOf(at));
    pos = at + needle.length;
  }
  return lines;
}

export function parseTemplateText(text: string, file: string): ParsedTemplate {
  const trimmed = text.trimStart();
  if (trimmed.length === 0) throw new InputError(`${file}: empty file, expected a CloudFormation template`);
  const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[');
  const parsed = looksJson ? parseJsonTemplate(text, file) : parseYamlTemplate(text, file);
  const res = parsed.template.Resources;
  if (!res || typeof res !== 'object' || Array.isArray(res))
    throw new InputError(`${file}: not a CloudFormation template (no Resources section)`);
  for (const [id, r] of Object.entries(res as Record<string, unknown>)) {
    // Fn::ForEach loops (AWS::LanguageExtensions) are expanded, and checked, when the stack loads.
    if (id.startsWith('Fn::ForEach::')) continue;
    if (!r || typeof r !== 'object' || typeof (r as { Type?: unknown }).Type !== 'string')
      throw new InputError(`${file}: resource ${id} has no Type`);
  }
  return parsed;
}
