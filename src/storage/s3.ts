/**
 * Reading evidence files from an S3 prefix (for `vouch merge s3://...`):
 * ListObjectsV2 and GetObject only, with the SDK's default credential chain and
 * its standard endpoint overrides (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_S3).
 */
import { InputError } from '../engine/errors.js';

export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!m || !m[1]) throw new InputError(`${url}: expected s3://bucket/prefix`);
  return { bucket: m[1], prefix: m[2] ?? '' };
}

export async function readS3Evidence(url: string): Promise<{ key: string; text: string }[]> {
  const { bucket, prefix } = parseS3Url(url);
  const { S3Client, paginateListObjectsV2, GetObjectCommand } = await import('@aws-sdk/client-s3');
  const client = new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3) });
  const keys: string[] = [];
  try {
    for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: prefix })) {
      for (const o of page.Contents ?? []) if (o.Key && /(^|\/)([^/]*\.)?evidence\.json$/.test(o.Key)) keys.push(o.Key);
    }
    const out: { key: string; text: string }[] = [];
    for (const key of keys.sort()) {
      const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      out.push({ key: `s3://${bucket}/${key}`, text: (await res.Body?.transformToString('utf8')) ?? '' });
    }
    if (out.length === 0) throw new InputError(`${url}: no evidence.json objects under this prefix`);
    return out;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as { name?: string; message?: string };
    throw new InputError(`${url}: ${err.name ?? 'Error'}: ${(err.message ?? String(e)).split('\n')[0]}`);
  } finally {
    client.destroy();
  }
}
