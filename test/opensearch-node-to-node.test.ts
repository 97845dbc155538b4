/**
 * tls-min/aws-opensearch-domain judges two facts, one finding each: the HTTPS endpoint (no subId, as
 * before) and node-to-node encryption (subId `node-to-node`; FSBP Opensearch.3 / ES.3). One fact
 * failing or unresolved does not change the other's finding.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import { runFixture } from './helpers/rule-fixtures.js';

const rule = (await loadRules()).find((r) => r.id === 'tls-min/aws-opensearch-domain')!;
const dir = join(import.meta.dirname, '..', 'rules', 'tls-min', 'aws-opensearch-domain', 'fixtures');

function byDomain(file: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const f of runFixture(rule, join(dir, file)).findings) (out[f.resource.id.split('/').pop()!] ??= {})[f.subId ?? 'endpoint'] = f.status;
  return out;
}

describe('OpenSearch / Elasticsearch node-to-node encryption', () => {
  it('off, omitted, "false", off in one Fn::If branch, or not a boolean: node-to-node fails while the endpoint passes', () => {
    const got = byDomain('fail-node-to-node.yaml');
    for (const d of ['Omitted', 'ExplicitOff', 'StringOff', 'OnlyInProd', 'NotABoolean']) expect(got[d], d).toEqual({ endpoint: 'pass', 'node-to-node': 'fail' });
  });

  it('enabled (true or "true") passes beside a passing endpoint', () => {
    expect(byDomain('pass.yaml')).toEqual({ Search: { endpoint: 'pass', 'node-to-node': 'pass' }, Legacy: { endpoint: 'pass', 'node-to-node': 'pass' } });
  });

  it('facts from parameters are unknown, never a pass; an endpoint failure and omitted node-to-node are two failures', () => {
    expect(byDomain('unknown.yaml').ParamNodeToNode).toEqual({ endpoint: 'unknown', 'node-to-node': 'unknown' });
    const mixed = byDomain('fail.yaml');
    expect(mixed.NoOptions).toEqual({ endpoint: 'fail', 'node-to-node': 'fail' });
  });
});
