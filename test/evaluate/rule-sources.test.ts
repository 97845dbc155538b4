/**
 * A rule judges only resources of the sources it names (`sources`), decided once per type for the
 * run: a type whose resources all come from sources the rule reads is judged whole, one whose
 * sources it reads none of is skipped, and a type mixing sources is judged resource by resource.
 */
import { describe, it, expect } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import { defineRule, type Rule } from '../../src/evaluate/rule.js';
import { pass } from '../../src/evaluate/facts.js';
import { Inventory } from '../../src/model/inventory.js';
import type { Resource } from '../../src/model/resource.js';

const bucket = (id: string, source: Resource['source']): Resource => ({
  type: 'aws.s3.bucket',
  provider: 'aws',
  source,
  id,
  properties: {},
  location: source === 'iac' ? { file: 't.json', logicalId: id, stack: 'app' } : { region: 'eu-west-1', arn: `arn:aws:s3:::${id}` },
  relations: {},
});

const ruleOf = (sources: Rule['sources']): Rule =>
  defineRule({
    id: `enc-rest/test-${sources.join('-')}`,
    control: 'enc-rest',
    title: 'test rule',
    severity: 'low',
    risk: 'none',
    remediation: { text: 'none' },
    references: [],
    types: ['aws.s3.bucket'],
    sources,
    check: (r) => pass(`seen ${r.source}`),
  }) as Rule;

function judged(inventory: Inventory, rule: Rule): string[] {
  return evaluate(inventory, [rule], { controls: ['enc-rest'], ctx: { params: DEFAULT_PARAMETERS, inventory } }).map((f) => `${f.resource.id} ${f.message}`);
}

describe('which resources a rule judges by source', () => {
  const mixed = new Inventory([bucket('a', 'iac'), bucket('b', 'live'), bucket('c', 'iac'), bucket('d', 'live')]);
  const templatesOnly = new Inventory([bucket('a', 'iac'), bucket('c', 'iac')]);

  it('judges, in a type mixing sources, only the resources of the sources it names, in inventory order', () => {
    expect(judged(mixed, ruleOf(['live']))).toEqual(['b seen live', 'd seen live']);
    expect(judged(mixed, ruleOf(['iac']))).toEqual(['a seen iac', 'c seen iac']);
    expect(judged(mixed, ruleOf(['iac', 'live']))).toEqual(['a seen iac', 'b seen live', 'c seen iac', 'd seen live']);
  });

  it('judges every resource of a type whose sources it all reads, and none of one whose sources it reads none of', () => {
    expect(judged(templatesOnly, ruleOf(['iac', 'live']))).toEqual(['a seen iac', 'c seen iac']);
    expect(judged(templatesOnly, ruleOf(['live']))).toEqual([]);
  });
});
