/**
 * Rule fixtures: every rule has `rules/<control>/<rule>/fixtures/pass*.{yaml,json}`
 * and `fail*` (optionally `unknown*`) beside it. A fixture is a CloudFormation
 * template, or an inventory (`resources:` list of canonical resources, for
 * live-only shapes). A resource may state its expected verdict: template
 * `Metadata.vouchExpect`, inventory `expect`. A top-level `VouchFixture.parameters`
 * (template) or `parameters` (inventory) sets claim parameters.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Inventory } from '../../src/model/inventory.js';
import type { Resource } from '../../src/model/resource.js';
import type { Rule, Status } from '../../src/evaluate/rule.js';
import type { Finding } from '../../src/findings/evidence.js';
import { DEFAULT_PARAMETERS, mergeParameters, type ParametersInput } from '../../src/evaluate/claims-profile.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { parseYamlFile } from '../../src/util/yaml-file.js';
import { loadIac } from '../../src/sources/iac/load.js';

export type FixtureKind = 'pass' | 'fail' | 'unknown';

export interface Fixture {
  file: string;
  kind: FixtureKind;
}

export function fixturesDir(rule: Rule): string {
  const file = rule.file!;
  return join(dirname(file), 'fixtures');
}

export function fixturesOf(rule: Rule): Fixture[] {
  const dir = fixturesDir(rule);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => ({ file: join(dir, f), kind: (/^(pass|fail|unknown)/.exec(f)?.[1] ?? '') as FixtureKind }))
    .filter((f) => f.kind !== ('' as FixtureKind))
    .sort((a, b) => a.file.localeCompare(b.file));
}

export interface FixtureResult {
  findings: Finding[];
  /** Resource id → the verdict it declares. */
  expectations: Map<string, Status>;
}

function fromInventoryFixture(data: Record<string, unknown>, file: string): { inventory: Inventory; expectations: Map<string, Status>; params?: ParametersInput } {
  const expectations = new Map<string, Status>();
  const list = data.resources as Record<string, unknown>[];
  const resources: Resource[] = list.map((raw, i) => {
    const r = { relations: {}, location: {}, properties: {}, ...raw } as Resource & { expect?: Status };
    if (!r.type || !r.id || !r.provider || !r.source) throw new Error(`${file}: resources[${i}] needs type, id, provider and source`);
    if (r.expect) expectations.set(r.id, r.expect);
    delete r.expect;
    return r;
  });
  return { inventory: new Inventory(resources), expectations, params: data.parameters as ParametersInput | undefined };
}

export function runFixture(rule: Rule, file: string): FixtureResult {
  const data = parseYamlFile(readFileSync(file, 'utf8'), file) as Record<string, unknown>;
  let inventory: Inventory;
  let params: ParametersInput | undefined;
  const expectations = new Map<string, Status>();
  if (Array.isArray(data.resources)) {
    const fx = fromInventoryFixture(data, file);
    inventory = fx.inventory;
    params = fx.params;
    fx.expectations.forEach((v, k) => expectations.set(k, v));
  } else {
    inventory = loadIac([file], { region: 'eu-west-1', account: '111122223333' });
    params = (data.VouchFixture as { parameters?: ParametersInput } | undefined)?.parameters;
    const resources = (data.Resources ?? {}) as Record<string, { Metadata?: { vouchExpect?: Status } }>;
    for (const r of inventory.all()) {
      const expect = r.location.logicalId ? resources[r.location.logicalId]?.Metadata?.vouchExpect : undefined;
      if (expect) expectations.set(r.id, expect);
    }
  }
  const findings = evaluate(inventory, [rule], {
    controls: [rule.control],
    ctx: { params: mergeParameters(DEFAULT_PARAMETERS, params, false), inventory },
  });
  return { findings, expectations };
}
