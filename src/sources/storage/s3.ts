/**
 * Reading evidence files from an S3 prefix (for `vouch merge s3://...`):
 * ListObjectsV2 and GetObject of `*evidence.json` keys only, with the SDK's
 * default credential chain and its standard endpoint overrides
 * (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_S3, or `--endpoint s3=URL`).
 *
 * Guarded and bounded like the scan's clients: an allow-list middleware
 * refuses every other operation (and a GetObject of any other key) before the
 * request is signed or sent; requests go through the bounded handler
 * (common/aws-http.ts: whole-answer timeout, listing answers must parse, the
 * size bound); the whole read has its own deadline.
 */
import { InputError } from '../../util/errors.js';
import { BoundedHttpHandler } from '../providers/common/aws-http.js';
import { WriteRefused } from '../providers/aws/collectors/guard.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_TOTAL_TIMEOUT_MS, EVIDENCE_KEY, MAX_EVIDENCE_OBJECTS, MAX_EVIDENCE_OBJECT_BYTES, storageMessage, type StorageReadOptions } from './bounds.js';

export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!m || !m[1]) throw new InputError(`${url}: expected s3://bucket/prefix`);
  return { bucket: m[1], prefix: m[2] ?? '' };
}

/** The only calls `merge s3://` makes. */
const MERGE_READS = new Set(['ListObjectsV2', 'GetObject']);

export async function readS3Evidence(url: string, o: StorageReadOptions = {}): Promise<{ key: string; text: string }[]> {
  const { bucket, prefix } = parseS3Url(url);
  const { S3Client, paginateListObjectsV2, GetObjectCommand } = await import('@aws-sdk/client-s3');
  const endpoint = o.endpoint ?? o.env?.AWS_ENDPOINT_URL_S3 ?? o.env?.AWS_ENDPOINT_URL;
  const client = new S3Client({
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    maxAttempts: 3,
    requestHandler: new BoundedHttpHandler({
      timeoutMs: o.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      maxBodyBytes: o.maxObjectBytes ?? MAX_EVIDENCE_OBJECT_BYTES,
      // GetObject answers are evidence files, not API answers: bounded, parsed by merge.
      streaming: (req) => req.method === 'GET' && !('list-type' in (req.query ?? {})),
    }),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String((context as { commandName?: string }).commandName ?? '').replace(/Command$/, '');
      if (!MERGE_READS.has(name)) throw new WriteRefused(name || '(unnamed operation)');
      const key = (args.input as { Key?: string }).Key;
      if (name === 'GetObject' && !(typeof key === 'string' && EVIDENCE_KEY.test(key))) throw new WriteRefused(`GetObject of '${String(key).slice(0, 80)}' (only *evidence.json objects are read)`);
      return next(args);
    },
    { step: 'initialize', priority: 'high', name: 'vouchMergeReadOnly' },
  );
  const deadline = AbortSignal.timeout(o.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS);
  const keys: string[] = [];
  try {
    for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: prefix }, { abortSignal: deadline } as never)) {
      if (!page || !('KeyCount' in page || 'Contents' in page || 'IsTruncated' in page)) throw new InputError(`${url}: the listing answer has none of Contents/KeyCount/IsTruncated: not a listing`);
      for (const obj of page.Contents ?? []) if (obj.Key && EVIDENCE_KEY.test(obj.Key)) keys.push(obj.Key);
      if (keys.length > MAX_EVIDENCE_OBJECTS) throw new InputError(`${url}: more than ${MAX_EVIDENCE_OBJECTS} evidence objects under this prefix`);
    }
    const out: { key: string; text: string }[] = [];
    for (const key of keys.sort()) {
      const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: deadline } as never);
      out.push({ key: `s3://${bucket}/${key}`, text: (await res.Body?.transformToString('utf8')) ?? '' });
    }
    if (out.length === 0) throw new InputError(`${url}: no evidence.json objects under this prefix`);
    return out;
  } catch (e) {
    if (e instanceof InputError) throw e;
    if (deadline.aborted) throw new InputError(`${url}: not read within ${Math.round((o.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS) / 1000)} s`);
    throw new InputError(`${url}: ${storageMessage(e)}`);
  } finally {
    client.destroy();
  }
}
