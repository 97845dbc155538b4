import type { CommandModule } from 'yargs';
import { readdirSync, statSync } from 'node:fs';
import { readInputText } from '../../util/input-file.js';
import { join } from 'node:path';
import { withCommonOptions, checkEndpointValues, parseKeyValues, parseSeconds, type CommonArgs } from '../options.js';
import { mergeEvidence, type MergeInput } from '../../findings/merge.js';
import type { EvidenceDocument } from '../../findings/evidence.js';
import { InputError } from '../../util/errors.js';
import { parseEvidence as parseEvidenceDocument } from '../../reporters/load-evidence.js';
import { parseFormats, writeReports } from '../../reporters/index.js';
import { printSummary } from '../summary.js';
import { ExitCode } from '../exit-code.js';
import { contextOf, type Env } from '../context.js';
import { COMMAND_SPECS } from './specs.js';

interface MergeArgs extends CommonArgs {
  inputs: string[];
  'max-age'?: string;
  endpoint?: string[];
  'request-timeout'?: number;
}

/** `--max-age 12h`: a duration in minutes, hours or days, as milliseconds. */
export function parseMaxAge(v: string): number {
  const m = /^(\d{1,5})([mhd])$/.exec(v.trim());
  if (!m || Number(m[1]) === 0) throw new InputError(`--max-age: expected a duration such as 90m, 12h or 2d, got '${v}'`);
  return Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
}

const MAX_EVIDENCE_BYTES = 512 * 1024 * 1024;

/** The same schema `vouch report` reads with: a shard's document is checked, not trusted. */
function parseEvidence(text: string, origin: string): EvidenceDocument {
  return parseEvidenceDocument(text, origin);
}

/** Evidence files under a directory: `evidence.json` and `*.evidence.json`, two levels deep (one per shard). */
function evidenceFilesIn(dir: string, depth = 0): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory() && depth < 2 && !e.name.startsWith('.')) out.push(...evidenceFilesIn(p, depth + 1));
    else if (e.isFile() && (e.name === 'evidence.json' || e.name.endsWith('.evidence.json'))) out.push(p);
  }
  return out;
}

async function readInputs(specs: string[], remote: { endpoints: Record<string, string>; requestTimeoutMs?: number; env?: Env } = { endpoints: {} }): Promise<MergeInput[]> {
  const inputs: MergeInput[] = [];
  for (const spec of specs) {
    if (/^s3:\/\//.test(spec)) {
      const { readS3Evidence } = await import('../../sources/storage/s3.js');
      for (const { key, text } of await readS3Evidence(spec, { endpoint: remote.endpoints.s3, requestTimeoutMs: remote.requestTimeoutMs, env: remote.env })) inputs.push({ origin: key, doc: parseEvidence(text, key) });
      continue;
    }
    if (/^gs:\/\//.test(spec)) {
      const { readGcsEvidence } = await import('../../sources/storage/gcs.js');
      for (const { key, text } of await readGcsEvidence(spec, { endpoint: remote.endpoints.storage, requestTimeoutMs: remote.requestTimeoutMs, env: remote.env })) inputs.push({ origin: key, doc: parseEvidence(text, key) });
      continue;
    }
    let st;
    try {
      st = statSync(spec);
    } catch (e) {
      throw InputError.fromFs(spec, e);
    }
    const files = st.isDirectory() ? evidenceFilesIn(spec) : [spec];
    if (st.isDirectory() && files.length === 0) throw new InputError(`${spec}: no evidence.json files found`);
    for (const f of files) {
      const text = readInputText(f, { maxBytes: MAX_EVIDENCE_BYTES, tooBig: () => `larger than ${MAX_EVIDENCE_BYTES / 1048576} MB` });
      inputs.push({ origin: f, doc: parseEvidence(text, f) });
    }
  }
  return inputs;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  ...COMMAND_SPECS.merge,
  builder: (y) =>
    withCommonOptions(y)
      .option('max-age', {
        type: 'string',
        describe: 'Leave out runs that started longer ago than this (90m, 12h, 2d): last night\'s evidence of a shard that died tonight must not stand in for it; its units are then missing',
      })
      .option('endpoint', {
        type: 'string',
        array: true,
        coerce: checkEndpointValues,
        describe: 'Read s3:// or gs:// inputs from another endpoint: s3=URL or storage=URL (repeatable), e.g. storage=http://127.0.0.1:4443',
      })
      .option('request-timeout', { type: 'number', describe: 'Seconds one s3:// or gs:// request may take, connection to the last byte (0.1 to 3600; default 60)' })
      .positional('inputs', { type: 'string', array: true, demandOption: true, describe: 'evidence.json files, directories holding them, or s3:// / gs:// prefixes' })
      .example('$0 merge shards/ --out reports/nightly --format json,md,sarif,html', 'merge every shard written under shards/*/evidence.json')
      .example('$0 merge s3://audit-bucket/vouch/2026-11-26/ --out reports', 'merge shards that pods wrote to a bucket') as never,
  handler: async (argv) => {
    const ctx = contextOf(argv);
    const formats = parseFormats(argv.format);
    const maxAge = argv['max-age'] !== undefined ? parseMaxAge(String(argv['max-age'])) : undefined;
    const endpoints = parseKeyValues('endpoint', argv.endpoint);
    for (const [k, v] of Object.entries(endpoints)) {
      if (k !== 's3' && k !== 'storage') throw new InputError(`--endpoint ${k}=...: merge reads s3:// (s3=URL) and gs:// (storage=URL) only`);
      if (!/^https?:\/\/[^/]/.test(v)) throw new InputError(`--endpoint ${k}: expected an http(s) URL`);
    }
    const requestTimeout = argv['request-timeout'] === undefined ? undefined : parseSeconds('request-timeout', argv['request-timeout'], { min: 0.1, max: 3600 });
    // Remote reads stop on Ctrl-C (ctx.signal); an interrupted merge writes nothing rather than a merge of some inputs.
    const { underDeadline } = await import('../../sources/providers/common/deadline.js');
    const interrupted = () => new Error('merge: interrupted; nothing written');
    let inputs = await underDeadline(undefined, 'merge', () => readInputs(argv.inputs, { endpoints, requestTimeoutMs: requestTimeout === undefined ? undefined : Math.round(requestTimeout * 1000), env: ctx.env }), ctx.signal).catch((e: unknown) => {
      throw ctx.signal.aborted ? interrupted() : e;
    });
    if (ctx.signal.aborted) throw interrupted();
    if (maxAge !== undefined) {
      const since = Date.now() - maxAge;
      const stale = inputs.filter((i) => !(Date.parse(i.doc.run.startedAt) >= since));
      for (const i of stale) ctx.stderr.write(`vouch: ${i.origin}: started ${i.doc.run.startedAt}, older than --max-age ${argv['max-age']}: not merged\n`);
      inputs = inputs.filter((i) => !stale.includes(i));
      if (!inputs.length) throw new InputError(`no evidence newer than --max-age ${argv['max-age']} among the inputs`);
    }
    const { doc, duplicates, warnings } = mergeEvidence(inputs, argv['fail-on']);
    for (const d of duplicates) ctx.stderr.write(`vouch: ${d}: same run as another input, merged once\n`);
    for (const w of warnings) ctx.stderr.write(`vouch: warning: ${w}\n`);
    const missing = (doc.coverage.units ?? []).filter((u) => u.status === 'missing');
    const written = writeReports(doc, argv.out, formats);
    if (missing.length) ctx.stdout.write(`${missing.length} planned units were finished by no shard: ${missing.slice(0, 10).map((u) => u.id).join(', ')}${missing.length > 10 ? ', …' : ''}\n`);
    printSummary(doc, written, Boolean(argv.quiet), ctx.stdout);
    throw new ExitCode(doc.summary.exitCode);
  },
};
