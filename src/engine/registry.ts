/**
 * Rule discovery: every module under `rules/<control>/` is a rule; nothing
 * to register by hand. The folder names the control and the file names the
 * rule, so `rules/tls-min/aws-elbv2-listener.ts` must export the rule
 * `tls-min/aws-elbv2-listener`; a mismatch is a load error.
 */
import { readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CONTROL_IDS } from './controls.js';
import { SEVERITIES, type Rule } from './rule.js';

const here = dirname(fileURLToPath(import.meta.url));
const compiled = import.meta.url.endsWith('.js');
/** `rules/` beside `src/` (source tree) or beside `dist/src/` (compiled). */
export const RULES_DIR = resolve(here, '../../rules');
const EXT = compiled ? '.js' : '.ts';

const ruleMeta = z.object({
  id: z.string().regex(/^[a-z0-9-]+\/(aws|gcp|digitalocean)-[a-z0-9-]+$/, 'rule ids read <control>/<provider>-<subject>'),
  control: z.enum(CONTROL_IDS),
  title: z.string().min(5),
  severity: z.enum(SEVERITIES),
  remediation: z.object({ text: z.string().min(5) }).loose(),
  types: z.array(z.string().regex(/^(aws|gcp|digitalocean)\.[a-z0-9.-]+$/)).min(1),
  sources: z.array(z.enum(['iac', 'live'])).min(1),
  check: z.function(),
});

export function ruleFiles(dir = RULES_DIR): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const control of readdirSync(dir, { withFileTypes: true })) {
    if (!control.isDirectory()) continue;
    for (const f of readdirSync(join(dir, control.name), { withFileTypes: true })) {
      if (!f.isFile() || !f.name.endsWith(EXT) || f.name.endsWith('.d.ts') || f.name.includes('.test.')) continue;
      if (f.name.startsWith('_')) continue; // shared helpers of a control folder
      files.push(join(dir, control.name, f.name));
    }
  }
  return files.sort();
}

let cache: Promise<Rule[]> | undefined;
/** The default rule set once loaded (by either loader), for synchronous callers. */
let loaded: Rule[] | undefined;

/** Validate rule modules (default exports) loaded from `files`, in order. */
function toRules(files: string[], modules: { default?: unknown }[]): Rule[] {
  const rules: Rule[] = [];
  const seen = new Set<string>();
  files.forEach((file, i) => {
    const def = modules[i]!.default as Rule;
    const expected = `${basename(dirname(file))}/${basename(file, EXT)}`;
    const parsed = ruleMeta.safeParse(def);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${file}: invalid rule: ${issue.path.join('.') || 'default export'}: ${issue.message}`);
    }
    if (def.id !== expected) throw new Error(`${file}: rule id '${def.id}' must be '${expected}' (folder/file)`);
    if (def.control !== expected.split('/')[0]) throw new Error(`${file}: control '${def.control}' must match its folder`);
    if (seen.has(def.id)) throw new Error(`${file}: duplicate rule id ${def.id}`);
    seen.add(def.id);
    rules.push({ ...def, file });
  });
  return rules;
}

/** Load and validate every rule. Cached per process. */
export function loadRules(dir = RULES_DIR): Promise<Rule[]> {
  if (dir === RULES_DIR && cache) return cache;
  const p = (async () => {
    const files = ruleFiles(dir);
    const modules = await Promise.all(files.map((f) => import(pathToFileURL(f).href)));
    const rules = toRules(files, modules);
    if (dir === RULES_DIR) loaded = rules;
    return rules;
  })();
  if (dir === RULES_DIR) cache = p;
  return p;
}

/**
 * The same rules, loaded synchronously, for callers that cannot await (the
 * CDK validation plugin's `validate()` is synchronous). Compiled rules (dist/)
 * are ES modules without top-level await, so Node's `require(esm)` (Node
 * ≥ 20.19) loads them. Running from TypeScript sources (vitest), rules cannot
 * be required: `await loadRules()` first, and this returns that result.
 */
export function loadRulesSync(dir = RULES_DIR): Rule[] {
  if (dir === RULES_DIR && loaded) return loaded;
  if (!compiled)
    throw new Error('rules are TypeScript sources here and cannot be loaded synchronously: call `await loadRules()` before synthesis');
  const require = createRequire(import.meta.url);
  const files = ruleFiles(dir);
  const rules = toRules(files, files.map((f) => require(f) as { default?: unknown }));
  if (dir === RULES_DIR) {
    loaded = rules;
    cache = Promise.resolve(rules);
  }
  return rules;
}

/** Content hash of the rule set (ids, metadata and code), recorded in evidence. */
export function rulesHash(rules: Rule[]): string {
  const h = createHash('sha256');
  for (const r of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    h.update(r.id).update(r.severity).update(r.control).update(r.types.join(',')).update(String(r.check));
  }
  return h.digest('hex').slice(0, 16);
}
