import type { CommandModule } from 'yargs';
import { contextOf } from '../context.js';
import { loadEvidence } from '../../reporters/load-evidence.js';
import { parseFormats, writeReports } from '../../reporters/index.js';
import { loadSigningKey } from '../../reporters/manifest.js';
import { claimVerdicts } from '../../findings/claim-verdicts.js';
import { summarize } from '../../evaluate/evaluate.js';
import type { EvidenceDocument } from '../../findings/evidence.js';

/**
 * The summary recomputed from the findings and coverage, not taken from the
 * stored one: a headline ("PASSED") must agree with the findings under it. A
 * stored "incomplete" is kept (fail closed): it may rest on facts the
 * document no longer shows.
 */
export function withRecomputedSummary(doc: EvidenceDocument): EvidenceDocument {
  const c = doc.coverage ?? {};
  const sourceFailures = (c.failures?.length ?? 0) + (c.notCollected?.filter((n) => n.gap).length ?? 0) + (c.units?.filter((u) => u.status !== 'done').length ?? 0);
  const s = summarize(doc.findings, doc.run.failOn, sourceFailures);
  if (doc.summary?.incomplete && !s.incomplete) {
    s.incomplete = true;
    if (s.exitCode === 0) s.exitCode = 3;
  }
  return { ...doc, summary: s };
}
import { loadBenchmarks } from '../../evaluate/frameworks/profile.js';
import { judgeBenchmark } from '../../evaluate/frameworks/verdicts.js';
import { COMMAND_SPECS } from './specs.js';

interface ReportArgs {
  evidence: string;
  format?: string;
  out: string;
  baseline?: string;
  'sign-key'?: string;
  quiet?: boolean;
  benchmark?: string[];
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  ...COMMAND_SPECS.report,
  builder: (y) =>
    y
      .positional('evidence', { type: 'string', demandOption: true, describe: 'evidence.json written by check or scan' })
      .option('format', { type: 'string', default: 'json,md,html', describe: 'Report formats, comma-separated: json, md, html, sarif, junit, ocsf, csv, or all' })
      .option('out', { type: 'string', default: 'reports', describe: 'Directory the reports are written to' })
      .option('baseline', { type: 'string', describe: 'evidence.json of an earlier run: the Markdown summary lists new failures first' })
      .option('sign-key', { type: 'string', describe: 'Ed25519 private key (PEM) that signs manifest.json' })
      .option('quiet', { type: 'boolean', default: false, describe: 'Print nothing on success' })
      .option('benchmark', {
        type: 'string',
        array: true,
        describe: 'Add (or refresh) a benchmark section judged from the findings already in the evidence: cis-aws, cis-gcp, aws-fsbp. Rules the run did not evaluate leave their controls not checked.',
      })
      .example('$0 report reports/evidence.json --format html,sarif --out audit/', 'render an HTML report and SARIF from a nightly run')
      .example('$0 report new/evidence.json --baseline old/evidence.json --format md', 'a PR comment that lists new failures first') as never,
  handler: (argv) => {
    const ctx = contextOf(argv);
    const formats = parseFormats(argv.format);
    const signKey = argv['sign-key'] ? loadSigningKey(argv['sign-key']) : undefined;
    const doc = withRecomputedSummary(loadEvidence(argv.evidence));
    const added = loadBenchmarks(argv.benchmark);
    if (added.length) {
      const keep = (doc.benchmarks ?? []).filter((b) => !added.some((a) => a.id === b.id));
      doc.benchmarks = [...keep, ...added.map((b) => judgeBenchmark(b, doc.findings))];
    }
    const baseline = argv.baseline ? loadEvidence(argv.baseline) : undefined;
    const written = writeReports(doc, argv.out, formats, { signKey, baseline });
    if (!argv.quiet) {
      const c = claimVerdicts(doc).counts;
      ctx.stdout.write(
        `claims: ${c.broken} broken, ${c.unverified} unverified, ${c['needs-attestation']} need attestation, ${c.holds} hold\nreports: ${written.join(', ')}\n`,
      );
    }
  },
};
