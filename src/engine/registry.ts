/**
 * Rule discovery: every module under `rules/<control>/` is a rule; nothing
 * to register by hand. The folder names the control and the file names the
 * rule, so `rules/tls-min/aws-elbv2-listener.ts` must export the rule
 * `tls-min/aws-elbv2-listener`; a mismatch is a load error.
 */
import { readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

/** Load and validate every rule. Cached per process. */
export function loadRules(dir = RULES_DIR): Promise<Rule[]> {
  if (dir === RULES_DIR && cache) return cache;
  const p = (async () => {
    const files = ruleFiles(dir);
    const modules = await Promise.all(files.map((f) => import(pathToFileURL(f).href)));
    const rules: Rule[] = [];
    const seen = new Set<string>();
    files.forEach((file, i) => {
      const def = modules[i].default;
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
  })();
  if (dir === RULES_DIR) cache = p;
  return p;
}

/** Content hash of the rule set (ids, metadata and code), recorded in evidence. */
export function rulesHash(rules: Rule[]): string {
  const h = createHash('sha256');
  for (const r of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    h.update(r.id).update(r.severity).update(r.control).update(r.types.join(',')).update(String(r.check));
  }
  return h.digest('hex').slice(0, 16);
}
