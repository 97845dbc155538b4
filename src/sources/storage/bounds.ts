/**
 * The bounds every `vouch merge s3://… gs://…` read works within, the same
 * for both clouds: one deadline per request (connection to the last byte),
 * one for the whole listing and download, a size bound per evidence object,
 * and a bound on how many objects a prefix may hold.
 */
import { withoutUserInfo } from '../providers/common/answers.js';

/** The largest evidence object read (the same bound as a local evidence file). */
export const MAX_EVIDENCE_OBJECT_BYTES = 512 * 1024 * 1024;
/** Most evidence objects under one prefix (a shard each). */
export const MAX_EVIDENCE_OBJECTS = 10_000;

export interface StorageReadOptions {
  /** One request, connection to the last byte (default 60 s). */
  requestTimeoutMs?: number;
  /** The whole read of one prefix (default 15 min). */
  totalTimeoutMs?: number;
  /** Per-object size bound (default MAX_EVIDENCE_OBJECT_BYTES). */
  maxObjectBytes?: number;
  /** `--endpoint s3=URL` / `storage=URL`. */
  endpoint?: string;
  /** The caller's environment (providers/common/env.ts): AWS endpoint variables, GCP proxy settings. Default: none. */
  env?: Readonly<Record<string, string | undefined>>;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
export const DEFAULT_TOTAL_TIMEOUT_MS = 15 * 60_000;

/** Evidence object names: `evidence.json` and `*.evidence.json`. */
export const EVIDENCE_KEY = /(^|\/)([^/]*\.)?evidence\.json$/;

/** An error message fit for one line of output: first line, no credentials in URLs, bounded. */
export function storageMessage(e: unknown): string {
  const err = e as { name?: string; code?: string; message?: string };
  const name = err?.name && err.name !== 'Error' ? err.name : typeof err?.code === 'string' ? err.code : 'Error';
  const msg = withoutUserInfo(String(err?.message ?? e).split('\n')[0]!).replace(/(Signature|Credential|X-Amz-Security-Token)=[^\s&,]+/gi, '$1=<redacted>');
  return `${name}: ${msg}`.slice(0, 300);
}
