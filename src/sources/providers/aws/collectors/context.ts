/**
 * What every AWS collector works with: the account and region it is in, the
 * clients, the coverage recorder, and `call`/`pages`, which make one API call
 * (or walk a paginator), record it in coverage, and turn failures into a
 * value the collector stores as a resource gap or a coverage failure —
 * never into silence.
 */
import type { RawRecord, Resource } from '../../../../model/resource.js';
import type { CoverageRecorder } from '../../common/coverage.js';
import type { Progress } from '../../common/progress.js';
import { redactDeep, REDACTED, looksLikeSecretValue } from '../../../../lib/secrets.js';
import type { ClientFactory } from './clients.js';
import { BadResponse } from '../../common/answers.js';

export interface AwsScope {
  account: string;
  partition: string;
  /** Regions this scan covers (enabled ∩ requested). */
  regions: string[];
  /** Region for global services (IAM, S3 listing, CloudFront). */
  homeRegion: string;
  clients: ClientFactory;
  coverage: CoverageRecorder;
  progress?: Progress;
  emit(r: Resource): void;
  /** Calls of this unit that failed for good (the unit is then reported as failed). */
  failures: number;
  /** The work unit (`aws:<account>:<region|global>`) this scope collects, for coverage failures. */
  unit?: string;
}

export type Outcome<T> =
  | { ok: true; data: T; raw: RawRecord }
  | { ok: false; absent: boolean; code: string; message: string; raw: RawRecord };

const KEY_ID = /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g;

/** An error message safe to store: no access key ids, no credential-looking strings, bounded length. */
export function safeMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const cleaned = msg.replace(KEY_ID, REDACTED).replace(/(Signature|Credential|X-Amz-Security-Token)=[^\s&,]+/gi, `$1=${REDACTED}`);
  return cleaned.split('\n')[0]!.slice(0, 300);
}

export function errorCode(e: unknown): string {
  const err = e as { name?: string; Code?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const code = err?.Code ?? err?.name ?? err?.code;
  if (code && code !== 'Error') return code;
  const status = err?.$metadata?.httpStatusCode;
  return status ? `HTTP${status}` : 'Error';
}

function stripMetadata(data: unknown): unknown {
  if (!data || typeof data !== 'object') return plain(data);
  const { $metadata: _m, ...rest } = data as Record<string, unknown>;
  return plain(rest);
}

/**
 * SDK values as JSON would store them (Dates become ISO strings, which
 * redaction would otherwise turn into `{}`; bytes become `<n bytes>`), built
 * directly rather than by a JSON round trip, which costs measurable CPU per call.
 */
export function plain(v: unknown): unknown {
  return v === undefined ? undefined : toPlain(v, 0);
}

function toPlain(v: unknown, depth: number): unknown {
  if (v === null) return null;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? v : null;
    case 'bigint':
      return v.toString();
    case 'object':
      break;
    default:
      return undefined; // functions and symbols, as JSON drops them
  }
  if (depth > 100) return '<nested too deep>'; // never a crash on a hostile response
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (v instanceof Uint8Array) return `<${v.length} bytes>`;
  const withToJson = v as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return toPlain(withToJson.toJSON(), depth + 1);
  if (Array.isArray(v)) return v.map((x) => toPlain(x, depth + 1) ?? null);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = toPlain((v as Record<string, unknown>)[k], depth + 1);
    if (x !== undefined) out[k] = x;
  }
  return out;
}

/** Keys whose every value is redacted before storage (environment variables and the like). */
export const ALWAYS_REDACT = new Set(['Variables', 'SecretString', 'SecretBinary']);

export function rawRecord(operation: string, region: string | undefined, requestId: string | undefined, data?: unknown): RawRecord {
  const rec: RawRecord = { operation, at: new Date().toISOString() };
  if (region) rec.region = region;
  if (requestId) rec.requestId = requestId;
  if (data !== undefined) rec.data = redactDeep(stripMetadata(data), ALWAYS_REDACT);
  return rec;
}

function requestIdOf(x: unknown): string | undefined {
  return (x as { $metadata?: { requestId?: string; extendedRequestId?: string } })?.$metadata?.requestId;
}

function bump(scope: AwsScope): void {
  scope.progress?.update({ calls: scope.coverage.callCount, throttles: scope.coverage.throttles, failures: scope.coverage.failureCount });
}

/** What an answer must hold to be evidence (see `answerShape`). */
export interface AnswerShape {
  /** Fields the answer must have (a list answer: its list field, e.g. `SecurityGroups`). */
  fields?: readonly string[];
}

/**
 * An SDK answer is evidence only if it has what was asked for: a page of a
 * list with no field at all (a `{}` answer), or without the list field the
 * caller names, is a BAD_RESPONSE failure, never an empty list. The transport
 * (common/aws-http.ts) has already refused empty, HTML, foreign and cut-short bodies.
 */
export function answerShape(operation: string, data: unknown, shape: AnswerShape = {}, list = false): void {
  if (!data || typeof data !== 'object') throw new BadResponse(`${operation}: the answer is not a structure`);
  const keys = Object.keys(data).filter((k) => k !== '$metadata');
  if (list && keys.length === 0) throw new BadResponse(`${operation}: the answer has no fields (an empty list answer still names its list): not evidence`);
  for (const f of shape.fields ?? []) if (!((data as Record<string, unknown>)[f] !== undefined)) throw new BadResponse(`${operation}: the answer has no '${f}'`);
}

/**
 * One API call. `absent` lists error codes that mean "not configured" (e.g.
 * NoSuchBucketPolicy): those are answers, not failures. Any other error is
 * recorded in coverage with the account and region, and returned. `shape`:
 * fields the answer must have (see answerShape).
 */
export async function call<T>(scope: AwsScope, operation: string, region: string, send: () => Promise<T>, absent: readonly string[] = [], shape?: AnswerShape): Promise<Outcome<T>> {
  scope.coverage.call(operation);
  try {
    const data = await send();
    if (shape) answerShape(operation, data, shape);
    bump(scope);
    return { ok: true, data, raw: rawRecord(operation, region, requestIdOf(data)) };
  } catch (e) {
    const code = errorCode(e);
    const message = safeMessage(e);
    const raw = rawRecord(operation, region, requestIdOf(e));
    if (absent.includes(code)) {
      bump(scope);
      return { ok: false, absent: true, code, message, raw };
    }
    raw.error = { code, message };
    scope.failures++;
    scope.coverage.fail(operation, code, message, { region, account: scope.account, ...(scope.unit ? { unit: scope.unit } : {}) });
    bump(scope);
    return { ok: false, absent: false, code, message, raw };
  }
}

/**
 * Walk an SDK paginator, one coverage call per page. On failure the pages read
 * so far are returned with the error: the caller must treat the list as incomplete.
 */
export async function pages<P>(
  scope: AwsScope,
  operation: string,
  region: string,
  iterate: () => AsyncIterable<P>,
  shape?: AnswerShape,
): Promise<{ pages: { data: P; raw: RawRecord }[]; error?: { code: string; message: string } }> {
  const out: { data: P; raw: RawRecord }[] = [];
  scope.coverage.call(operation);
  let counted = false; // the failing page was already counted
  try {
    let first = true;
    for await (const page of iterate()) {
      if (!first) scope.coverage.call(operation);
      first = false;
      counted = true;
      answerShape(operation, page, shape, true);
      counted = false;
      out.push({ data: page, raw: rawRecord(operation, region, requestIdOf(page)) });
      bump(scope);
    }
    return { pages: out };
  } catch (e) {
    if (out.length > 0 && !counted) scope.coverage.call(operation); // the page that failed
    const code = errorCode(e);
    const message = safeMessage(e);
    scope.failures++;
    scope.coverage.fail(operation, code, message, { region, account: scope.account, ...(scope.unit ? { unit: scope.unit } : {}) });
    bump(scope);
    return { pages: out, error: { code, message } };
  }
}

/** A gap entry: the reason a field could not be read. */
export function gapOf(o: { code: string; message: string }, operation: string): string {
  return `${o.code}: ${operation}: ${o.message}`;
}

/** A new live AWS resource. `item` (one element of an API response) becomes its first raw record. */
export function liveResource(
  scope: AwsScope,
  type: string,
  id: string,
  region: string | undefined,
  properties: Record<string, unknown>,
  raw: RawRecord,
  item?: unknown,
  name?: string,
): Resource {
  const rec: RawRecord = item === undefined ? raw : { ...raw, data: redactDeep(plain(item), ALWAYS_REDACT) };
  const r: Resource = {
    type,
    provider: 'aws',
    source: 'live',
    id,
    properties: redactValues(properties) as Record<string, unknown>,
    raw: [rec],
    location: { account: scope.account, ...(region ? { region } : {}), ...(id.startsWith('arn:') ? { arn: id } : {}) },
    relations: {},
  };
  if (name) r.name = name;
  return r;
}

/**
 * Normalized properties keep their (vouch-chosen) names; only values that look
 * like credentials are replaced. Raw records get the stricter key-based redaction.
 */
export function redactValues(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return looksLikeSecretValue(v) ? REDACTED : v;
  if (depth > 64 || !v || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => redactValues(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = redactValues(x, depth + 1);
  return out;
}

export function addGap(r: Resource, path: string, why: string): void {
  (r.gaps ??= {})[path] = why;
}

export function arn(scope: AwsScope, service: string, region: string, resource: string): string {
  return `arn:${scope.partition}:${service}:${region}:${scope.account}:${resource}`;
}

/** AWS `[{Key, Value}]` tags in CloudFormation's shape. */
export function cfnTags(tags: { Key?: string; Value?: string }[] | undefined): { Key: string; Value: string }[] | undefined {
  if (!tags?.length) return undefined;
  return tags.map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));
}

/** Drop undefined values so omitted stays omitted. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
