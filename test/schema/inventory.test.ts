/**
 * The inventory contract (src/schema/inventory.ts): an inventory file vouch
 * writes is valid against the generated schema/inventory.schema.json, reads
 * back through the same schema to the same resources, and a file that breaks
 * the schema is a one-line error naming the field.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { loadIac } from '../../src/sources/iac/load.js';
import { Inventory } from '../../src/model/inventory.js';
import { loadInventory, saveInventory } from '../../src/sources/inventory-file.js';
import type { Resource } from '../../src/model/resource.js';
import { Unresolved } from '../../src/model/values.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ allErrors: true, strict: false });
(addFormats as unknown as (a: unknown) => void)(ajv);
const valid = ajv.compile(JSON.parse(readFileSync(here('../../schema/inventory.schema.json'), 'utf8')));
const dir = mkdtempSync(join(tmpdir(), 'vouch-schema-inv-'));

const live: Resource = {
  type: 'aws.s3.bucket',
  provider: 'aws',
  source: 'live',
  id: 'arn:aws:s3:::logs',
  name: 'logs',
  properties: { BucketName: 'logs', Live: { Versioning: 'Enabled' }, When: new Unresolved('Fn::ImportValue shared') },
  raw: [{ operation: 's3:GetBucketEncryption', region: 'eu-west-1', requestId: 'r-1', at: '2026-12-06T08:00:00.000Z', error: { code: 'AccessDenied', message: 'denied' } }],
  location: { account: '111122223333', region: 'eu-west-1', arn: 'arn:aws:s3:::logs' },
  relations: { policy: ['arn:aws:s3:::logs/policy'] },
  gaps: { BucketEncryption: 'AccessDenied: s3:GetBucketEncryption' },
  owner: { status: 'stack', stackName: 'Data', stackId: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/Data/1', logicalId: 'Logs', constructPath: 'Data/Logs/Resource' },
  acknowledgements: [{ rule: 'enc-rest/*', reason: 'public data set', owner: 'ops@example.com', expires: '2099-01-01', origin: 'metadata' }],
};

describe('inventory schema', () => {
  it('a saved inventory (the IaC corpus and a live resource with every optional part) is valid against schema/inventory.schema.json and reads back the same', () => {
    const corpus = here('../corpus/templates/tuning');
    const iac = loadIac(readdirSync(corpus).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => join(corpus, f)), { cwd: corpus });
    expect(iac.size).toBeGreaterThan(50);
    const inv = new Inventory([...iac.all(), live], { ...iac.coverage, accounts: { aws: ['111122223333'] }, calls: { ListBuckets: 1 }, throttles: 2, resources: { 'aws.s3.bucket': 1 } });
    const file = join(dir, 'inv.json');
    saveInventory(inv, file, { command: 'check corpus', collectedAt: new Date('2026-12-06T08:00:00Z') });
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(valid(written), JSON.stringify(valid.errors?.slice(0, 3))).toBe(true);
    const back = loadInventory(file);
    expect(back.size).toBe(inv.size);
    expect(back.get(live.id)).toEqual(live);
    expect(back.coverage).toEqual(JSON.parse(JSON.stringify(inv.coverage)));
  });

  it('the demo inventory shipped in examples/ is valid against schema/inventory.schema.json', () => {
    const demo = JSON.parse(readFileSync(here('../../examples/demo/demo-inventory.json'), 'utf8'));
    expect(demo.resources.length).toBeGreaterThan(5);
    expect(valid(demo), JSON.stringify(valid.errors?.slice(0, 3))).toBe(true);
  });

  it('a field a newer writer added to a resource is kept on load', () => {
    const f = join(dir, 'newer.json');
    writeFileSync(f, JSON.stringify({ inventoryVersion: 1, collectedAt: '2026-12-06T08:00:00.000Z', resources: [{ type: 'aws.s3.bucket', provider: 'aws', source: 'live', id: 'b', properties: {}, drift: { status: 'in-step' } }] }));
    expect((loadInventory(f).get('b') as unknown as { drift?: unknown }).drift).toEqual({ status: 'in-step' });
  });

  it('a file that breaks the schema is one line naming the field, and the JSON Schema rejects it too', () => {
    const base = { inventoryVersion: 1, collectedAt: '2026-12-06T08:00:00.000Z', resources: [{ type: 'aws.s3.bucket', provider: 'aws', source: 'live', id: 'b', properties: {} }] };
    expect(valid(base)).toBe(true);
    const cases: [unknown, RegExp][] = [
      [{ ...base, resources: [{ ...base.resources[0], provider: 'azure' }] }, /bad\.json: resources\[0\]\.provider: /],
      [{ ...base, resources: [{ ...base.resources[0], owner: { status: 'mine' } }] }, /bad\.json: resources\[0\]\.owner\.status: /],
      [{ ...base, resources: [{ ...base.resources[0], properties: [] }] }, /bad\.json: resources\[0\]\.properties: /],
      [{ ...base, coverage: { shard: { index: -1, count: 2 } } }, /bad\.json: coverage\.shard\.index: /],
    ];
    for (const [doc, message] of cases) {
      expect(valid(doc)).toBe(false);
      const f = join(dir, 'bad.json');
      writeFileSync(f, JSON.stringify(doc));
      let error = '';
      try {
        loadInventory(f);
      } catch (e) {
        error = (e as Error).message;
      }
      expect(error).toMatch(message);
      expect(error.split('\n')).toHaveLength(1);
    }
  });
});
