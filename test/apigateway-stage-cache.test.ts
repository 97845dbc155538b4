/**
 * API Gateway stage caches under enc-rest and cache-no-backup: both rules read the stage cache
 * through one reading (rules/enc-rest/_apigateway-stage-cache.ts), so they agree on every stage,
 * including the stages SAM generates, which a fixture's vouchExpect cannot mark.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import type { Rule } from '../src/evaluate/rule.js';
import { runFixture } from './helpers/rule-fixtures.js';

const rules = await loadRules();
const rule = (id: string): Rule => rules.find((r) => r.id === id)!;
const CACHE = rule('cache-no-backup/aws-apigateway-stage-cache');
const ENC = rule('enc-rest/aws-apigateway-stage-cache-encryption');
const dir = join(import.meta.dirname, '..', 'rules', 'cache-no-backup', 'aws-apigateway-stage-cache', 'fixtures');
const statuses = (r: Rule, file: string) => new Map(runFixture(r, join(dir, file)).findings.map((f) => [f.resource.logicalId, f.status]));

describe('API Gateway stage caches', () => {
  it("judges a SAM API's generated stage by the cache settings SAM copies onto it", () => {
    expect(statuses(CACHE, 'pass.yaml').get('FxApiv2Stage')).toBe('pass');
    expect(statuses(CACHE, 'fail.yaml').get('StatementsApiv1Stage')).toBe('fail');
  });

  it('gives enc-rest and cache-no-backup the same verdict on every stage and deployment', () => {
    for (const file of ['pass.yaml', 'fail.yaml', 'unknown.yaml']) {
      const cache = statuses(CACHE, file);
      const enc = statuses(ENC, file);
      expect(cache.size).toBeGreaterThan(0);
      for (const [id, status] of cache) expect(`${id}=${enc.get(id)}`).toBe(`${id}=${status}`);
    }
  });
});
