/**
 * Spaces buckets through the S3-compatible API (`@aws-sdk/client-s3` with the
 * Spaces endpoint and a Spaces access key, which is not the API token).
 * Without a key nothing can be listed: one placeholder resource carries the
 * gap, so the Spaces checks answer `unknown` instead of silently passing.
 */
import type { Resource } from '../../../../model/resource.js';
import { mapLimit } from '../../common/limit.js';
import { addGap, liveResource, sanitize, type DoContext } from './context.js';
import { T } from './compute.js';

/** Regions that host Spaces (DigitalOcean docs, "Spaces availability"). */
export const SPACES_REGIONS = ['nyc3', 'sfo2', 'sfo3', 'ams3', 'fra1', 'sgp1', 'syd1', 'blr1', 'lon1', 'tor1', 'atl1'];

export interface SpacesOptions {
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `--endpoint spaces=URL`: one S3-compatible endpoint instead of the regional ones. */
  endpoint?: string;
  /** `--spaces-regions`: the regions to list (default: every region known to host Spaces). */
  regions?: string[];
  timeoutMs: number;
}

/** The only S3 commands this collector sends: reading an object (GetObject) or anything else is refused. */
const READ_COMMANDS = new Set(['ListBucketsCommand', 'GetBucketLocationCommand', 'GetBucketAclCommand', 'GetBucketPolicyCommand']);

type S3Module = typeof import('@aws-sdk/client-s3');
type HandlerCtor = typeof import('../../common/aws-http.js').BoundedHttpHandler;

/**
 * An S3 client for one Spaces endpoint that refuses, before signing or
 * sending, every command but the four bucket-setting reads it needs.
 */
export function spacesClient(
  s3: S3Module,
  Handler: HandlerCtor,
  o: { url: string; accessKeyId: string; secretAccessKey: string; pathStyle: boolean; timeoutMs: number },
): InstanceType<S3Module['S3Client']> {
  const client = new s3.S3Client({
    endpoint: o.url,
    region: 'us-east-1',
    forcePathStyle: o.pathStyle,
    credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey },
    maxAttempts: 3,
    // Bounded like every AWS SDK client of vouch: whole-answer timeout, size bound, answers must parse, the run's --deadline.
    requestHandler: new Handler({ timeoutMs: o.timeoutMs }),
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String((context as { commandName?: string }).commandName ?? '');
      if (!READ_COMMANDS.has(name)) throw new Error(`vouch is read-only: refusing ${name || 'an unnamed S3 command'}`);
      return next(args);
    },
    { step: 'initialize', name: 'vouchReadOnly' },
  );
  return client;
}

export async function collectSpaces(ctx: DoContext, o: SpacesOptions): Promise<Resource[]> {
  if (!o.accessKeyId || !o.secretAccessKey) {
    const why = 'no Spaces key: set SPACES_ACCESS_KEY_ID and SPACES_SECRET_ACCESS_KEY (a Spaces key with read access) to check Spaces buckets';
    ctx.recorder.skipped('digitalocean.spaces-bucket', why);
    const r = liveResource(ctx, { type: T.bucket, id: 'do:spaces:(not listed)', name: 'Spaces buckets (not listed)', properties: {}, operation: 'spaces.list_buckets' });
    r.gaps = { '*': why };
    return [r];
  }
  const s3 = await import('@aws-sdk/client-s3');
  const { BoundedHttpHandler } = await import('../../common/aws-http.js');
  const endpoints: { region: string | undefined; url: string }[] = o.endpoint
    ? [{ region: undefined, url: o.endpoint }]
    : (o.regions?.length ? o.regions : SPACES_REGIONS).map((r) => ({ region: r, url: `https://${r}.digitaloceanspaces.com` }));

  const clients: InstanceType<typeof s3.S3Client>[] = [];
  const makeClient = (url: string) => {
    const c = spacesClient(s3, BoundedHttpHandler, { url, accessKeyId: o.accessKeyId!, secretAccessKey: o.secretAccessKey!, pathStyle: Boolean(o.endpoint), timeoutMs: o.timeoutMs });
    clients.push(c);
    return c;
  };

  const fail = (op: string, e: unknown, region?: string) => {
    const err = e as { name?: string; message?: string; code?: string };
    // A connection that never happened says so (ENOTFOUND, ECONNREFUSED) rather than the generic `Error`.
    const code = err?.name && err.name !== 'Error' ? err.name : typeof err?.code === 'string' && /^E[A-Z_]+$/.test(err.code) ? err.code : (err?.name ?? 'Error');
    const msg = ctx.client.scrub(String(err?.message ?? e)).split('\n')[0]!;
    ctx.recorder.fail(op, code, msg, { account: ctx.account, ...(region ? { region } : {}) });
    return `${code}: ${msg}`;
  };

  const found = new Map<string, { name: string; region?: string; client: InstanceType<typeof s3.S3Client> }>();
  const listFailures: string[] = [];
  await mapLimit(endpoints, ctx.concurrency, async (ep) => {
    const client = makeClient(ep.url);
    ctx.recorder.call('spaces.list_buckets');
    try {
      const res = await client.send(new s3.ListBucketsCommand({}));
      for (const b of res.Buckets ?? []) if (b.Name && !found.has(b.Name)) found.set(b.Name, { name: b.Name, region: ep.region, client });
    } catch (e) {
      // Every listed region hosts Spaces: an endpoint that does not resolve (no DNS, a
      // resolver that blocks it) is a failed call, never "no Spaces in this region".
      listFailures.push(`${ep.region ?? ep.url}: ${fail('spaces.list_buckets', e, ep.region)}`);
    }
  });

  const out: Resource[] = [];
  if (listFailures.length) {
    const r = liveResource(ctx, { type: T.bucket, id: 'do:spaces:(not listed)', name: 'Spaces buckets (listing failed)', properties: {}, operation: 'spaces.list_buckets' });
    r.gaps = { '*': `Spaces buckets could not be listed: ${listFailures.join('; ')}` };
    out.push(r);
  }

  const buckets = await mapLimit([...found.values()], ctx.concurrency, async (b) => {
    // The bucket's own location, not the endpoint it was listed from: a listing may span regions.
    let region: string | undefined;
    let client = b.client;
    const props: Record<string, unknown> = { name: b.name };
    const r = liveResource(ctx, { type: T.bucket, id: `do:space:${b.name}`, name: b.name, urn: `do:space:${b.name}`, properties: props, operation: 'spaces.list_buckets' });
    ctx.recorder.call('spaces.get_bucket_location');
    try {
      const loc = await b.client.send(new s3.GetBucketLocationCommand({ Bucket: b.name }));
      region = loc.LocationConstraint || b.region;
      if (!region) addGap(r, 'region', 'GetBucketLocation returned no location');
    } catch (e) {
      addGap(r, 'region', fail('spaces.get_bucket_location', e, b.region));
    }
    if (region && !o.endpoint && region !== b.region && /^[a-z]{3}\d$/.test(region)) client = makeClient(`https://${region}.digitaloceanspaces.com`);
    if (region) {
      props.region = region;
      r.location.region = region;
      ctx.recorder.region(region);
    }
    ctx.recorder.call('spaces.get_bucket_acl');
    try {
      const acl = await client.send(new s3.GetBucketAclCommand({ Bucket: b.name }));
      props.acl = sanitize({ Owner: acl.Owner, Grants: acl.Grants ?? [] });
    } catch (e) {
      addGap(r, 'acl', fail('spaces.get_bucket_acl', e, region));
    }
    ctx.recorder.call('spaces.get_bucket_policy');
    try {
      const pol = await client.send(new s3.GetBucketPolicyCommand({ Bucket: b.name }));
      try {
        props.policy = pol.Policy ? JSON.parse(pol.Policy) : null;
      } catch {
        addGap(r, 'policy', 'bucket policy is not valid JSON');
      }
    } catch (e) {
      const name = (e as { name?: string })?.name;
      if (name === 'NoSuchBucketPolicy') props.policy = null;
      else addGap(r, 'policy', fail('spaces.get_bucket_policy', e, region));
    }
    r.raw = [{ operation: 'spaces.get_bucket_acl+policy', at: ctx.now.toISOString(), data: props }];
    return r;
  });
  out.push(...buckets);
  for (const c of clients) c.destroy(); // close kept-alive sockets so the process can exit
  return out;
}
