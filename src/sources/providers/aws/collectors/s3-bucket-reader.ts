/**
 * The per-bucket configuration reads of an S3 scan (GetBucketEncryption,
 * GetBucketAcl, ... : nine GETs per bucket, 99.9% of the calls of a large
 * account) on a lean path.
 *
 * Why: the full S3 client costs ~1.8 ms of CPU per call (middleware chain,
 * endpoint rules, schema serde, signing, checksums), so one Node thread tops
 * out near 500 calls/s and a 10,000-bucket scan is CPU-bound, not bound by
 * AWS's latency. This path costs a fraction of that: it resolves the bucket's
 * endpoint once per bucket with the S3 client's own endpoint rules, signs a
 * bodiless GET with `@smithy/signature-v4`, sends it on a keep-alive agent,
 * parses the XML with `fast-xml-parser` and maps it to the same output shape
 * the SDK command returns (a test compares the two call for call against an
 * emulator). No signing or XML parsing is written here. Their cost, measured
 * in a loop (Dec 2026): signing ~25 µs, parsing a document ~25 µs (validator
 * included), an error body ~20 µs; 3–6× the hand-written code they
 * replaced, still far below the full client's ~1.8 ms.
 *
 * What it keeps from the SDK: the S3 client's credential provider (so the
 * default chain, profiles, SSO and assumed roles all work) and hash, its
 * endpoint rules, its retry strategy object (the adaptive rate limiter and
 * retry quota are shared with the client) and its error classification
 * (throttling, transient, server errors). It only ever sends GET, for the
 * operations in BUCKET_OPS, and refuses anything else before a request is built.
 *
 * Anything unusual (an auth scheme other than SigV4, such as S3 Express or
 * multi-region access points) makes `target()` return undefined and the
 * caller uses the full SDK client for that bucket.
 */
import http from 'node:http';
import https from 'node:https';
import { SignatureV4 } from '@smithy/signature-v4';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isThrottlingError, isTransientError, isServerError } from '@smithy/core/retry';
import type { S3Client } from '@aws-sdk/client-s3';
import type { AwsCredentialIdentity, ChecksumConstructor, HashConstructor } from '@smithy/types';
import { isReadOperation, WriteRefused } from './guard.js';
import { checkAnswer } from '../../common/answers.js';
import { checkRunDeadline, DeadlineExceeded, runSignal } from '../../common/deadline.js';

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
 * fast-xml-parser, set up to yield the shape `shape()` reads: element → its
 * text (a leaf) or an object of children (a repeated child becomes an array),
 * attributes as `@_name`, namespace prefixes and `xmlns` dropped, text kept as
 * sent (no trimming, no number parsing: `leaf()` converts by the schema, as
 * the SDK does). Lists are not configured here (`isArray`): the same element
 * name is a list in one place and a single member in another (`Tag` under
 * `And` vs under `Filter`), so `shape()` makes the list from the operation's
 * schema, which turns a lone `<Rule>` into a one-element `Rules` too.
 * `maxNestedTags` bounds depth (S3's documents nest < 10 deep); the parser
 * refuses `__proto__`-style names. `checkXml` admits no DOCTYPE and no named
 * entity but XML's five, so nothing is ever expanded.
 */
const XML_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  maxNestedTags: 64,
  // No callbacks read element paths: do not build them (~3 µs per document).
  jPath: false,
} as const;
const xmlParser = new XMLParser({ ...XML_OPTIONS, htmlEntities: false });
/**
 * For the rare document with character references (`&#13;`), which the library
 * decodes only with `htmlEntities` (that also admits HTML's named entities,
 * which `checkXml` has refused by then). Not the default: that option rebuilds
 * an HTML entity table on every parse, ~40 µs per document.
 */
const xmlParserWithCharRefs = new XMLParser({ ...XML_OPTIONS, htmlEntities: true });

/**
 * One S3 XML document → plain objects (see `xmlParser`). A DOCTYPE, an entity
 * other than XML's own, or a document that is not well-formed (the parser alone
 * is lenient about mismatched tags, so the validator checks first) is an error:
 * the call then fails and its verdicts are `unknown`, never a guess.
 */
export function parseXml(xml: string): Record<string, unknown> {
  const charRefs = checkXml(xml);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  return (charRefs ? xmlParserWithCharRefs : xmlParser).parse(xml) as Record<string, unknown>;
}

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/y;
/**
 * Refuses declarations (`<!DOCTYPE`, `<!ENTITY`) and every `&` that is not one
 * of XML's five entities or a valid character reference; true when the
 * document has character references.
 */
function checkXml(xml: string): boolean {
  if (/<!(?!--|\[CDATA\[)/.test(xml)) throw new Error('DOCTYPE and entity declarations are not accepted');
  let charRefs = false;
  for (let i = xml.indexOf('&'); i >= 0; i = xml.indexOf('&', i + 1)) {
    ENTITY.lastIndex = i;
    const m = ENTITY.exec(xml);
    if (!m) throw new Error(`unknown entity or bare & at offset ${i}`);
    if (m[1] !== undefined) continue;
    const code = m[2] !== undefined ? parseInt(m[2], 10) : parseInt(m[3]!, 16);
    if (!(code > 0 && code <= 0x10ffff)) throw new Error(`invalid character reference ${m[0]}`);
    charRefs = true;
  }
  return charRefs;
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

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Where and as whom one bucket's reads are signed. */
export interface Signing {
  signer: SignatureV4;
  /** From the endpoint rules' auth scheme (usually the bucket's region and `s3`). */
  region: string;
  service: string;
}

/**
 * The headers of one signed, bodiless `GET url?sub`: host, x-amz-date,
 * x-amz-content-sha256 (the empty payload's hash, signed, as S3 requires),
 * x-amz-security-token with session credentials, and authorization.
 * `@smithy/signature-v4` does the signing (S3 style: no double-encoding of
 * the path) and caches the derived key per day, region and credentials.
 */
export async function signGet(s: Signing, url: URL, sub: string, signingDate = new Date()): Promise<Record<string, string>> {
  const signed = await s.signer.sign(
    {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname || '/',
      query: { [sub]: '' },
      headers: { host: url.host, 'x-amz-content-sha256': EMPTY_SHA256 },
    },
    { signingDate, signingRegion: s.region, signingService: s.service },
  );
  return signed.headers;
}

// ---------------------------------------------------------------------------
// The reader.

export interface BucketTarget {
  bucket: string;
  /** The bucket's URL from the S3 endpoint rules (virtual-hosted or path-style). */
  url: URL;
  signing: Signing;
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
  sha256: ChecksumConstructor | HashConstructor;
  endpointProvider: (params: Record<string, unknown>, ctx: Record<string, unknown>) => { url: URL; properties?: { authSchemes?: { name?: string; signingName?: string; signingRegion?: string }[] } };
  useFipsEndpoint: () => Promise<boolean>;
  useDualstackEndpoint: () => Promise<boolean>;
  retryStrategy: () => Promise<RetryStrategy>;
}

const MAX_BODY = 16 * 1024 * 1024;

export class S3BucketReader {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  /** One signer per client: its credential provider and hash; the signing key cache is the library's. */
  private readonly signers = new WeakMap<S3Client, SignatureV4>();
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
    let signer = this.signers.get(client);
    if (!signer) {
      signer = new SignatureV4({ credentials: config.credentials, region, service: 's3', sha256: config.sha256, uriEscapePath: false, applyChecksum: true });
      this.signers.set(client, signer);
    }
    return { bucket, url: new URL(endpoint.url), signing: { signer, region: auth?.signingRegion ?? region, service: auth?.signingName ?? 's3' }, client };
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
        const out = await this.once(t, op);
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

  private async once(t: BucketTarget, op: BucketOp): Promise<Record<string, unknown>> {
    const { url } = t;
    const sub = BUCKET_OPS[op].sub;
    checkRunDeadline(); // a stopped run sends nothing more
    const headers = await signGet(t.signing, url, sub);
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
      // The run's own reason (DEADLINE_EXCEEDED or INTERRUPTED), as every other transport reports it.
      const run = runSignal();
      const onRunEnd = () => req.destroy(run?.reason instanceof Error ? run.reason : new DeadlineExceeded(`${op}: the run's --deadline passed`));
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
