/**
 * Google API errors, whichever client raised them (Storage's ApiError with an
 * HTTP code, google-gax's GoogleError with a gRPC code, gaxios' GaxiosError
 * from the REST calls, a network error), reduced to one shape: the canonical
 * status name (`PERMISSION_DENIED`, `RESOURCE_EXHAUSTED`, ...), the HTTP
 * status when known, a message with anything secret-looking removed, and
 * whether retrying can help.
 */
import { looksLikeSecretValue } from '../../../../lib/secrets.js';
import { NoCredentials, ReadOnlyViolation } from './transport.js';
import { RunStopped } from '../../common/deadline.js';

export interface GcpErrorInfo {
  code: string;
  http?: number;
  message: string;
  retryable: boolean;
}

const GRPC: Record<number, string> = {
  1: 'CANCELLED', 2: 'UNKNOWN', 3: 'INVALID_ARGUMENT', 4: 'DEADLINE_EXCEEDED', 5: 'NOT_FOUND', 6: 'ALREADY_EXISTS',
  7: 'PERMISSION_DENIED', 8: 'RESOURCE_EXHAUSTED', 9: 'FAILED_PRECONDITION', 10: 'ABORTED', 11: 'OUT_OF_RANGE',
  12: 'UNIMPLEMENTED', 13: 'INTERNAL', 14: 'UNAVAILABLE', 15: 'DATA_LOSS', 16: 'UNAUTHENTICATED',
};

const HTTP: Record<number, string> = {
  400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED', 499: 'CANCELLED', 500: 'INTERNAL', 501: 'UNIMPLEMENTED', 502: 'UNAVAILABLE',
  503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED',
};

/** Reasons Google puts on a 403 that mean "slow down", not "denied". */
const RATE_REASONS = /^(rateLimitExceeded|userRateLimitExceeded|quotaExceeded|RATE_LIMIT_EXCEEDED)$/;

const RETRYABLE = new Set(['RESOURCE_EXHAUSTED', 'UNAVAILABLE', 'INTERNAL', 'DEADLINE_EXCEEDED', 'NETWORK']);

export function cleanMessage(msg: string): string {
  const oneLine = msg.replace(/\s+/g, ' ').trim();
  const words = oneLine.split(' ').map((w) => (looksLikeSecretValue(w) || /^Bearer$/i.test(w) ? '<redacted>' : w));
  return words.join(' ').slice(0, 300);
}

/** The Google error JSON body (`{error: {code, message, status, errors[], details[]}}`), if any. */
function bodyOf(e: any): any {
  const data = e?.response?.data ?? e?.response?.body;
  if (data && typeof data === 'object') return data.error ?? data;
  if (typeof data === 'string') {
    try {
      const j = JSON.parse(data);
      return j?.error ?? j;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function reasonsOf(e: any, body: any): string[] {
  const out: string[] = [];
  for (const list of [body?.errors, e?.errors]) if (Array.isArray(list)) for (const x of list) if (x?.reason) out.push(String(x.reason));
  for (const list of [body?.details, e?.statusDetails]) if (Array.isArray(list)) for (const d of list) if (d?.reason) out.push(String(d.reason));
  if (typeof e?.reason === 'string') out.push(e.reason);
  return out;
}

export function classify(e: unknown): GcpErrorInfo {
  if (e instanceof ReadOnlyViolation) return { code: 'READ_ONLY_VIOLATION', message: e.message, retryable: false };
  if (e instanceof NoCredentials) return { code: 'NO_CREDENTIALS', message: cleanMessage(e.message), retryable: false };
  if (e instanceof RunStopped) return { code: e.code, message: cleanMessage(e.message), retryable: false }; // the run's --deadline, or an interrupt
  const err = e as any;
  const body = bodyOf(err);
  let http: number | undefined = typeof err?.status === 'number' ? err.status : typeof err?.response?.status === 'number' ? err.response.status : undefined;
  if (http === undefined && typeof err?.code === 'number' && err.code >= 100) http = err.code;
  if (http === undefined && typeof body?.code === 'number') http = body.code;
  let code: string | undefined;
  if (typeof body?.status === 'string' && body.status) code = body.status;
  else if (http !== undefined) code = HTTP[http] ?? (http >= 500 ? 'UNAVAILABLE' : `HTTP_${http}`);
  else if (typeof err?.code === 'number' && GRPC[err.code]) code = GRPC[err.code];
  else if (typeof err?.code === 'string' && /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|UND_ERR_\w+)$/.test(err.code)) code = 'NETWORK';
  else if (err?.name === 'AbortError' || err?.name === 'TimeoutError') code = 'DEADLINE_EXCEEDED';
  else if (err?.code === 'BAD_RESPONSE') code = 'BAD_RESPONSE';
  code ??= 'UNKNOWN';
  if (code === 'PERMISSION_DENIED' && reasonsOf(err, body).some((r) => RATE_REASONS.test(r))) code = 'RESOURCE_EXHAUSTED';
  const message = cleanMessage(String(body?.message ?? err?.details ?? err?.message ?? e));
  return { code, ...(http !== undefined ? { http } : {}), message, retryable: RETRYABLE.has(code) || (code === 'UNKNOWN' && /socket|network|ECONNRESET|timed? ?out/i.test(message)) };
}

export class GcpCallError extends Error {
  override name = 'GcpCallError';
  constructor(
    readonly operation: string,
    readonly info: GcpErrorInfo,
  ) {
    super(`${operation}: ${info.code}: ${info.message}`);
  }

  /** What a resource's gap says: `PERMISSION_DENIED: storage.buckets.getIamPolicy: ...`. */
  get gap(): string {
    return `${this.info.code}: ${this.operation}: ${this.info.message}`;
  }
}
