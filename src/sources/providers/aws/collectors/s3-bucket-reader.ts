/**
 * The per-bucket configuration reads of an S3 scan (GetBucketEncryption,
 * GetBucketAcl, ... : nine GETs per bucket, 99.9% of the calls of a large
 * account) on a lean path.
 *
 * Why: the full S3 client costs ~1.8 ms of CPU per call (middleware chain,
 * endpoint rules, schema serde, signing, checksums), so one Node thread tops
 * out near 500 calls/s and a 10,000-bucket scan is CPU-bound, not bound by
 * AWS's latency. This path costs ~0.3 ms: it resolves the bucket's endpoint
 * once per bucket with the S3 client's own endpoint rules, signs a bodiless
 * GET with SigV4 (signing key cached per day/region), sends it on a keep-alive
 * agent, and turns the XML into the same output shape the SDK command returns
 * (a test compares the two call for call against an emulator).
 *
 * What it keeps from the SDK: the S3 client's credential provider (so the
 * default chain, profiles, SSO and assumed roles all work), its endpoint rules,
 * its retry strategy object (the adaptive rate limiter and retry quota are
 * shared with the client) and its error classification (throttling,
 * transient, server errors). It only ever sends GET, for the operations in
 * BUCKET_OPS, and refuses anything else before a request is built.
 *
 * Anything unusual (an auth scheme other than SigV4, such as S3 Express or
 * multi-region access points) makes `target()` return undefined and the
 * caller uses the full SDK client for that bucket.
 */
import http from 'node:http';
import https from 'node:https';
import { createHash, createHmac } from 'node:crypto';
import { isThrottlingError, isTransientError, isServerError } from '@smithy/core/retry';
import type { S3Client } from '@aws-sdk/client-s3';
import type { AwsCredentialIdentity } from '@smithy/types';
import { isReadOperation, WriteRefused } from './guard.js';
import { checkAnswer } from '../../common/answers.js';
import { runSignal } from '../../common/deadline.js';

// ---------------------------------------------------------------------------
// Output shapes: a small schema per operation, mirroring the SDK's model.

type Leaf = 'S' | 'N' | 'B' | 'D';
interface Field {
  /** Output member name when it differs from the XML element name. */
  as?: string;
  spec: Spec;
  /** Repeated element (flattened list): always an array in the output. */
  list?: boolean;
  /** Wrapped list: the element holds repeated `<item>` children. */
  wrapped?: string;
}
type Spec = Leaf | { [xmlName: string]: Field };

const S: Field = { spec: 'S' };
const N: Field = { spec: 'N' };
const B: Field = { spec: 'B' };
const D: Field = { spec: 'D' };
const struct = (fields: Record<string, Field | Leaf>): Spec =>
  Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, typeof f === 'string' ? { spec: f } : f]));

const status = struct({ Status: S });
const tag = struct({ Key: S, Value: S });
const grantee = struct({ DisplayName: S, EmailAddress: S, ID: S, URI: S, '@_type': { as: 'Type', spec: 'S' } });
const grant = struct({ Grantee: { spec: grantee }, Permission: S });
const filterAnd = struct({ Prefix: S, Tag: { as: 'Tags', spec: tag, list: true }, ObjectSizeGreaterThan: N, ObjectSizeLessThan: N });
const lifecycleFilter = struct({ Prefix: S, Tag: { spec: tag }, ObjectSizeGreaterThan: N, ObjectSizeLessThan: N, And: { spec: filterAnd } });
const replicationNot = struct({
  Prefix: S,
  Tag: { spec: tag },
  Or: { spec: struct({ Prefix: { as: 'Prefixes', spec: 'S', list: true }, Tag: { as: 'Tags', spec: tag, list: true } }) },
});
const replicationFilter = struct({
  Prefix: S,
  Tag: { spec: tag },
  And: { spec: struct({ Prefix: S, Tag: { as: 'Tags', spec: tag, list: true }, Not: { spec: replicationNot } }) },
  Not: { spec: replicationNot },
});

const lifecycleRule = struct({
  Expiration: { spec: struct({ Date: D, Days: N, ExpiredObjectDeleteMarker: B }) },
  ID: S,
  Prefix: S,
  Filter: { spec: lifecycleFilter },
  Status: S,
  Transition: { as: 'Transitions', list: true, spec: struct({ Date: D, Days: N, StorageClass: S }) },
  NoncurrentVersionTransition: { as: 'NoncurrentVersionTransitions', list: true, spec: struct({ NoncurrentDays: N, StorageClass: S, NewerNoncurrentVersions: N }) },
  NoncurrentVersionExpiration: { spec: struct({ NoncurrentDays: N, NewerNoncurrentVersions: N }) },
  AbortIncompleteMultipartUpload: { spec: struct({ DaysAfterInitiation: N }) },
});

const replicationRule = struct({
  ID: S,
  Priority: N,
  Prefix: S,
  Filter: { spec: replicationFilter },
  Status: S,
  SourceSelectionCriteria: { spec: struct({ SseKmsEncryptedObjects: { spec: status }, ReplicaModifications: { spec: status } }) },
  ExistingObjectReplication: { spec: status },
  Destination: {
    spec: struct({
      Bucket: S,
      Account: S,
      StorageClass: S,
      AccessControlTranslation: { spec: struct({ Owner: S }) },
      EncryptionConfiguration: { spec: struct({ ReplicaKmsKeyID: S }) },
      ReplicationTime: { spec: struct({ Status: S, Time: { spec: struct({ Minutes: N }) } }) },
      Metrics: { spec: struct({ Status: S, EventThreshold: { spec: struct({ Minutes: N }) } }) },
    }),
  },
  DeleteMarkerReplication: { spec: status },
});

interface OpSpec {
  /** The query sub-resource that selects the operation. */
  sub: string;
  /** Root element of the response document as S3 names it (any single root element is accepted). */
  root: string;
  /** Output member holding the root (undefined: the root's members are the output). */
  wrap?: string;
  spec: Spec;
}

/** The reads this path makes: operation → sub-resource, root element, output shape. */
export const BUCKET_OPS = {
  GetBucketEncryption: {
    sub: 'encryption',
    root: 'ServerSideEncryptionConfiguration',
    wrap: 'ServerSideEncryptionConfiguration',
    spec: struct({
      Rule: { as: 'Rules', list: true, spec: struct({ ApplyServerSideEncryptionByDefault: { spec: struct({ SSEAlgorithm: S, KMSMasterKeyID: S }) }, BucketKeyEnabled: B }) },
    }),
  },
  GetPublicAccessBlock: {
    sub: 'publicAccessBlock',
    root: 'PublicAccessBlockConfiguration',
    wrap: 'PublicAccessBlockConfiguration',
    spec: struct({ BlockPublicAcls: B, IgnorePublicAcls: B, BlockPublicPolicy: B, RestrictPublicBuckets: B }),
  },
  GetBucketPolicy: { sub: 'policy', root: '', spec: 'S' },
  GetBucketAcl: {
    sub: 'acl',
    root: 'AccessControlPolicy',
    spec: struct({ Owner: { spec: struct({ DisplayName: S, ID: S }) }, AccessControlList: { as: 'Grants', wrapped: 'Grant', spec: grant } }),
  },
  GetBucketVersioning: { sub: 'versioning', root: 'VersioningConfiguration', spec: struct({ Status: S, MfaDelete: { as: 'MFADelete', spec: 'S' } }) },
  GetBucketLogging: {
    sub: 'logging',
    root: 'BucketLoggingStatus',
    spec: struct({
      LoggingEnabled: {
        spec: struct({
          TargetBucket: S,
          TargetPrefix: S,
          TargetGrants: { wrapped: 'Grant', spec: grant },
          TargetObjectKeyFormat: { spec: struct({ SimplePrefix: { spec: struct({}) }, PartitionedPrefix: { spec: struct({ PartitionDateSource: S }) } }) },
        }),
      },
    }),
  },
  GetBucketLifecycleConfiguration: { sub: 'lifecycle', root: 'LifecycleConfiguration', spec: struct({ Rule: { as: 'Rules', list: true, spec: lifecycleRule } }) },
  GetBucketReplication: {
    sub: 'replication',
    root: 'ReplicationConfiguration',
    wrap: 'ReplicationConfiguration',
    spec: struct({ Role: S, Rule: { as: 'Rules', list: true, spec: replicationRule } }),
  },
  GetBucketOwnershipControls: {
    sub: 'ownershipControls',
    root: 'OwnershipControls',
    wrap: 'OwnershipControls',
    spec: struct({ Rule: { as: 'Rules', list: true, spec: struct({ ObjectOwnership: S }) } }),
  },
} satisfies Record<string, OpSpec>;
export type BucketOp = keyof typeof BUCKET_OPS;

/**
 * A small XML reader for S3's configuration documents, ~10× cheaper per
 * document than a general parser. It yields the shape `shape()` reads:
 * element → its text (a leaf), or an object of children (a repeated child
 * becomes an array), attributes as `@_name` and namespace prefixes dropped.
 * Comments, the XML declaration and CDATA are understood; a DOCTYPE, an
 * unclosed or mismatched tag, or an unknown entity is an error (the call then
 * fails and its verdicts are `unknown`), never a guess.
 */
export function parseXml(xml: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  type Frame = { name: string; obj: Record<string, unknown> | undefined; text: string; attrs?: Record<string, string> };
  const stack: Frame[] = [{ name: '', obj: root, text: '' }];
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const top = stack[stack.length - 1]!;
    if (lt < 0) {
      if (xml.slice(i).trim()) throw new Error('text after the document element');
      break;
    }
    if (lt > i) top.text += decodeEntities(xml.slice(i, lt));
    if (xml.startsWith('<!--', lt)) {
      const e = xml.indexOf('-->', lt + 4);
      if (e < 0) throw new Error('unterminated comment');
      i = e + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const e = xml.indexOf(']]>', lt + 9);
      if (e < 0) throw new Error('unterminated CDATA section');
      top.text += xml.slice(lt + 9, e);
      i = e + 3;
    } else if (xml.startsWith('<?', lt)) {
      const e = xml.indexOf('?>', lt + 2);
      if (e < 0) throw new Error('unterminated processing instruction');
      i = e + 2;
    } else if (xml.startsWith('<!', lt)) {
      throw new Error('DOCTYPE and entity declarations are not accepted');
    } else if (xml[lt + 1] === '/') {
      const e = xml.indexOf('>', lt);
      if (e < 0) throw new Error('unterminated end tag');
      const name = localName(xml.slice(lt + 2, e).trim());
      if (stack.length < 2 || top.name !== name) throw new Error(`unexpected </${name}>`);
      stack.pop();
      close(top, stack[stack.length - 1]!);
      i = e + 1;
    } else {
      const e = xml.indexOf('>', lt);
      if (e < 0) throw new Error('unterminated start tag');
      const selfClosing = xml[e - 1] === '/';
      const inner = xml.slice(lt + 1, selfClosing ? e - 1 : e);
      const m = /^([A-Za-z_][\w.:-]*)/.exec(inner);
      if (!m) throw new Error('malformed start tag');
      const frame: Frame = { name: localName(m[1]!), obj: undefined, text: '' };
      const rest = inner.slice(m[1]!.length);
      if (rest.trim()) {
        frame.attrs = {};
        for (const a of rest.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
          const an = a[1]!;
          if (an === 'xmlns' || an.startsWith('xmlns:')) continue;
          frame.attrs[`@_${localName(an)}`] = decodeEntities(a[3] ?? a[4] ?? '');
        }
      }
      if (stack.length === 1 && Object.keys(root).length) throw new Error('more than one document element');
      if (selfClosing) close(frame, top);
      else stack.push(frame);
      i = e + 1;
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  return root;
}

function localName(qname: string): string {
  const c = qname.indexOf(':');
  return c < 0 ? qname : qname.slice(c + 1);
}

/** Attach a finished element to its parent: text for a leaf, its children otherwise. */
function close(f: { name: string; obj: Record<string, unknown> | undefined; text: string; attrs?: Record<string, string> }, parent: { obj: Record<string, unknown> | undefined }): void {
  let value: unknown;
  if (f.obj || f.attrs) {
    const o: Record<string, unknown> = { ...(f.attrs ?? {}), ...(f.obj ?? {}) };
    if (!f.obj && f.text.trim()) o['#text'] = f.text;
    value = o;
  } else value = f.text;
  const into = (parent.obj ??= {});
  const prev = into[f.name];
  if (prev === undefined) into[f.name] = value;
  else if (Array.isArray(prev)) prev.push(value);
  else into[f.name] = [prev, value];
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&/g, (all, ent: string | undefined) => {
    if (!ent) throw new Error('bare & in text');
    if (ent[0] === '#') {
      const code = ent[1] === 'x' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      if (!(code > 0 && code <= 0x10ffff)) throw new Error(`invalid character reference ${all}`);
      return String.fromCodePoint(code);
    }
    const v = XML_ENTITIES[ent];
    if (v === undefined) throw new Error(`unknown entity ${all}`);
    return v;
  });
}

function leaf(kind: Leaf, v: unknown): unknown {
  const text = typeof v === 'string' ? v : v && typeof v === 'object' && '#text' in v ? String((v as Record<string, unknown>)['#text']) : '';
  switch (kind) {
    case 'S':
      return text;
    case 'N': {
      const n = Number(text.trim());
      return text.trim() === '' || !Number.isFinite(n) ? undefined : n;
    }
    case 'B':
      return text.trim() === 'true' ? true : text.trim() === 'false' ? false : undefined;
    case 'D': {
      const d = new Date(text.trim());
      return Number.isNaN(d.getTime()) ? undefined : d;
    }
  }
}

/** One parsed XML value → the SDK's shape for `spec`. Unknown elements are dropped, as the SDK drops them. */
export function shape(spec: Spec, v: unknown): unknown {
  if (typeof spec === 'string') return leaf(spec, v);
  const out: Record<string, unknown> = {};
  if (!v || typeof v !== 'object') return out; // `<Filter></Filter>` is an empty structure
  const o = v as Record<string, unknown>;
  for (const [xmlName, f] of Object.entries(spec)) {
    const x = o[xmlName];
    if (x === undefined) continue;
    const name = f.as ?? xmlName;
    if (f.wrapped) {
      const items = x && typeof x === 'object' ? (x as Record<string, unknown>)[f.wrapped] : undefined;
      out[name] = items === undefined ? [] : (Array.isArray(items) ? items : [items]).map((i) => shape(f.spec, i));
    } else if (f.list) out[name] = (Array.isArray(x) ? x : [x]).map((i) => shape(f.spec, i));
    else {
      const one = shape(f.spec, Array.isArray(x) ? x[0] : x);
      if (one !== undefined) out[name] = one;
    }
  }
  return out;
}

/** A successful response body → the SDK command's output (without `$metadata`). */
export function parseBucketResponse(op: BucketOp, body: string, headers: http.IncomingHttpHeaders = {}): Record<string, unknown> {
  const o: OpSpec = BUCKET_OPS[op];
  if (op === 'GetBucketPolicy') return { Policy: body };
  const doc = parseXml(body);
  // Like the SDK, read the document element whatever its name (S3 says `VersioningConfiguration`,
  // some S3-compatible servers `GetBucketVersioningResponse`).
  const rootName = o.root in doc ? o.root : Object.keys(doc).find((k) => k !== '#text' && !k.startsWith('?'));
  const inner = shape(o.spec, rootName === undefined ? undefined : doc[rootName]) as Record<string, unknown>;
  const out = o.wrap ? { [o.wrap]: inner } : inner;
  const minSize = headers['x-amz-transition-default-minimum-object-size'];
  if (op === 'GetBucketLifecycleConfiguration' && typeof minSize === 'string') out.TransitionDefaultMinimumObjectSize = minSize;
  return out;
}

/**
 * An error without a captured stack trace: S3 answers "not configured" as an
 * error (NoSuchBucketPolicy...), so most buckets produce several of these and a
 * stack trace per answer is measurable CPU.
 */
function quickError(name: string, message: string): Error {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const e = new Error(message);
  Error.stackTraceLimit = limit;
  e.name = name;
  return e;
}

/** An S3 error response → an error shaped like the SDK's (name and Code = the S3 error code, `$metadata`). */
export function s3ResponseError(status: number, body: string, headers: http.IncomingHttpHeaders): Error {
  // `<Error><Code>…</Code><Message>…</Message><RequestId>…</RequestId>…</Error>`, read like any
  // answer; a body that is not that document leaves the HTTP status to speak.
  let fields: Record<string, unknown> = {};
  if (body.includes('<Error')) {
    try {
      const e = parseXml(body).Error;
      if (e && typeof e === 'object' && !Array.isArray(e)) fields = e as Record<string, unknown>;
    } catch {
      /* not XML */
    }
  }
  const text = (k: string) => (typeof fields[k] === 'string' && fields[k] ? (fields[k] as string) : undefined);
  const header = headers['x-amz-request-id'];
  const requestId = typeof header === 'string' ? header : text('RequestId');
  const code = text('Code') ?? (status === 404 ? 'NotFound' : status === 403 ? 'Forbidden' : status === 301 ? 'PermanentRedirect' : `HTTP${status}`);
  const err = quickError(code, text('Message') ?? `S3 answered HTTP ${status}`) as Error & { Code: string; $metadata: Record<string, unknown>; $fault: string };
  err.Code = code;
  err.$fault = status >= 500 ? 'server' : 'client';
  err.$metadata = { httpStatusCode: status, ...(requestId ? { requestId } : {}) };
  return err;
}

// ---------------------------------------------------------------------------
// SigV4 for a bodiless GET.

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** Signature Version 4 headers for a bodiless GET (S3: no path double-encoding, payload hash header signed). */
export class GetSigner {
  private key?: { scope: string; secret: string; key: Buffer };

  constructor(
    private readonly service: string,
    private readonly region: string,
  ) {}

  /** `path` is the encoded URI path, `query` the canonical query string (sorted, RFC 3986-encoded `k=v&...`). */
  sign(host: string, path: string, query: string, credentials: AwsCredentialIdentity, now = new Date()): Record<string, string> {
    const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const day = amzDate.slice(0, 8);
    const scope = `${day}/${this.region}/${this.service}/aws4_request`;
    if (!this.key || this.key.scope !== scope || this.key.secret !== credentials.secretAccessKey) {
      let k = createHmac('sha256', `AWS4${credentials.secretAccessKey}`).update(day).digest();
      for (const part of [this.region, this.service, 'aws4_request']) k = createHmac('sha256', k).update(part).digest();
      this.key = { scope, secret: credentials.secretAccessKey, key: k };
    }
    const token = credentials.sessionToken;
    // Header names in sorted order: host, x-amz-content-sha256, x-amz-date[, x-amz-security-token].
    const signed = token ? 'host;x-amz-content-sha256;x-amz-date;x-amz-security-token' : 'host;x-amz-content-sha256;x-amz-date';
    const canonical =
      `GET\n${path || '/'}\n${query}\nhost:${host}\nx-amz-content-sha256:${EMPTY_SHA256}\nx-amz-date:${amzDate}\n` +
      (token ? `x-amz-security-token:${token.trim()}\n` : '') +
      `\n${signed}\n${EMPTY_SHA256}`;
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
    const signature = createHmac('sha256', this.key.key).update(toSign).digest('hex');
    const headers: Record<string, string> = { host, 'x-amz-content-sha256': EMPTY_SHA256, 'x-amz-date': amzDate };
    if (token) headers['x-amz-security-token'] = token;
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signed}, Signature=${signature}`;
    return headers;
  }
}

/** A canonical SigV4 query string from key/value pairs. */
export function canonicalQuery(params: Iterable<readonly [string, string]>): string {
  return [...params]
    .map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function encodeRfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// ---------------------------------------------------------------------------
// The reader.

export interface BucketTarget {
  bucket: string;
  /** The bucket's URL from the S3 endpoint rules (virtual-hosted or path-style). */
  url: URL;
  signer: GetSigner;
  client: S3Client;
}

export interface ReaderSettings {
  /** Override endpoint for S3 (tests, emulators); path-style addressing then. */
  endpoint?: string;
  requestTimeoutMs: number;
  maxSockets: number;
  /** The S3 service limiter: every call (with its retries) holds one slot. */
  limit: <T>(task: () => Promise<T>) => Promise<T>;
  onThrottle?: () => void;
  userAgent: string;
}

interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
}
interface RetryStrategy {
  acquireInitialRetryToken(scope: string): Promise<RetryToken>;
  refreshRetryTokenForRetry(token: RetryToken, info: { errorType: string; error?: unknown }): Promise<RetryToken>;
  recordSuccess(token: RetryToken): void;
}
interface S3Config {
  credentials: () => Promise<AwsCredentialIdentity>;
  endpointProvider: (params: Record<string, unknown>, ctx: Record<string, unknown>) => { url: URL; properties?: { authSchemes?: { name?: string; signingName?: string; signingRegion?: string }[] } };
  useFipsEndpoint: () => Promise<boolean>;
  useDualstackEndpoint: () => Promise<boolean>;
  retryStrategy: () => Promise<RetryStrategy>;
}

const MAX_BODY = 16 * 1024 * 1024;

export class S3BucketReader {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly signers = new Map<string, GetSigner>();
  /** Each client's FIPS / dual-stack settings, read once (they are per client, not per bucket). */
  private readonly variants = new WeakMap<S3Client, Promise<{ UseFIPS: boolean; UseDualStack: boolean }>>();

  constructor(private readonly settings: ReaderSettings) {
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: settings.maxSockets });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: settings.maxSockets });
  }

  /**
   * Where one bucket's reads go, from the S3 client's endpoint rules for its
   * region; undefined when the rules ask for anything but plain SigV4.
   */
  async target(client: S3Client, bucket: string, region: string): Promise<BucketTarget | undefined> {
    try {
      return await this.resolve(client, bucket, region);
    } catch {
      return undefined; // whatever the rules object to, the full client will report it for this bucket
    }
  }

  private async resolve(client: S3Client, bucket: string, region: string): Promise<BucketTarget | undefined> {
    const config = client.config as unknown as S3Config;
    let variant = this.variants.get(client);
    if (!variant) {
      variant = Promise.all([config.useFipsEndpoint(), config.useDualstackEndpoint()]).then(([UseFIPS, UseDualStack]) => ({ UseFIPS, UseDualStack }));
      this.variants.set(client, variant);
    }
    const endpoint = config.endpointProvider(
      {
        Bucket: bucket,
        Region: region,
        ...(await variant),
        Accelerate: false,
        ForcePathStyle: this.settings.endpoint !== undefined,
        ...(this.settings.endpoint ? { Endpoint: this.settings.endpoint } : {}),
      },
      {},
    );
    const auth = endpoint.properties?.authSchemes?.[0];
    if (auth && auth.name !== 'sigv4') return undefined;
    const signingRegion = auth?.signingRegion ?? region;
    const signingName = auth?.signingName ?? 's3';
    const key = `${signingName}|${signingRegion}`;
    let signer = this.signers.get(key);
    if (!signer) this.signers.set(key, (signer = new GetSigner(signingName, signingRegion)));
    return { bucket, url: new URL(endpoint.url), signer, client };
  }

  /** One read, with the client's retry strategy; resolves to the SDK-shaped output with `$metadata`. */
  read(t: BucketTarget, op: BucketOp): Promise<Record<string, unknown>> {
    if (!isReadOperation(op) || !(op in BUCKET_OPS)) return Promise.reject(new WriteRefused(op));
    return this.settings.limit(() => this.withRetries(t, op));
  }

  private async withRetries(t: BucketTarget, op: BucketOp): Promise<Record<string, unknown>> {
    const config = t.client.config as unknown as S3Config;
    const strategy = await config.retryStrategy();
    let token = await strategy.acquireInitialRetryToken(`s3:${op}`);
    let attempts = 0;
    for (;;) {
      attempts++;
      try {
        const out = await this.once(t, op, await config.credentials());
        strategy.recordSuccess(token);
        (out.$metadata as Record<string, unknown>).attempts = attempts;
        return out;
      } catch (e) {
        const err = e as Error & { $metadata?: Record<string, unknown> };
        const errorType = isThrottlingError(err as never) ? 'THROTTLING' : isTransientError(err as never) ? 'TRANSIENT' : isServerError(err as never) ? 'SERVER_ERROR' : 'CLIENT_ERROR';
        if (errorType === 'THROTTLING') this.settings.onThrottle?.();
        // A client error (NoSuchBucketPolicy, AccessDenied...) is an answer: the strategy would refuse to retry it.
        if (errorType === 'CLIENT_ERROR') {
          err.$metadata = { ...(err.$metadata ?? {}), attempts };
          throw err;
        }
        try {
          token = await strategy.refreshRetryTokenForRetry(token, { errorType, error: err });
        } catch {
          err.$metadata = { ...(err.$metadata ?? {}), attempts };
          throw err;
        }
        const delay = token.getRetryDelay();
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private once(t: BucketTarget, op: BucketOp, credentials: AwsCredentialIdentity): Promise<Record<string, unknown>> {
    const { url } = t;
    const sub = BUCKET_OPS[op].sub;
    const headers = t.signer.sign(url.host, url.pathname, canonicalQuery([[sub, '']]), credentials);
    headers['user-agent'] = this.settings.userAgent;
    const secure = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(
        { method: 'GET', host: url.hostname, port: url.port || undefined, path: `${url.pathname}?${sub}`, headers, agent: secure ? this.httpsAgent : this.httpAgent },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_BODY) req.destroy(quickError('ResponseTooLarge', `${op}: response larger than ${MAX_BODY} bytes`));
            else chunks.push(c);
          });
          res.on('error', reject);
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            const requestId = typeof res.headers['x-amz-request-id'] === 'string' ? res.headers['x-amz-request-id'] : undefined;
            if (status < 200 || status >= 300) return reject(s3ResponseError(status, body, res.headers));
            // The shared answer policy: an empty, HTML, foreign or cut-short 2xx body is a failed
            // read (unknown), never "not configured".
            try {
              checkAnswer({ status, method: 'GET', contentType: String(res.headers['content-type'] ?? ''), body, expect: op === 'GetBucketPolicy' ? 'json' : 'xml', what: `s3:${op}` });
            } catch (e) {
              return reject(e);
            }
            try {
              const out = parseBucketResponse(op, body, res.headers);
              out.$metadata = { httpStatusCode: status, ...(requestId ? { requestId } : {}) };
              resolve(out);
            } catch (e) {
              reject(quickError('InvalidResponse', `${op}: response is not valid XML (${(e as Error).message.split('\n')[0]})`));
            }
          });
        },
      );
      req.setTimeout(this.settings.requestTimeoutMs, () =>
        req.destroy(Object.assign(quickError('TimeoutError', `${op}: no response within ${this.settings.requestTimeoutMs} ms`), { code: 'ETIMEDOUT' })),
      );
      // The request timeout covers the whole answer, not only each pause in it: a trickle ends too.
      const whole = setTimeout(
        () => req.destroy(Object.assign(quickError('TimeoutError', `${op}: answer not complete within ${this.settings.requestTimeoutMs} ms`), { code: 'ETIMEDOUT' })),
        this.settings.requestTimeoutMs,
      );
      whole.unref?.();
      const run = runSignal();
      const onRunEnd = () => req.destroy(quickError('DeadlineExceeded', `${op}: the run's --deadline passed`));
      if (run?.aborted) onRunEnd();
      else run?.addEventListener('abort', onRunEnd, { once: true });
      req.on('close', () => {
        clearTimeout(whole);
        run?.removeEventListener('abort', onRunEnd);
      });
      req.on('error', (e: Error & { code?: string }) => {
        // Node's network errors keep their code (ECONNRESET...) for the SDK's transient-error check.
        if (e.name === 'Error' && e.code) e.name = e.code;
        reject(e);
      });
      req.end();
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
