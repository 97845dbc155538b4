import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadRules } from '../../src/evaluate/registry.js';
import { frameworkIds, loadFramework, loadBenchmarks, parseFramework, unknownRuleRefs } from '../../src/evaluate/frameworks/profile.js';
import { renderBenchmarksDoc, coverageOf } from '../../src/evaluate/frameworks/doc.js';
import { parseRuleRef } from '../../src/evaluate/frameworks/verdicts.js';
import { InputError } from '../../src/util/errors.js';

describe('framework profiles (frameworks/*.yaml)', () => {
  it('ship CIS AWS, CIS GCP and AWS FSBP', () => {
    expect(frameworkIds()).toEqual(['aws-fsbp', 'cis-aws', 'cis-gcp']);
  });

  it('each loads, names only rules that exist, and only rules of its own provider', async () => {
    const rules = await loadRules();
    const ids = new Set(rules.map((r) => r.id));
    for (const id of frameworkIds()) {
      const f = loadFramework(id);
      expect(unknownRuleRefs(f, ids), id).toEqual([]);
      for (const c of f.controls) for (const ref of c.rules) expect(parseRuleRef(ref).rule.split('/')[1]!.startsWith(`${f.provider}-`), `${id} ${c.id} ${ref}`).toBe(true);
    }
  });

  it('CIS AWS v3.0.0 lists every recommendation of sections 1-5 once', () => {
    const f = loadFramework('cis-aws');
    const ids = f.controls.map((c) => c.id);
    expect(ids.filter((id) => id.startsWith('1.'))).toHaveLength(22);
    expect(ids.filter((id) => id.startsWith('3.'))).toHaveLength(9);
    expect(ids.filter((id) => id.startsWith('4.'))).toHaveLength(16);
    expect(ids.filter((id) => id.startsWith('5.'))).toHaveLength(6);
    expect(new Set(ids).size).toBe(ids.length);
    expect(f.controls.find((c) => c.id === '1.6')!.assessment).toBe('manual');
  });

  it('rejects a profile with a duplicate control, a bad rule reference or a manual control with nothing to attest', () => {
    const head = 'version: 1\nid: x\ntitle: X\nedition: v1\nprovider: aws\ncontrols:\n';
    expect(() => parseFramework(head + "  - { id: '1', title: First one, assessment: automated }\n  - { id: '1', title: Again one, assessment: automated }\n", 'x.yaml')).toThrow(/duplicate control id 1/);
    expect(() => parseFramework(head + "  - { id: '1', title: First one, assessment: automated, rules: [NotARule] }\n", 'x.yaml')).toThrow(/controls\.0\.rules\.0/);
    expect(() => parseFramework(head + "  - { id: '1', title: First one, assessment: manual }\n", 'x.yaml')).toThrow(/attest/);
    expect(() => parseFramework(head + "  - { id: '1', title: First one, assessment: sometimes }\n", 'x.yaml')).toThrow(InputError);
  });

  it('--benchmark takes comma lists and repeats, each benchmark once; an unknown id is a one-line input error naming the known ones', () => {
    expect(loadBenchmarks(['cis-aws,aws-fsbp', 'cis-aws']).map((f) => f.id)).toEqual(['cis-aws', 'aws-fsbp']);
    expect(loadBenchmarks(undefined)).toEqual([]);
    expect(() => loadBenchmarks(['cis-azure'])).toThrow(/unknown benchmark 'cis-azure'; known: aws-fsbp, cis-aws, cis-gcp/);
    expect(() => loadBenchmarks(['../etc/passwd'])).toThrow(InputError);
  });
});

describe('docs/benchmarks.md', () => {
  it('is current with the framework profiles and rules (run `npm run benchmarks:doc`)', async () => {
    const rules = await loadRules();
    const committed = readFileSync(new URL('../../docs/benchmarks.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderBenchmarksDoc(frameworkIds().map((id) => loadFramework(id)), rules));
  });

  it('states per framework how many automated controls have a rule, and lists each control', async () => {
    const rules = await loadRules();
    const fs = frameworkIds().map((id) => loadFramework(id));
    const doc = renderBenchmarksDoc(fs, rules);
    for (const f of fs) {
      const c = coverageOf(f);
      expect(doc).toContain(`${c.automatedCovered} of ${c.automated} automated controls have a vouch rule`);
      for (const ctl of f.controls) expect(doc).toContain(`| ${ctl.id} |`);
    }
  });
});
