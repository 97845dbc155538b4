import { describe, expect, it } from 'vitest';
import { findingsJson, rememberFindingsJson, renderJson, renderJsonBytes, renderJsonParts, utf8Bytes } from '../../src/reporters/json.js';
import { buildManifest, sha256 } from '../../src/reporters/manifest.js';
import type { EvidenceDocument, Finding } from '../../src/findings/evidence.js';

function finding(i: number, message: string): Finding {
  return {
    fingerprint: `fp${i}`,
    ruleId: 'backup-retention/aws-rds-db-instance',
    control: 'backup-retention',
    severity: 'medium',
    status: i % 3 ? 'pass' : 'fail',
    message,
    title: 'title',
    resource: { type: 'aws.rds.db-instance', provider: 'aws', source: 'iac', id: `s/Db${i}`, logicalId: `Db${i}`, stack: 's', line: i },
    evidence: [{ path: 'BackupRetentionPeriod', observed: { nested: [i, null, 'x\ny'] }, expected: '7–35 days' }],
    suppression: null,
    ...(i % 5 === 0 ? { subId: `Statement[${i}]` } : {}),
  };
}

function doc(findings: Finding[]): EvidenceDocument {
  return {
    schemaVersion: '1.0',
    tool: { name: 'vouch', version: '0.0.0', rulesHash: 'h' },
    run: { id: 'r', command: 'check x', startedAt: 't', finishedAt: 't', inputs: ['a.yaml'], failOn: 'low', rules: 1 },
    claims: { profile: 'p — “quoted”', parameters: {}, controls: [], items: [] },
    coverage: { notCollected: [{ what: 'a "\\u0000vouch-findings" look-alike', why: 'x' }] },
    findings,
    summary: { total: findings.length },
    rules: { 'backup-retention/aws-rds-db-instance': { title: 'admins’ VPN' } },
  } as unknown as EvidenceDocument;
}

describe('renderJsonBytes', () => {
  it('gives exactly the UTF-8 bytes of renderJson, across groups, with non-Latin-1 text inside and outside the findings', () => {
    for (const n of [0, 1, 2, 255, 256, 257, 600]) {
      const d = doc(Array.from({ length: n }, (_, i) => finding(i, i % 7 ? `message ${i}` : `retention ≥ 7 days — “${i}”`)));
      expect(renderJsonBytes(d).equals(Buffer.from(renderJson(d), 'utf8')), `${n} findings`).toBe(true);
    }
  });

  it('in pieces (renderJsonParts): the manifest hashes and counts the same bytes as of the whole', () => {
    const d = doc(Array.from({ length: 600 }, (_, i) => finding(i, i % 5 ? `message ${i}` : `— “${i}”`)));
    const parts = renderJsonParts(d);
    expect(parts.length).toBeGreaterThan(2);
    const whole = Buffer.from(renderJson(d), 'utf8');
    expect(sha256(parts)).toBe(sha256(whole));
    const m = buildManifest(d, [{ name: 'evidence.json', data: parts }]);
    expect(m.files[0]).toEqual({ name: 'evidence.json', sha256: sha256(whole), bytes: whole.length });
  });

  it('is not misled by a string that looks like its marker', () => {
    const d = doc([finding(1, '"\u0000vouch-findings-00000000-0000-0000-0000-000000000000"')]);
    expect(renderJsonBytes(d).toString('utf8')).toBe(renderJson(d));
  });
});

describe('renderJsonParts with findings rendered by a worker (rememberFindingsJson)', () => {
  const make = () => Array.from({ length: 700 }, (_, i) => finding(i, i % 7 ? `message ${i}` : `retention ≥ 7 days — “${i}”`));

  it('copies the remembered text of each run, wherever the runs fall among the groups, to the same bytes', () => {
    const findings = make();
    // Runs of a worker's rules: short, long (over a group), adjacent and apart.
    for (const [a, b] of [[3, 4], [4, 9], [100, 420], [600, 700]] as const) rememberFindingsJson(findings.slice(a, b), findingsJson(findings.slice(a, b)));
    const d = doc(findings);
    expect(Buffer.concat(renderJsonParts(d)).equals(Buffer.from(renderJson(d), 'utf8'))).toBe(true);
  });

  it('uses the remembered text (not its own rendering) while the run is unchanged, and renders again once one of its findings is suppressed or replaced', () => {
    const findings = make();
    const run = findings.slice(10, 20);
    // Text no renderer would write: where it shows, the remembered text was used.
    rememberFindingsJson(run, findingsJson(run).replace('message 11', 'REMEMBERED'));
    expect(Buffer.concat(renderJsonParts(doc(findings))).toString('utf8')).toContain('REMEMBERED');

    findings[12] = { ...findings[12]! };
    expect(Buffer.concat(renderJsonParts(doc(findings))).toString('utf8')).not.toContain('REMEMBERED');
    findings[12] = run[2]!;
    run[5]!.suppression = { reason: 'r', origin: 'file', expired: false } as Finding['suppression'];
    const d = doc(findings);
    const text = Buffer.concat(renderJsonParts(d)).toString('utf8');
    expect(text).not.toContain('REMEMBERED');
    expect(text).toBe(renderJson(d));
  });
});

describe('utf8Bytes', () => {
  it('gives the UTF-8 bytes of ASCII, Latin-1, wider and surrogate text alike', () => {
    const texts = ['', 'plain ascii {"a": 1}\n', 'caf\u00e9', '\u00ff\u0080', 'en dash \u2013 here', 'emoji \ud83d\ude00', 'lone \ud800 surrogate', '\u0000\u007f', 'x'.repeat(70000) + '\u00e9'];
    for (const t of texts) expect(utf8Bytes(t).equals(Buffer.from(t, 'utf8')), JSON.stringify(t.slice(0, 30))).toBe(true);
  });
});
