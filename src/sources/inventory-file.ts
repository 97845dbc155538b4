/**
 * Inventory files: what a source collected, saved so it can be judged again
 * later, offline (`vouch evaluate`), with new claims or new rules. JSON, one
 * resource per line, value markers serialized losslessly:
 *
 *   Unresolved("Fn::ImportValue shared")  → {"$unresolved": "Fn::ImportValue shared"}
 *   ResourceRef("Bucket", "Arn")           → {"$ref": "Bucket", "attribute": "Arn"}
 *   Branches(cond, a, b)                   → {"$if": {"condition": cond, "then": a, "else": b}}
 *
 * A plain object that happens to use one of these keys is wrapped as
 * {"$object": {...}} so that it reads back as the same plain object.
 * Live collectors redact secrets before they build resources; an IaC
 * inventory holds the template's values as written (treat it like the template).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readInputText } from '../util/input-file.js';
import { dirname } from 'node:path';
import type { Resource } from '../model/resource.js';
import { Inventory, type Coverage } from '../model/inventory.js';
import { Branches, NO_VALUE, ResourceRef, Unresolved } from '../model/values.js';
import { DynamicReference, withDynamicReferences } from '../model/dynamic-references.js';
import { InputError } from '../util/errors.js';
import { inventoryFileSchema } from '../schema/inventory.js';
import { assertNoProtoKeys, firstLine } from '../util/yaml-file.js';
import { VERSION } from '../util/version.js';
import { REDACTED, isSecretReference, looksLikeSecretValue } from '../lib/secrets.js';
import { TEMPLATE_SECRETS, secretName, type SecretSite } from './iac/template-secrets.js';

export const INVENTORY_VERSION = 1;
export const DEFAULT_MAX_INVENTORY_BYTES = 512 * 1024 * 1024;

const MARKERS = new Set(['$unresolved', '$ref', '$if', '$object', '$noValue', '$undefined', '$date', '$number']);
const MAX_DEPTH = 512;

/** Value markers → JSON-safe tagged objects. */
export function encodeValue(v: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new Error(`value nested deeper than ${MAX_DEPTH} levels`);
  if (v === NO_VALUE) return { $noValue: true };
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $number: String(v) };
  if (typeof v === 'bigint') return String(v);
  if (v === undefined) return { $undefined: true };
  if (typeof v !== 'object') return String(v);
  // A dynamic reference is saved as written (it names a parameter or a secret, never holds a value) and
  // read back as one: the template's `{{resolve:…}}` text, turned unresolved again on load.
  if (v instanceof DynamicReference) return v.text;
  if (v instanceof Unresolved) return { $unresolved: v.expression };
  if (v instanceof ResourceRef) return v.attribute === undefined ? { $ref: v.logicalId } : { $ref: v.logicalId, attribute: v.attribute };
  if (v instanceof Branches) return { $if: { condition: v.condition, then: encodeValue(v.whenTrue, depth + 1), else: encodeValue(v.whenFalse, depth + 1) } };
  if (v instanceof Date) return { $date: v.toISOString() };
  if (Array.isArray(v)) return v.map((x) => encodeValue(x, depth + 1));
  const out: Record<string, unknown> = {};
  let clash = false;
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    if (MARKERS.has(k)) clash = true;
    out[k] = encodeValue(x, depth + 1);
  }
  return clash ? { $object: out } : out;
}

/** Tagged objects → value markers. `path` names where a malformed marker is. */
export function decodeValue(v: unknown, path: string, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new DecodeError(path, `nested deeper than ${MAX_DEPTH} levels`);
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x, i) => decodeValue(x, `${path}[${i}]`, depth + 1));
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  const marker = keys.find((k) => MARKERS.has(k));
  if (marker) {
    const str = (x: unknown, what: string): string => {
      if (typeof x !== 'string') throw new DecodeError(`${path}.${what}`, 'expected a string');
      return x;
    };
    switch (marker) {
      case '$unresolved':
        return new Unresolved(str(o.$unresolved, '$unresolved'));
      case '$ref':
        return new ResourceRef(str(o.$ref, '$ref'), o.attribute === undefined ? undefined : str(o.attribute, 'attribute'));
      case '$if': {
        const b = o.$if as Record<string, unknown> | null;
        if (!b || typeof b !== 'object') throw new DecodeError(`${path}.$if`, 'expected {condition, then, else}');
        return new Branches(str(b.condition, '$if.condition'), decodeValue(b.then, `${path}.$if.then`, depth + 1), decodeValue(b.else, `${path}.$if.else`, depth + 1));
      }
      case '$object': {
        const inner = o.$object;
        if (!inner || typeof inner !== 'object' || Array.isArray(inner)) throw new DecodeError(`${path}.$object`, 'expected an object');
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(inner)) out[k] = decodeValue(x, `${path}.${k}`, depth + 1);
        return out;
      }
      case '$noValue':
        return NO_VALUE;
      case '$undefined':
        return undefined;
      case '$date':
        return new Date(str(o.$date, '$date'));
      case '$number':
        return Number(str(o.$number, '$number'));
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = decodeValue(o[k], `${path}.${k}`, depth + 1);
  return out;
}

class DecodeError extends Error {
  constructor(
    readonly path: string,
    why: string,
  ) {
    super(why);
  }
}

export interface SavedInventoryMeta {
  /** The command that collected it, e.g. `check cdk.out`. */
  command?: string;
  collectedAt?: Date;
  /** Values never to write (e.g. `--parameter` values of NoEcho or secret-named parameters), wherever they appear. */
  secretValues?: string[];
}

/**
 * A resource as it may be written to disk: strings that look like
 * credentials, values under secret-looking keys and the given secret values
 * are replaced by `<redacted>`, and each replaced path is recorded as a gap,
 * so judging the saved inventory later yields `unknown` there, never a pass
 * on the placeholder.
 */
export function redactForSaving(r: Resource, secretValues: readonly string[] = []): Resource {
  const values = secretValues.filter((v) => v.length >= 4);
  const gaps: Record<string, string> = {};
  // Where the template loader found a credential written in a property (a pre-shared key, a Name/Value entry, a script).
  const sites = r.properties[TEMPLATE_SECRETS];
  const credentialPaths = new Set(
    (Array.isArray(sites) ? (sites as SecretSite[]) : [])
      .filter((s) => s?.value?.kind === 'secret' && typeof s.path === 'string' && s.path.startsWith('Properties.'))
      .map((s) => s.path.slice('Properties.'.length)),
  );
  const hidden = (s: string, path: string) => looksLikeSecretValue(s) || values.some((v) => s.includes(v)) || credentialPaths.has(path);
  const walk = (v: unknown, path: string, depth: number): unknown => {
    if (depth > MAX_DEPTH) return v;
    if (typeof v === 'string') {
      if (!hidden(v, path)) return v;
      gaps[path || '*'] = 'redacted when the inventory was saved: the value looked like a secret';
      return REDACTED;
    }
    if (v instanceof Branches) return new Branches(v.condition, walk(v.whenTrue, path, depth + 1), walk(v.whenFalse, path, depth + 1));
    // A Fn::Sub/Fn::Join left unresolved keeps its text in the expression: the credential with it.
    if (v instanceof Unresolved && credentialPaths.has(path)) {
      gaps[path] = 'redacted when the inventory was saved: a credential written in the template';
      return new Unresolved(REDACTED);
    }
    if (!v || typeof v !== 'object' || v instanceof Unresolved || v instanceof ResourceRef || v instanceof Date) return v;
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const p = path ? `${path}.${k}` : k;
      // The template scan's reading of names: IAM condition keys (`token.actions.githubusercontent.com:sub`),
      // HttpTokens, ServiceToken and *Units name no credential, and redacting them would change verdicts.
      if (typeof x === 'string' && x !== '' && secretName(k) && !isSecretReference(x)) {
        gaps[p] = 'redacted when the inventory was saved: a secret-named value';
        out[k] = REDACTED;
      } else out[k] = walk(x, p, depth + 1);
    }
    return out;
  };
  const properties = walk(r.properties, '', 0) as Record<string, unknown>;
  // Paths found in raw material are not property paths: only property gaps are recorded.
  const propertyGaps = Object.keys(gaps).length ? { ...(r.gaps ?? {}), ...gaps } : r.gaps;
  const raw = r.raw?.map((e) => ({ ...e, data: walk(e.data, '', 0) }));
  return { ...r, properties, ...(raw ? { raw } : {}), ...(propertyGaps ? { gaps: propertyGaps } : {}) };
}

/** Write the inventory as JSON (one resource per line), atomically. */
export function saveInventory(inventory: Inventory, file: string, meta: SavedInventoryMeta = {}): void {
  const head = {
    inventoryVersion: INVENTORY_VERSION,
    collectedAt: (meta.collectedAt ?? new Date()).toISOString(),
    tool: { name: 'vouch', version: VERSION },
    ...(meta.command ? { command: meta.command } : {}),
    coverage: encodeValue(inventory.coverage),
  };
  const lines: string[] = [];
  for (const r of inventory.all()) lines.push(JSON.stringify(encodeValue(redactForSaving(r, meta.secretValues))));
  const headJson = JSON.stringify(head);
  const text = `${headJson.slice(0, -1)},"resources":[\n${lines.join(',\n')}\n]}\n`;
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    throw InputError.fromFs(file, e);
  }
}

const pathOf = (p: readonly PropertyKey[]) =>
  p.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '') || '(top level)';

/** Read an inventory file back; a bad file is a one-line error naming the file and where. */
export function loadInventory(file: string, maxBytes = DEFAULT_MAX_INVENTORY_BYTES): Inventory {
  const text = readInputText(file, {
    maxBytes,
    tooBig: (size) => `${(size / 1048576).toFixed(0)} MB is over the ${(maxBytes / 1048576).toFixed(0)} MB limit for an inventory file`,
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not an inventory file: invalid JSON (${firstLine(e)})`);
  }
  assertNoProtoKeys(data, file);
  const version = (data as { inventoryVersion?: unknown } | null)?.inventoryVersion;
  if (data === null || typeof data !== 'object' || Array.isArray(data) || version === undefined)
    throw new InputError(`${file}: not an inventory file (no inventoryVersion; write one with --save-inventory)`);
  if (version !== INVENTORY_VERSION) throw new InputError(`${file}: inventoryVersion ${JSON.stringify(version)} is not supported (this vouch reads ${INVENTORY_VERSION})`);
  const parsed = inventoryFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    throw new InputError(`${file}: ${pathOf(issue.path)}: ${issue.message}${more}`);
  }
  const inv = new Inventory([], parsed.data.coverage);
  parsed.data.resources.forEach((r, i) => {
    let properties: Record<string, unknown>;
    let rawRecords = r.raw;
    try {
      properties = decodeValue(r.properties, `resources[${i}].properties`) as Record<string, unknown>;
      // Template values as the IaC loader gives them: a dynamic reference is unresolved (src/model/dynamic-references.ts).
      if (r.source === 'iac') properties = withDynamicReferences(properties);
      if (rawRecords) rawRecords = rawRecords.map((x, j) => (x.data === undefined ? x : { ...x, data: decodeValue(x.data, `resources[${i}].raw[${j}].data`) }));
    } catch (e) {
      if (e instanceof DecodeError) throw new InputError(`${file}: ${e.path}: ${e.message}`);
      throw e;
    }
    if (inv.get(r.id)) throw new InputError(`${file}: resources[${i}].id: duplicate resource id '${r.id}'`);
    inv.add({ ...r, properties, ...(rawRecords ? { raw: rawRecords } : {}) });
  });
  return inv;
}

/** Merge several inventories (e.g. IaC + live) into one; resource ids must not collide. */
export function mergeInventories(parts: { inventory: Inventory; file: string }[]): Inventory {
  const coverage: Coverage = {};
  const merged = new Inventory([], coverage);
  for (const { inventory, file } of parts) {
    for (const r of inventory.all()) {
      if (merged.get(r.id)) throw new InputError(`${file}: resource '${r.id}' is also in an earlier inventory`);
      merged.add(r);
    }
    mergeCoverage(coverage, inventory.coverage);
  }
  return merged;
}

function mergeCoverage(into: Coverage, c: Coverage): void {
  const list = <T>(a: T[] | undefined, b: T[] | undefined): T[] | undefined => (b ? [...(a ?? []), ...b] : a);
  const uniq = (a: string[] | undefined) => (a ? [...new Set(a)] : a);
  if (c.accounts) {
    into.accounts ??= {};
    for (const [k, v] of Object.entries(c.accounts)) into.accounts[k] = uniq([...(into.accounts[k] ?? []), ...v])!;
  }
  into.regions = uniq(list(into.regions, c.regions));
  into.services = uniq(list(into.services, c.services));
  if (c.calls) {
    into.calls ??= {};
    for (const [k, v] of Object.entries(c.calls)) into.calls[k] = (into.calls[k] ?? 0) + v;
  }
  into.failures = list(into.failures, c.failures);
  into.units = list(into.units, c.units);
  into.inputs = list(into.inputs, c.inputs);
  into.notCollected = list(into.notCollected, c.notCollected);
  into.plannedUnits = uniq(list(into.plannedUnits, c.plannedUnits));
  // Services left out with --services: without them a rule on their types would not be reported not collected.
  into.excludedServices = uniq(list(into.excludedServices, c.excludedServices));
  // A merged inventory spans shards: it is no longer one shard.
  delete into.shard;
  for (const k of Object.keys(into) as (keyof Coverage)[]) if (into[k] === undefined) delete into[k];
}
