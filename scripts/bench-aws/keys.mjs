// Which AWS operation a request is, from its wire form (Query Action, S3 path/sub-resource).
export function opKey(req, body) {
  const u = new URL(req.url, 'http://x');
  const scope = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\//.exec(String(req.headers.authorization ?? ''));
  const service = scope?.[2] ?? '?';
  const action = new URLSearchParams(body).get('Action') ?? u.searchParams.get('Action');
  if (action) return `${service}:${action}`;
  if (u.pathname.startsWith('/v20180820/')) return 's3control:GetPublicAccessBlock';
  const parts = u.pathname.split('/').filter(Boolean);
  if (parts.length === 0) return 's3:ListBuckets';
  const sub = [...u.searchParams.keys()].find((k) => !['max-buckets', 'continuation-token', 'x-id'].includes(k));
  return `s3:${sub ?? 'HeadOrGet'}`;
}
