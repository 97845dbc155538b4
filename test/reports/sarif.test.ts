import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, accessSync, constants, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { renderSarif, FINGERPRINT_KEY } from '../../src/reporters/sarif.js';
import { richEvidence, richFindings } from './evidence-fixture.js';

const require = createRequire(import.meta.url);
// The official SARIF 2.1.0 schema ships inside Microsoft's SARIF multitool package.
const toolDir = dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json'));
const schema = JSON.parse(readFileSync(join(toolDir, 'sarif-2.1.0.json'), 'utf8'));

const doc = richEvidence();
const text = renderSarif(doc);
const sarif = JSON.parse(text);
const run = sarif.runs[0];
const resultFor = (resourceId: string, ruleId?: string) =>
  run.results.find((r: any) => r.properties.resource.id === resourceId && (!ruleId || r.ruleId === ruleId));

describe('SARIF 2.1.0', () => {
  it('validates against the official SARIF 2.1.0 JSON schema', () => {
    const ajv = new (Ajv2020 as any).default({ strict: false, allErrors: true });
    (addFormats as any).default(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(sarif);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5))).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check is not vacuous: a broken log is rejected', () => {
    const ajv = new (Ajv2020 as any).default({ strict: false });
    (addFormats as any).default(ajv);
    const validate = ajv.compile(schema);
    const broken = structuredClone(sarif);
    broken.runs[0].results[0].level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('passes the SARIF multitool validator', () => {
    const exe = join(toolDir, 'Sarif.Multitool');
    accessSync(exe, constants.X_OK);
    const dir = mkdtempSync(join(tmpdir(), 'vouch-sarif-'));
    try {
      const file = join(dir, 'vouch.sarif');
      writeFileSync(file, text);
      const out = join(dir, 'validation.sarif');
      const p = spawnSync(exe, ['validate', file, '--output', out, '--log', 'ForceOverwrite'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
      expect(p.error).toBeUndefined();
      const report = JSON.parse(readFileSync(out, 'utf8'));
      if (process.env.VOUCH_SARIF_DUMP) writeFileSync(process.env.VOUCH_SARIF_DUMP, JSON.stringify(report, null, 1));
      const errors = report.runs[0].results.filter((r: any) => r.level === 'error');
      expect(errors.map((r: any) => `${r.ruleId}: ${r.message?.text ?? JSON.stringify(r.message)}`)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every result has a physical location (GitHub code scanning rejects the file otherwise)', () => {
    for (const r of run.results) expect(r.locations[0].physicalLocation?.artifactLocation?.uri, r.ruleId).toBeTruthy();
  });

  it('has one rule descriptor per rule that appears, with help, severity and framework tags', () => {
    const ids = run.tool.driver.rules.map((r: any) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...new Set(doc.findings.map((f) => f.ruleId))].sort());
    const s3 = run.tool.driver.rules.find((r: any) => r.id === 'enc-rest/aws-s3-bucket');
    expect(s3.name).toBe('EncRestAwsS3Bucket');
    expect(s3.shortDescription.text).toBe('S3 buckets encrypt data at rest');
    expect(s3.help.text).toContain('Set BucketEncryption');
    expect(s3.help.markdown).toContain('```ts');
    expect(s3.properties['security-severity']).toBe('8.0');
    expect(s3.properties.tags).toEqual(expect.arrayContaining(['security', 'control:enc-rest', 'soc2:CC6.1', 'iso27001:A.8.24', 'nist80053:SC-28']));
    const pub = run.tool.driver.rules.find((r: any) => r.id === 'public-access/aws-s3-bucket');
    expect(pub.properties['security-severity']).toBe('9.5');
    expect(pub.helpUri).toMatch(/^https:/);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('IaC failures carry a repository-relative file and start line', () => {
    const r = resultFor('AppStack/DataBucket');
    expect(r.kind).toBe('fail');
    expect(r.level).toBe('error');
    const loc = r.locations[0].physicalLocation;
    expect(loc.artifactLocation).toEqual({ uri: 'services/api/infra/app.template.json', uriBaseId: '%SRCROOT%' });
    expect(loc.region.startLine).toBe(12);
    expect(r.partialFingerprints[FINGERPRINT_KEY]).toBe(doc.findings[0]!.fingerprint);
  });

  it('live failures carry a logical location with the ARN', () => {
    const r = resultFor('arn:aws:s3:::public-site');
    expect(r.locations[0].logicalLocations[0].fullyQualifiedName).toBe('arn:aws:s3:::public-site');
    // GitHub refuses logical-only locations: anchored to a stable synthetic path (no claims file in this run)
    expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('.vouch/live/aws/111122223333');
    expect(r.locations[0].physicalLocation.region).toBeUndefined();
    const withProfile = JSON.parse(renderSarif({ ...doc, claims: { ...doc.claims, file: 'policy/claims.yaml' } }));
    const r2 = withProfile.runs[0].results.find((x: any) => x.properties.resource.id === 'arn:aws:s3:::public-site');
    expect(r2.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'services/api/policy/claims.yaml', uriBaseId: '%SRCROOT%' });
    // expired suppression: no SARIF suppression, the failure stands
    expect(r.suppressions).toBeUndefined();
    expect(r.properties.expiredSuppression.expires).toBe('2020-01-31');
  });

  it('suppressed failures are SARIF suppressions with their justification', () => {
    const r = resultFor('do:firewall:fw-1');
    expect(r.suppressions).toEqual([expect.objectContaining({ kind: 'external', status: 'accepted' })]);
    expect(r.suppressions[0].justification).toContain('legacy jump box');
    expect(r.suppressions[0].justification).toContain('ops@example.com');
  });

  it('unknowns are listed as open results with level none; passes and n/a are counted, not listed', () => {
    const r = resultFor('AppStack/HttpListener', 'https-redirect/aws-elbv2-listener');
    expect(r.kind).toBe('open');
    expect(r.level).toBe('none');
    expect(run.results.some((x: any) => x.properties.status === 'pass' || x.properties.status === 'not-applicable')).toBe(false);
    expect(run.results).toHaveLength(doc.findings.filter((f) => f.status === 'fail' || f.status === 'unknown').length);
    expect(run.properties.summary.byStatus.pass).toBe(doc.summary.byStatus.pass);
  });

  it('artifact URIs percent-encode each path segment', () => {
    const f = richFindings();
    f[0]!.resource.file = 'infra/my stack#1.json';
    const r = JSON.parse(renderSarif(richEvidence(f))).runs[0].results.find((x: any) => x.properties.resource.id === 'AppStack/DataBucket');
    expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('services/api/infra/my%20stack%231.json');
  });

  it('carries the claim view in run properties', () => {
    const claims = run.properties.claims;
    expect(claims.find((c: any) => c.id === 'enc').verdict).toBe('broken');
    expect(claims.find((c: any) => c.id === 'soc2').verdict).toBe('needs-attestation');
  });
});
