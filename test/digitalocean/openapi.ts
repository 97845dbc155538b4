/**
 * Checking exchanges against DigitalOcean's official OpenAPI 3.0 spec
 * (../shared/specs/digitalocean-openapi.yaml beside the repository): the
 * request (method, path, query parameters) must be a documented read, and the
 * response body must validate against the documented schema of its status,
 * with no property the schema does not declare (so the fixture server cannot
 * invent fields), and carry the documented rate-limit headers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { doSpecPath } from '../prereqs.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SPEC_PATH = doSpecPath();

type Obj = Record<string, any>;

/** The API paths vouch reads; requests elsewhere fail the check as undocumented for vouch. */
const USED_PATHS = /^\/v2\/(account|droplets|firewalls|load_balancers|volumes|snapshots|databases)(\/|$)/;

/** Components reachable through $ref from the GET operations of the matching paths. */
function closure(doc: Obj, paths: RegExp): Obj {
  const out: Obj = {};
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    for (const [k, v] of Object.entries(node as Obj)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/') && !seen.has(v)) {
        seen.add(v);
        const [, , kind, name] = v.split('/');
        const target = doc.components?.[kind!]?.[name!];
        if (target) {
          (out[kind!] ??= {})[name!] = target;
          visit(target);
        }
      } else if (k !== 'example' && k !== 'examples') visit(v);
    }
  };
  for (const [p, item] of Object.entries(doc.paths as Obj)) {
    if (!paths.test(p)) continue;
    visit((item as Obj).parameters);
    visit((item as Obj).get);
  }
  return out;
}

export interface Spec {
  doc: Obj;
  ajv: Ajv;
  routes: { template: string; re: RegExp; params: string[]; item: Obj }[];
}

export function loadSpec(): Spec {
  if (!existsSync(SPEC_PATH)) {
    throw new Error(`DigitalOcean OpenAPI spec not found at ${SPEC_PATH}: the contract tests need it: set VOUCH_TEST_PREREQS=specs=DIR (default ../shared/specs beside the repository, where CI mounts it)`);
  }
  // The `yaml` package vouch already uses (~2 s here for the 3 MB spec, once per run).
  const doc = parse(readFileSync(SPEC_PATH, 'utf8'), { maxAliasCount: -1 }) as Obj;
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv);
  for (const f of ['float', 'double', 'int32', 'int64']) ajv.addFormat(f, true);
  // Only the component closure of the operations vouch uses: compiling all of components takes ~15 s.
  ajv.addSchema({ $id: 'do', components: closure(doc, USED_PATHS) });
  const routes = Object.entries(doc.paths as Obj)
    .map(([template, item]) => {
      const params: string[] = [];
      const re = new RegExp('^' + template.replace(/\{([^}]+)\}/g, (_, n) => (params.push(n), '([^/]+)')) + '$');
      return { template, re, params, item: item as Obj };
    })
    // Literal paths win over templated ones (/v2/droplets/backups/policies vs /v2/droplets/{droplet_id}).
    .sort((a, b) => a.params.length - b.params.length);
  return { doc, ajv, routes };
}

export function deref(spec: Spec, o: Obj | undefined): Obj | undefined {
  let cur = o;
  for (let i = 0; cur && cur.$ref && i < 20; i++) {
    const parts = String(cur.$ref).replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    cur = parts.reduce<any>((x, p) => x?.[p], spec.doc);
  }
  return cur;
}

const compiled = new Map<string, ValidateFunction>();

function validatorFor(spec: Spec, pointer: string): ValidateFunction {
  let v = compiled.get(pointer);
  if (!v) {
    v = spec.ajv.compile({ $ref: `do#${pointer}` });
    compiled.set(pointer, v);
  }
  return v;
}

/** Where the response schema of `status` lives, as a JSON pointer into the spec. */
function responsePointer(spec: Spec, op: Obj, status: number): { pointer: string; response: Obj } | undefined {
  const raw = op.responses?.[String(status)] ?? op.responses?.default;
  if (!raw) return undefined;
  const ref: string | undefined = raw.$ref;
  const response = deref(spec, raw)!;
  if (!ref) return undefined; // all DigitalOcean responses are components; inline ones are not used by vouch
  const base = ref.replace(/^#/, '');
  return { pointer: `${base}/content/application~1json/schema`, response };
}

export interface Problem {
  where: string;
  problem: string;
}

export function checkRequest(spec: Spec, method: string, url: string, headers: { authorization?: string }): Problem[] {
  const u = new URL(url, 'http://x');
  const where = `${method} ${u.pathname}${u.search}`;
  const route = spec.routes.find((r) => r.re.test(u.pathname));
  if (!route) return [{ where, problem: 'path is not in the spec' }];
  const op = route.item[method.toLowerCase()];
  if (!op) return [{ where, problem: `${method} is not documented for ${route.template}` }];
  const out: Problem[] = [];
  if (!/^Bearer \S+$/.test(headers.authorization ?? '')) out.push({ where, problem: 'no bearer token' });
  const params = [...(route.item.parameters ?? []), ...(op.parameters ?? [])].map((p: Obj) => deref(spec, p)!);
  const m = route.re.exec(u.pathname)!;
  route.params.forEach((name, i) => {
    const p = params.find((x) => x.in === 'path' && x.name === name);
    if (!p) out.push({ where, problem: `path parameter ${name} undocumented` });
    else out.push(...checkValue(spec, p.schema, decodeURIComponent(m[i + 1]!), `${where} path ${name}`));
  });
  for (const [k, v] of u.searchParams) {
    const p = params.find((x) => x.in === 'query' && x.name === k);
    if (!p) out.push({ where, problem: `query parameter ${k} is not documented for ${route.template}` });
    else out.push(...checkValue(spec, p.schema, v, `${where} query ${k}`));
  }
  return out;
}

function checkValue(spec: Spec, schema: Obj | undefined, raw: string, where: string): Problem[] {
  const s = deref(spec, schema) ?? {};
  const value = s.type === 'integer' || s.type === 'number' ? Number(raw) : raw;
  const v = spec.ajv.compile(s);
  return v(value) ? [] : [{ where, problem: spec.ajv.errorsText(v.errors) }];
}

export function checkResponse(spec: Spec, method: string, url: string, status: number, headers: Record<string, string>, body: unknown): Problem[] {
  const u = new URL(url, 'http://x');
  const where = `${status} ${method} ${u.pathname}${u.search}`;
  const route = spec.routes.find((r) => r.re.test(u.pathname));
  const op = route?.item[method.toLowerCase()];
  if (!op) return [{ where, problem: 'operation not in the spec' }];
  const found = responsePointer(spec, op, status);
  if (!found) return [{ where, problem: `status ${status} is not documented` }];
  const out: Problem[] = [];
  const validate = validatorFor(spec, found.pointer);
  if (!validate(body)) out.push({ where, problem: spec.ajv.errorsText(validate.errors, { separator: '; ' }).slice(0, 800) });
  const schema = deref(spec, { $ref: '#' + found.pointer });
  for (const path of undeclared(spec, body, schema, '$')) out.push({ where, problem: `${path} is not declared in the schema` });
  for (const [name, h] of Object.entries((found.response.headers ?? {}) as Obj)) {
    const hs = deref(spec, h as Obj)!;
    const value = headers[name.toLowerCase()];
    if (value === undefined) out.push({ where, problem: `header ${name} missing` });
    else out.push(...checkValue(spec, hs.schema, value, `${where} header ${name}`));
  }
  return out;
}

/** Properties of an object schema, through $ref and allOf/anyOf/oneOf (union). */
function shape(spec: Spec, schema: Obj | undefined, depth = 0): { props: Map<string, Obj>; open: boolean; additional?: Obj } {
  const s = deref(spec, schema);
  const out = { props: new Map<string, Obj>(), open: false, additional: undefined as Obj | undefined };
  if (!s || depth > 30) return { ...out, open: true };
  let declaresSomething = false;
  if (s.properties) {
    declaresSomething = true;
    for (const [k, v] of Object.entries(s.properties as Obj)) if (!out.props.has(k)) out.props.set(k, v as Obj);
  }
  if (s.additionalProperties !== undefined) {
    declaresSomething = true;
    if (s.additionalProperties === true) out.open = true;
    else if (typeof s.additionalProperties === 'object') out.additional = s.additionalProperties;
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const sub of (s[key] ?? []) as Obj[]) {
      const inner = shape(spec, sub, depth + 1);
      const subSchema = deref(spec, sub) ?? {};
      const empty = !subSchema.properties && !subSchema.allOf && !subSchema.anyOf && !subSchema.oneOf && subSchema.additionalProperties === undefined;
      if (empty) continue; // `{}` or a bare `readOnly: true` adds nothing
      declaresSomething = true;
      for (const [k, v] of inner.props) if (!out.props.has(k)) out.props.set(k, v);
      if (inner.open) out.open = true;
      if (inner.additional && !out.additional) out.additional = inner.additional;
    }
  }
  if (!declaresSomething) out.open = true; // a free-form object
  return out;
}

function itemsOf(spec: Spec, schema: Obj | undefined, depth = 0): Obj | undefined {
  const s = deref(spec, schema);
  if (!s || depth > 30) return undefined;
  if (s.items) return s.items;
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) for (const sub of (s[key] ?? []) as Obj[]) {
    const it = itemsOf(spec, sub, depth + 1);
    if (it) return it;
  }
  return undefined;
}

export function undeclared(spec: Spec, data: unknown, schema: Obj | undefined, path: string, depth = 0): string[] {
  if (depth > 40 || data === null || typeof data !== 'object') return [];
  if (Array.isArray(data)) {
    const items = itemsOf(spec, schema);
    return items ? data.flatMap((x, i) => (i < 3 ? undeclared(spec, x, items, `${path}[${i}]`, depth + 1) : [])) : [];
  }
  const sh = shape(spec, schema);
  const out: string[] = [];
  for (const [k, v] of Object.entries(data as Obj)) {
    const sub = sh.props.get(k) ?? sh.additional;
    if (!sub) {
      if (!sh.open) out.push(`${path}.${k}`);
      continue;
    }
    out.push(...undeclared(spec, v, sub, `${path}.${k}`, depth + 1));
  }
  return out;
}
