/**
 * Framework profiles: `frameworks/<id>.yaml`, one per benchmark (CIS AWS
 * Foundations, CIS Google Cloud Platform Foundation, AWS Foundational
 * Security Best Practices). Data, validated with zod when loaded: each
 * benchmark control with its id, title, how the benchmark assesses it and
 * the vouch rules that decide it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../util/errors.js';
import { parseYamlFile } from '../../util/yaml-file.js';
import type { BenchmarkDef } from './verdicts.js';
import { parseRuleRef } from './verdicts.js';
import { frameworkSchema } from '../../schema/framework.js';

export type { FrameworkInput } from '../../schema/framework.js';

export interface Framework extends BenchmarkDef {
  file: string;
  scope?: string;
}

/** `frameworks/` at the repository root: beside `src/` (sources) or above `dist/` (compiled, bundled CLI). */
export function frameworksDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'frameworks');
    if (existsSync(join(candidate, 'cis-aws.yaml'))) return candidate;
    dir = resolve(dir, '..');
  }
  throw new Error('frameworks/ (the benchmark profiles) not found beside the vouch installation');
}

export function frameworkIds(dir = frameworksDir()): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function parseFramework(text: string, file: string): Framework {
  const data = parseYamlFile(text, file);
  const parsed = frameworkSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const f = parsed.data;
  return {
    file,
    id: f.id,
    title: f.title,
    version: f.edition,
    provider: f.provider,
    ...(f.url ? { url: f.url } : {}),
    ...(f.scope ? { scope: f.scope } : {}),
    controls: f.controls.map((c) => ({
      id: c.id,
      title: c.title,
      assessment: c.assessment,
      rules: c.rules,
      ...(c.section ? { section: c.section } : {}),
      ...(c.note ? { note: c.note } : {}),
      ...(c.attest ? { attest: c.attest } : {}),
    })),
  };
}

export function loadFramework(id: string, dir = frameworksDir()): Framework {
  if (!/^[a-z0-9-]+$/.test(id)) throw new InputError(`--benchmark: '${id}' is not a benchmark id; known: ${frameworkIds(dir).join(', ')}`);
  const file = join(dir, `${id}.yaml`);
  if (!existsSync(file)) throw new InputError(`--benchmark: unknown benchmark '${id}'; known: ${frameworkIds(dir).join(', ')}`);
  const f = parseFramework(readFileSync(file, 'utf8'), `frameworks/${id}.yaml`);
  if (f.id !== id) throw new InputError(`frameworks/${id}.yaml: id '${f.id}' must be '${id}' (the file name)`);
  return f;
}

/** `--benchmark cis-aws,aws-fsbp --benchmark cis-gcp` → the frameworks, each once, in the order given. */
export function loadBenchmarks(flag: unknown): Framework[] {
  const list = flag === undefined ? [] : Array.isArray(flag) ? flag : [flag];
  const ids = [...new Set(list.flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean))];
  return ids.map((id) => loadFramework(id));
}

/** Rule references a framework makes that the registry does not know. */
export function unknownRuleRefs(f: BenchmarkDef, known: ReadonlySet<string>): string[] {
  return f.controls.flatMap((c) => c.rules.filter((r) => !known.has(parseRuleRef(r).rule)).map((r) => `${c.id}: ${r}`));
}
