/**
 * AWS client construction for a scan: every client is read-only guarded,
 * uses the SDK's adaptive retry, honours endpoint overrides (the SDK's own
 * AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> variables and `--endpoint
 * NAME=URL`), counts throttled attempts, and sends through a per-service
 * limiter so no service has more than `concurrency` calls in flight.
 */
import type { SourceEnv } from '../../common/env.js';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { guardReadOnly } from './guard.js';
import { aws, type AwsEndpointName } from '../index.js';
import { limiter } from '../../common/limit.js';
import { BoundedHttpHandler } from '../../common/aws-http.js';
import { S3BucketReader } from './s3-bucket-reader.js';
import { VERSION } from '../../../../util/version.js';

/**
 * `--endpoint` name → the SDK's service id as used in AWS_ENDPOINT_URL_<ID>,
 * from the provider declaration (src/sources/providers/aws): every client a declared
 * service uses, and the scan's own (STS, Organizations).
 */
export const SERVICE_ENV_IDS = Object.fromEntries(
  [aws.base, ...aws.services].flatMap((d) => Object.entries(d.endpoints)),
) as Readonly<Record<AwsEndpointName, string>>;
export type ServiceName = AwsEndpointName;

export interface ClientSettings {
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  profile?: string;
  /** `--endpoint` overrides: service short name (or `default`) → URL. */
  endpoints: Record<string, string>;
  concurrency: number;
  maxAttempts: number;
  requestTimeoutMs: number;
  /** Called for every attempt that came back throttled. */
  onThrottle?: () => void;
  onRetry?: () => void;
  /** The caller's environment (common/env.ts): endpoint overrides. Default: none. */
  env?: SourceEnv;
}

const THROTTLE_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'RequestThrottled',
  'BandwidthLimitExceeded',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
]);

export function isThrottle(e: unknown): boolean {
  const err = e as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  return THROTTLE_CODES.has(err?.name ?? '') || THROTTLE_CODES.has(err?.Code ?? '') || err?.$metadata?.httpStatusCode === 429;
}

/** The endpoint a service is routed to, if overridden: flag first, then the SDK's variables in the caller's environment (common/env.ts). */
export function endpointFor(service: ServiceName, endpoints: Record<string, string>, env: SourceEnv): string | undefined {
  return (
    endpoints[service] ??
    endpoints.default ??
    env[`AWS_ENDPOINT_URL_${SERVICE_ENV_IDS[service]}`] ??
    env.AWS_ENDPOINT_URL ??
    undefined
  );
}

/** `--endpoint NAME=URL` list → map, validating names and URLs. */
export function parseEndpoints(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    const name = eq > 0 ? item.slice(0, eq).trim().toLowerCase() : '';
    const url = eq > 0 ? item.slice(eq + 1).trim() : '';
    if (!name || !url) throw new Error(`--endpoint: expected NAME=URL, got '${item}'`);
    if (name !== 'default' && !(name in SERVICE_ENV_IDS))
      throw new Error(`--endpoint: unknown AWS service '${name}' (known: default, ${Object.keys(SERVICE_ENV_IDS).join(', ')})`);
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
    } catch {
      throw new Error(`--endpoint ${name}: '${url}' is not an http(s) URL`);
    }
    out[name] = url;
  }
  return out;
}

type ClientCtor<C> = new (config: Record<string, unknown>) => C;

/** Builds and caches guarded clients per (service, region) for one set of credentials. */
export class ClientFactory {
  private readonly cache = new Map<string, unknown>();
  private readonly limits = new Map<string, ReturnType<typeof limiter>>();
  private readonly handler: BoundedHttpHandler;
  private reader?: S3BucketReader;

  constructor(readonly settings: ClientSettings) {
    // Bounded: the timeout covers the whole answer, the run's --deadline applies, answers must parse (common/aws-http.ts).
    this.handler = new BoundedHttpHandler({
      timeoutMs: settings.requestTimeoutMs,
      node: {
        httpAgent: { keepAlive: true, maxSockets: Math.max(16, settings.concurrency * 2) },
        httpsAgent: { keepAlive: true, maxSockets: Math.max(16, settings.concurrency * 2) },
      },
    });
  }

  /** A factory for other credentials (an assumed role) sharing endpoints, limits and the HTTP pool. */
  withCredentials(credentials: ClientSettings['credentials']): ClientFactory {
    const f = new ClientFactory({ ...this.settings, credentials, profile: undefined });
    return f;
  }

  /** The lean path for per-bucket S3 reads (see s3-bucket-reader.ts), sharing the S3 limiter. */
  s3Reader(): S3BucketReader {
    const s = this.settings;
    return (this.reader ??= new S3BucketReader({
      endpoint: endpointFor('s3', s.endpoints, s.env ?? {}),
      requestTimeoutMs: s.requestTimeoutMs,
      maxSockets: Math.max(16, s.concurrency * 2),
      limit: this.limit('s3'),
      onThrottle: s.onThrottle,
      userAgent: `vouch/${VERSION}`,
    }));
  }

  limit(service: ServiceName) {
    let l = this.limits.get(service);
    if (!l) this.limits.set(service, (l = limiter(this.settings.concurrency)));
    return l;
  }

  get<C extends { send: (...a: never[]) => unknown; middlewareStack: unknown }>(service: ServiceName, region: string, Ctor: ClientCtor<C>): C {
    const key = `${service}|${region}`;
    const hit = this.cache.get(key);
    if (hit) return hit as C;
    const s = this.settings;
    const endpoint = endpointFor(service, s.endpoints, s.env ?? {});
    const config: Record<string, unknown> = {
      region,
      retryMode: 'adaptive',
      maxAttempts: s.maxAttempts,
      requestHandler: this.handler,
      ...(s.credentials ? { credentials: s.credentials } : {}),
      ...(s.profile ? { profile: s.profile } : {}),
      ...(endpoint ? { endpoint } : {}),
    };
    if (endpoint && service === 's3') config.forcePathStyle = true;
    // vouch only reads bucket settings: no payload or response checksums are needed beyond what S3 requires.
    if (service === 's3') Object.assign(config, { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
    // S3 Control's endpoint rules put the account id in the host name; an emulator or proxy has no such host.
    if (endpoint && service === 's3control') config.endpointProvider = () => ({ url: new URL(endpoint) });
    const client = new Ctor(config);
    guardReadOnly(client as never, service);
    const stack = client.middlewareStack as { add: (mw: unknown, opts: unknown) => void };
    stack.add(
      (next: (a: unknown) => Promise<unknown>) => async (args: unknown) => {
        try {
          return await next(args);
        } catch (e) {
          if (isThrottle(e)) s.onThrottle?.();
          throw e;
        }
      },
      { step: 'deserialize', priority: 'high', name: 'vouchThrottleCounter' },
    );
    const limit = this.limit(service);
    const send = client.send.bind(client) as (...a: unknown[]) => Promise<unknown>;
    // Promise.resolve().then: a middleware that throws synchronously must still release the limiter slot.
    (client as { send: unknown }).send = (...a: unknown[]) => limit(() => Promise.resolve().then(() => send(...a)));
    this.cache.set(key, client);
    return client;
  }
}
