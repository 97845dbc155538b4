/** claims.json (src/schema/claim-verdicts.ts): what vouch writes for claims of every verdict is valid against schema/claims-report.schema.json. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { renderClaimsJson } from '../../src/reporters/json.js';
import { richEvidence } from '../reports/evidence-fixture.js';

const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ allErrors: true, strict: false });
(addFormats as unknown as (a: unknown) => void)(ajv);
const valid = ajv.compile(JSON.parse(readFileSync(fileURLToPath(new URL('../../schema/claims-report.schema.json', import.meta.url)), 'utf8')));

describe('claims report schema', () => {
  it('claims.json for claims that hold, are broken, unverified and need attestation is valid; a verdict vouch never writes is not', () => {
    const written = JSON.parse(renderClaimsJson(richEvidence()));
    expect(new Set(written.claims.map((c: { verdict: string }) => c.verdict))).toEqual(new Set(['holds', 'broken', 'unverified', 'needs-attestation']));
    expect(valid(written), JSON.stringify(valid.errors?.slice(0, 3))).toBe(true);
    written.claims[0].verdict = 'probably';
    expect(valid(written)).toBe(false);
  });
});
