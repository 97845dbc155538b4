/**
 * The programmatic API (`import { check, evaluate, loadEvidence,
 * renderReports } from 'vouch'`), driven from its entry module the way a
 * user's script would: same verdicts as the CLI, reports written only when
 * asked, bad input as an InputError naming the file.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, evaluate, loadEvidence, loadInventory, renderReports, Inventory, InputError, VERSION, type Finding, type Evidence, type Resource } from '../../src/index.js';

let dir: string;
let template: string;
const TEMPLATE = `Resources:
  Plain:
    Type: AWS::EFS::FileSystem
    Properties: { Encrypted: false }
  Sealed:
    Type: AWS::EFS::FileSystem
    Properties: { Encrypted: true }
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-api-'));
  template = join(dir, 'storage.yaml');
  writeFileSync(template, TEMPLATE);
  writeFileSync(
    join(dir, 'claims.yaml'),
    'version: 1\nname: api test\nclaims:\n  - id: at-rest\n    text: Data is encrypted at rest.\n    controls: [enc-rest]\n',
  );
  writeFileSync(
    join(dir, 'suppressions.yaml'),
    'suppressions:\n  - rule: enc-rest/aws-efs-file-system\n    resource: Plain\n    reason: scratch space, no customer data\n    owner: ops@example.com\n    expires: 2999-01-01\n',
  );
});

const efs = (doc: Evidence, logicalId: string): Finding | undefined =>
  doc.findings.find((f) => f.ruleId === 'enc-rest/aws-efs-file-system' && f.resource.logicalId === logicalId);

describe('check()', () => {
  it('judges templates like `vouch check` and returns the evidence document without writing anything', async () => {
    const before = readdirSync(dir).sort();
    const doc = await check(template, { claims: join(dir, 'claims.yaml'), cwd: dir });
    expect(efs(doc, 'Plain')?.status).toBe('fail');
    expect(efs(doc, 'Sealed')?.status).toBe('pass');
    // Only the claimed control ran.
    expect(new Set(doc.findings.map((f) => f.control))).toEqual(new Set(['enc-rest']));
    expect(doc.summary.exitCode).toBe(1);
    expect(doc.tool).toMatchObject({ name: 'vouch', version: VERSION });
    expect(doc.run.command).toBe(`check ${template}`);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('applies suppressions and fail-on the way the CLI flags do', async () => {
    const doc = await check([template], { claims: join(dir, 'claims.yaml'), suppressions: join(dir, 'suppressions.yaml'), cwd: dir });
    expect(efs(doc, 'Plain')?.status).toBe('fail');
    expect(efs(doc, 'Plain')?.suppression?.reason).toBe('scratch space, no customer data');
    expect(doc.summary.exitCode).toBe(0);
    const lenient = await check(template, { claims: join(dir, 'claims.yaml'), failOn: 'critical', cwd: dir });
    expect(lenient.run.failOn).toBe('critical');
    expect(lenient.summary.gatingFailures).toBe(0);
  });

  it('throws an InputError naming the file for a missing template or claims file, and rejects a bad failOn', async () => {
    await expect(check(join(dir, 'nope.yaml'))).rejects.toThrow(InputError);
    await expect(check(join(dir, 'nope.yaml'))).rejects.toThrow(/nope\.yaml/);
    await expect(check(template, { claims: join(dir, 'missing-claims.yaml') })).rejects.toThrow(/missing-claims\.yaml/);
    await expect(check(template, { failOn: 'urgent' as never })).rejects.toThrow(/failOn: expected one of critical, high/);
    await expect(check([])).rejects.toThrow(InputError);
  });
});

describe('evaluate()', () => {
  it('judges an inventory a caller built from its own resources', async () => {
    const fs = (id: string, encrypted: boolean): Resource => ({
      id: `arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/${id}`,
      type: 'aws.efs.file-system',
      provider: 'aws',
      source: 'live',
      name: id,
      properties: { Encrypted: encrypted },
      relations: {},
      location: { account: '111122223333', region: 'eu-west-1' },
    });
    const doc = await evaluate(new Inventory([fs('fs-open', false), fs('fs-sealed', true)]), { claims: join(dir, 'claims.yaml') });
    expect(doc.run.command).toBe('evaluate');
    const byName = Object.fromEntries(doc.findings.filter((f) => f.ruleId === 'enc-rest/aws-efs-file-system').map((f) => [f.resource.name, f.status]));
    expect(byName).toEqual({ 'fs-open': 'fail', 'fs-sealed': 'pass' });
    expect(doc.summary.exitCode).toBe(1);
  });

  it('judges an inventory saved by `vouch check --save-inventory` the same as the templates', async () => {
    const { saveInventory } = await import('../../src/sources/inventory-file.js');
    const { loadIac } = await import('../../src/sources/iac/load.js');
    const file = join(dir, 'inventory.json');
    saveInventory(loadIac([template], { cwd: dir }), file);
    const fromFile = await evaluate(loadInventory(file), { claims: join(dir, 'claims.yaml'), cwd: dir });
    expect(efs(fromFile, 'Plain')?.status).toBe('fail');
    expect(efs(fromFile, 'Sealed')?.status).toBe('pass');
  });

  it('refuses something that is not an Inventory', async () => {
    await expect(evaluate([] as never)).rejects.toThrow(/expected an Inventory/);
  });
});

describe('renderReports() and loadEvidence()', () => {
  it('writes the formats asked for plus evidence, claims and the manifest, and reads the evidence back', async () => {
    const doc = await check(template, { claims: join(dir, 'claims.yaml'), cwd: dir });
    const out = join(dir, 'reports');
    const written = renderReports(doc, out, { formats: 'md,sarif' });
    expect(written.map((p) => p.slice(out.length + 1)).sort()).toEqual(['claims.json', 'evidence.json', 'manifest.json', 'summary.md', 'vouch.sarif']);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('enc-rest/aws-efs-file-system');
    const back = loadEvidence(join(out, 'evidence.json'));
    expect(back.findings.length).toBe(doc.findings.length);
    expect(efs(back, 'Plain')?.status).toBe('fail');
  });

  it('rejects an unknown format and a file that is not evidence with one-line errors', async () => {
    const doc = await check(template, { cwd: dir });
    expect(() => renderReports(doc, join(dir, 'r2'), { formats: 'pdf' })).toThrow(/unknown format 'pdf'/);
    expect(existsSync(join(dir, 'r2', 'evidence.json'))).toBe(false);
    writeFileSync(join(dir, 'not-evidence.json'), '{"hello": 1}');
    expect(() => loadEvidence(join(dir, 'not-evidence.json'))).toThrow(/not-evidence\.json: not a vouch evidence document/);
  });
});
