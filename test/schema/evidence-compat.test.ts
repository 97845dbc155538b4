/**
 * The evidence schema stays backward compatible: every document the schema
 * published before (test/schema/fixtures/evidence-1.0-session4.schema.json,
 * the hand-written 1.0 schema) accepted is accepted by the generated one and
 * by the reader (`parseEvidence`), including with any optional field left out
 * or an unknown field added.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { richEvidence } from '../reports/evidence-fixture.js';
import { check } from '../../src/index.js';
import { parseEvidence } from '../../src/reporters/load-evidence.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const compile = (file: string) => {
  const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ allErrors: true, strict: false });
  (addFormats as unknown as (a: unknown) => void)(ajv);
  return ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
};
const before = compile(here('./fixtures/evidence-1.0-session4.schema.json'));
const now = compile(here('../../schema/evidence.schema.json'));
const reads = (doc: unknown) => {
  try {
    parseEvidence(JSON.stringify(doc), 'doc.json');
    return true;
  } catch {
    return false;
  }
};

/** A live document with every optional part vouch writes: owner (all four states), benchmarks, coverage of a sharded, merged scan, rule metadata. */
function liveDocument(): EvidenceDocument {
  const doc = richEvidence();
  const live = doc.findings.filter((f) => f.resource.source === 'live');
  expect(live.length).toBeGreaterThanOrEqual(4);
  live[0]!.resource.owner = { status: 'stack', stackName: 'Data', stackId: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/Data/1', logicalId: 'Bucket', constructPath: 'Data/Bucket/Resource', cfnDriftStatus: 'IN_SYNC' };
  live[1]!.resource.owner = { status: 'none' };
  live[2]!.resource.owner = {
    status: 'ambiguous',
    claims: [
      { stackName: 'A', stackId: 'id-a', logicalId: 'Q' },
      { stackName: 'B', stackId: 'id-b', logicalId: 'Q', constructPath: 'B/Q', cfnDriftStatus: 'MODIFIED' },
    ],
  };
  live[3]!.resource.owner = { status: 'unknown', reason: 'ListStackResources: AccessDenied' };
  const f = doc.findings[0]!;
  doc.rules = {
    [f.ruleId]: { title: 'Encrypted', control: f.control, severity: f.severity, risk: 'data read from disk', remediation: { text: 'Turn it on.', cdk: 'encryption: KMS' }, references: ['https://example.com'], types: [f.resource.type], sources: ['iac', 'live'] },
  };
  const counts = { pass: 1, fail: 1, unknown: 0, 'not-applicable': 0, suppressed: 0 };
  doc.benchmarks = [
    {
      id: 'cis-aws',
      title: 'A benchmark',
      version: '3.0.0',
      provider: 'aws',
      url: 'https://example.com/cis',
      counts: { pass: 0, fail: 1, unknown: 0, 'not-checked': 0, 'not-covered': 0, manual: 1 },
      controls: [
        { id: '2.1.1', title: 'Encrypt', section: 'Storage', assessment: 'automated', rules: [f.ruleId], note: 'n', verdict: 'fail', counts, failing: [f.fingerprint], unknown: [] },
        { id: '1.1', title: 'Contacts', assessment: 'manual', rules: [], attest: 'show the page', verdict: 'manual', counts: { ...counts, pass: 0, fail: 0 }, failing: [], unknown: [] },
      ],
    },
  ];
  doc.run.repoPath = 'infra';
  doc.coverage = {
    ...doc.coverage,
    accounts: { aws: ['111122223333'] },
    regions: ['eu-west-1'],
    services: ['s3'],
    calls: { ListBuckets: 1 },
    failures: [{ operation: 'GetBucketPolicy', region: 'eu-west-1', account: '111122223333', code: 'AccessDenied', message: 'no', count: 2, unit: 'aws:111122223333:eu-west-1' }],
    units: [{ id: 'aws:111122223333:eu-west-1', status: 'done' }, { id: 'aws:111122223333:us-east-1', status: 'missing', reason: 'no shard' }],
    plannedUnits: ['aws:111122223333:eu-west-1'],
    shard: { index: 0, count: 2 },
    inputs: ['cdk.out'],
    notCollected: [{ what: 'aws.efs.file-system', why: 'left out with --services', rule: 'enc-rest/aws-efs-file-system', gap: true }],
    excludedServices: ['aws:efs'],
    resources: { 'aws.s3.bucket': 3 },
    throttles: 1,
    merged: [{ runId: 'r1', origin: 'a.json' }],
  };
  return doc;
}

/** Every document one step away: each object key left out in turn, and an unknown key added to each object. */
function* oneStepAway(doc: unknown): Generator<{ what: string; doc: unknown }> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (v && typeof v === 'object') {
      paths.push(path);
      for (const [k, x] of Object.entries(v)) walk(x, [...path, Array.isArray(v) ? Number(k) : k]);
    }
  };
  walk(doc, []);
  const at = (root: unknown, path: (string | number)[]) => path.reduce<any>((o, k) => o[k], root);
  for (const path of paths) {
    const node = at(doc, path);
    if (Array.isArray(node)) continue;
    for (const key of Object.keys(node)) {
      const copy = structuredClone(doc);
      delete at(copy, path)[key];
      yield { what: `without ${[...path, key].join('.')}`, doc: copy };
    }
    const copy = structuredClone(doc);
    at(copy, path)['x-newer-minor'] = { added: true };
    yield { what: `with ${[...path, 'x-newer-minor'].join('.')}`, doc: copy };
  }
}

describe('evidence schema compatibility', () => {
  it('documents valid before are valid now, and readable: a rich IaC/live document, every optional part, a fresh run over the template corpus', async () => {
    const corpus = here('../corpus/templates/tuning');
    const templates = readdirSync(corpus).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => join(corpus, f));
    const fresh = JSON.parse(JSON.stringify(await check(templates, { cwd: corpus })));
    expect(fresh.findings.length).toBeGreaterThan(50);
    for (const [name, doc] of [['rich', richEvidence()], ['live', liveDocument()], ['fresh', fresh]] as const) {
      const plain = JSON.parse(JSON.stringify(doc));
      expect(before(plain), `${name} before: ${JSON.stringify(before.errors?.slice(0, 3))}`).toBe(true);
      expect(now(plain), `${name} now: ${JSON.stringify(now.errors?.slice(0, 3))}`).toBe(true);
      expect(reads(plain), name).toBe(true);
    }
  });

  it('leaving out any optional field or adding an unknown one: what the 1.0 schema accepted, the generated schema and the reader accept', () => {
    const doc = JSON.parse(JSON.stringify(liveDocument()));
    // One finding of each shape is enough: the owners (live), a suppressed, an unsuppressed and an IaC one.
    const keep = new Set([...doc.findings.filter((f: any) => f.resource.owner), ...doc.findings.filter((f: any) => f.suppression).slice(0, 1), ...doc.findings.filter((f: any) => f.resource.source === 'iac').slice(0, 1)]);
    doc.findings = doc.findings.filter((f: any) => keep.has(f));
    expect(doc.findings.length).toBeGreaterThanOrEqual(5);
    let acceptedBefore = 0;
    let rejectedBefore = 0;
    const broken: string[] = [];
    for (const { what, doc: d } of oneStepAway(doc)) {
      if (!before(d)) {
        rejectedBefore++;
        // A required field left out stays an error for the reader too.
        if (what.startsWith('without') && reads(d) && now(d)) broken.push(`${what}: required in 1.0, accepted without it now`);
        continue;
      }
      acceptedBefore++;
      if (!now(d)) broken.push(`${what}: rejected by schema/evidence.schema.json (${JSON.stringify(now.errors?.[0])})`);
      if (!reads(d)) broken.push(`${what}: rejected by parseEvidence`);
    }
    expect(broken).toEqual([]);
    // The walk really covered both kinds: optional fields left out, and required ones that must stay required.
    expect(acceptedBefore).toBeGreaterThan(100);
    expect(rejectedBefore).toBeGreaterThan(50);
  });
});
