/**
 * Rule discovery: every `rules/<control>/<rule>/rule.ts` is a rule; nothing
 * to register by hand. The folders name the control and the rule, so
 * `rules/tls-min/aws-elbv2-listener/rule.ts` must export the rule
 * `tls-min/aws-elbv2-listener`; a mismatch is a load error. The rule's
 * fixtures live beside it in `fixtures/`.
 */
import { readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { CONTROL_IDS } from './controls.js';
import { SEVERITIES, type Rule, type RuleDefinition } from './rule.js';
import { rulesSourcesHash } from './rules-hash.js';
import { PROVIDER_PATTERN } from '../model/provider-names.js';

const here = dirname(fileURLToPath(import.meta.url));
const compiled = import.meta.url.endsWith('.js');
/** `rules/` beside `src/` (source tree) or beside `dist/src/` (compiled). */
export const RULES_DIR = resolve(here, '../../rules');
const EXT = compiled ? '.js' : '.ts';

/**
 * What is wrong with a rule module's default export, or undefined. Rules are
 * our own code, not user input: a few direct checks keep zod off the CLI's
 * start-up path.
 */
const RULE_ID = new RegExp(`^[a-z0-9-]+/(${PROVIDER_PATTERN})-[a-z0-9-]+$`);
// `aws.*`: every type of the provider (a catch-all rule).
const TYPE = new RegExp(`^(${PROVIDER_PATTERN})\\.(?:[a-z0-9.-]+|\\*)$`);

export function ruleProblem(def: unknown): string | undefined {
  const d = def as Partial<RuleDefinition> | undefined;
  if (!d || typeof d !== 'object') return 'default export is not a rule (use defineRule)';
  if (typeof d.id !== 'string' || !RULE_ID.test(d.id)) return 'id: rule ids read <control>/<provider>-<subject>';
  if (!CONTROL_IDS.includes(d.control as never)) return `control: unknown control '${String(d.control)}'`;
  if (typeof d.title !== 'string' || d.title.length < 5) return 'title: missing or too short';
  if (!SEVERITIES.includes(d.severity as never)) return `severity: expected one of ${SEVERITIES.join(', ')}`;
  if (typeof d.remediation?.text !== 'string' || d.remediation.text.length < 5) return 'remediation.text: missing';
  if (!Array.isArray(d.types) || d.types.length === 0 || !d.types.every((t) => TYPE.test(t)))
    return 'types: expected canonical types such as aws.s3.bucket';
  if (!Array.isArray(d.sources) || d.sources.length === 0 || !d.sources.every((s) => s === 'iac' || s === 'live')) return "sources: expected ['iac'] and/or ['live']";
  if (typeof d.check !== 'function') return 'check: not a function';
  return undefined;
}

/** Validate rule modules (file path → default export) into the rule list. */
function validate(entries: { file: string; def: unknown }[]): Rule[] {
  const rules: Rule[] = [];
  const seen = new Set<string>();
  for (const { file, def } of entries) {
    const expected = `${basename(dirname(dirname(file)))}/${basename(dirname(file))}`;
    const problem = ruleProblem(def);
    if (problem) throw new Error(`${file}: invalid rule: ${problem}`);
    const d = def as RuleDefinition;
    if (d.id !== expected) throw new Error(`${file}: rule id '${d.id}' must be '${expected}' (control folder/rule folder)`);
    if (d.control !== expected.split('/')[0]) throw new Error(`${file}: control '${d.control}' must match its folder`);
    if (seen.has(d.id)) throw new Error(`${file}: duplicate rule id ${d.id}`);
    seen.add(d.id);
    rules.push({ ...d, file });
  }
  return rules;
}

/**
 * The bundled CLI (dist/cli/vouch.cjs) carries every rule in one file, generated
 * at build time from the same rules/ tree; it hands them over here instead of
 * the directory walk.
 */
export function useBundledRules(entries: { file: string; def: unknown }[]): void {
  const rules = validate(entries);
  loaded = rules;
  cache = Promise.resolve(rules);
}

export function ruleFiles(dir = RULES_DIR): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  // One folder per rule: rules/<control>/<rule>/rule.ts (its fixtures beside it).
  // Files directly in a control folder are that control's shared helpers.
  for (const control of readdirSync(dir, { withFileTypes: true })) {
    if (!control.isDirectory()) continue;
    for (const r of readdirSync(join(dir, control.name), { withFileTypes: true })) {
      if (!r.isDirectory()) continue;
      const file = join(dir, control.name, r.name, `rule${EXT}`);
      if (existsSync(file)) files.push(file);
    }
  }
  return files.sort();
}

let cache: Promise<Rule[]> | undefined;
/** The default rule set once loaded (by either loader), for synchronous callers. */
let loaded: Rule[] | undefined;

/** Load and validate every rule. Cached per process. */
export function loadRules(dir = RULES_DIR): Promise<Rule[]> {
  if (dir === RULES_DIR && cache) return cache;
  const p = (async () => {
    const files = ruleFiles(dir);
    const modules = await Promise.all(files.map((f) => import(pathToFileURL(f).href)));
    const rules = validate(files.map((file, i) => ({ file, def: modules[i].default })));
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
  const rules = validate(files.map((file) => ({ file, def: (require(file) as { default?: unknown }).default })));
  if (dir === RULES_DIR) {
    loaded = rules;
    cache = Promise.resolve(rules);
  }
  return rules;
}

/**
 * Hash of the rule set, recorded in evidence and compared by `vouch merge`:
 * the sources that decide verdicts (rules and src/lib helpers, hashed at
 * build time: src/evaluate/rules-hash.ts) and the ids of the rules this run
 * used. Function text is not hashed: it differs between the bundle and dist.
 */
export function rulesHash(rules: Rule[]): string {
  const h = createHash('sha256').update(rulesSourcesHash());
  for (const id of rules.map((r) => r.id).sort()) h.update('\n').update(id);
  return h.digest('hex').slice(0, 16);
}
