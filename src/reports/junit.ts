/**
 * JUnit XML for CI test tabs. A `claims` suite first (one case per claim:
 * broken → failure, unverified → error, needs attestation → skipped), then a
 * suite per control with a case per (rule, resource): failures carry the
 * evidence, not-applicable and suppressed verdicts are skipped with the
 * reason, unknowns are errors — never silently passed.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { EvidenceDocument, Finding } from '../engine/evidence.js';
import { CONTROLS } from '../engine/controls.js';
import { claimVerdicts } from '../engine/claim-verdicts.js';
import { isLiveSuppressed, showValue, whereOf } from './common.js';

/** Characters XML 1.0 cannot carry are replaced, so hostile input cannot break the document. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
export const xmlText = (s: unknown) => String(s ?? '').replace(INVALID_XML, '\uFFFD');

export function evidenceText(doc: EvidenceDocument, f: Finding): string {
  const lines = [f.message, `resource: ${f.resource.type} ${whereOf(doc, f)}`];
  for (const e of f.evidence) {
    let l = `${e.path}: observed ${showValue(e.observed)}`;
    if (e.expected !== undefined) l += `, expected ${showValue(e.expected)}`;
    if (e.note) l += ` (${e.note})`;
    if (e.source) l += ` [${e.source}]`;
    lines.push(l);
  }
  const rem = doc.rules?.[f.ruleId]?.remediation?.text;
  if (rem) lines.push(`remediation: ${rem}`);
  if (f.suppression) {
    const s = f.suppression;
    lines.push(`suppression${s.expired ? ' (EXPIRED)' : ''}: ${s.reason}${s.owner ? `; owner ${s.owner}` : ''}${s.expires ? `; expires ${s.expires}` : ''}`);
  }
  return lines.join('\n');
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function suite(root: XMLBuilder, name: string, timestamp: string, cases: ((s: XMLBuilder, c: Counts) => void)[]): Counts {
  const c: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const s = root.ele('testsuite', { name: xmlText(name), timestamp });
  for (const add of cases) {
    c.tests++;
    add(s, c);
  }
  s.att({ tests: String(c.tests), failures: String(c.failures), errors: String(c.errors), skipped: String(c.skipped), time: '0' });
  return c;
}

export function renderJunit(doc: EvidenceDocument): string {
  const timestamp = doc.run.startedAt.replace(/Z$/, '').slice(0, 19);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', { name: 'vouch' });
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const sum = (c: Counts) => {
    total.tests += c.tests;
    total.failures += c.failures;
    total.errors += c.errors;
    total.skipped += c.skipped;
  };

  const claims = claimVerdicts(doc);
  const byFp = new Map(doc.findings.map((f) => [f.fingerprint, f]));
  sum(
    suite(
      root,
      'claims',
      timestamp,
      claims.verdicts.map((v) => (s, c) => {
        const tc = s.ele('testcase', { classname: 'vouch.claims', name: xmlText(`${v.id}: ${v.text}`), time: '0' });
        const detail = [v.reason, ...v.failing.slice(0, 50).map((fp) => {
          const f = byFp.get(fp);
          return f ? `FAIL ${f.ruleId} ${whereOf(doc, f)}: ${f.message}` : fp;
        })].join('\n');
        if (v.verdict === 'broken') {
          c.failures++;
          tc.ele('failure', { message: xmlText(`claim broken: ${v.reason}`), type: 'broken' }).txt(xmlText(detail));
        } else if (v.verdict === 'unverified') {
          c.errors++;
          tc.ele('error', { message: xmlText(`claim unverified (${v.unverifiedBecause}): ${v.reason}`), type: 'unverified' }).txt(xmlText(detail));
        } else if (v.verdict === 'needs-attestation') {
          c.skipped++;
          tc.ele('skipped', { message: xmlText(`needs attestation: ${v.attestation?.evidence ?? ''}`) });
        } else {
          tc.ele('system-out').txt(xmlText(v.reason));
        }
      }),
    ),
  );

  const byControl = new Map<string, Finding[]>();
  for (const f of doc.findings) {
    let l = byControl.get(f.control);
    if (!l) byControl.set(f.control, (l = []));
    l.push(f);
  }
  const order = [...CONTROLS.map((c) => c.id as string), ...[...byControl.keys()].sort()];
  for (const control of new Set(order)) {
    const list = byControl.get(control);
    if (!list) continue;
    sum(
      suite(
        root,
        control,
        timestamp,
        list.map((f) => (s, c) => {
          const attrs: Record<string, string> = {
            classname: xmlText(`vouch.${f.ruleId}${f.subId ? `[${f.subId}]` : ''}`),
            name: xmlText(`${f.resource.name ?? f.resource.logicalId ?? f.resource.id} (${whereOf(doc, f)})`),
            time: '0',
          };
          if (f.resource.source === 'iac' && f.resource.file) attrs.file = xmlText(f.resource.file);
          if (f.resource.source === 'iac' && f.resource.line) attrs.line = String(f.resource.line);
          const tc = s.ele('testcase', attrs);
          const suppressed = isLiveSuppressed(f);
          if ((f.status === 'fail' || f.status === 'unknown') && suppressed) {
            c.skipped++;
            tc.ele('skipped', { message: xmlText(`suppressed ${f.status}: ${f.suppression!.reason}${f.suppression!.owner ? ` (owner ${f.suppression!.owner})` : ''}${f.suppression!.expires ? ` until ${f.suppression!.expires}` : ''}`) });
            tc.ele('system-out').txt(xmlText(evidenceText(doc, f)));
          } else if (f.status === 'fail') {
            c.failures++;
            tc.ele('failure', { message: xmlText(f.message), type: f.severity }).txt(xmlText(evidenceText(doc, f)));
          } else if (f.status === 'unknown') {
            c.errors++;
            tc.ele('error', { message: xmlText(`not determined: ${f.message}`), type: 'unknown' }).txt(xmlText(evidenceText(doc, f)));
          } else if (f.status === 'not-applicable') {
            c.skipped++;
            tc.ele('skipped', { message: xmlText(`not applicable: ${f.message}`) });
          } else {
            tc.ele('system-out').txt(xmlText(evidenceText(doc, f)));
          }
        }),
      ),
    );
  }
  root.att({ tests: String(total.tests), failures: String(total.failures), errors: String(total.errors), skipped: String(total.skipped), time: '0' });
  return root.end({ prettyPrint: true }) + '\n';
}
