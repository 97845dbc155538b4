import { defineRule, type EvidenceItem } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asArray, gapFor } from '../../../src/evaluate/facts.js';

const PUBLIC_GROUPS = /\/global\/(AllUsers|AuthenticatedUsers)$/;

function publicPrincipal(p: unknown): boolean {
  if (p === '*') return true;
  if (p && typeof p === 'object') return asArray((p as Record<string, unknown>).AWS).some((x) => x === '*');
  return false;
}

export default defineRule({
  id: 'public-access/digitalocean-spaces-bucket',
  control: 'public-access',
  title: 'DigitalOcean Spaces buckets grant no public access (ACL or bucket policy)',
  severity: 'high',
  risk: 'A public-read ACL or a bucket policy allowing "*" exposes every object in the bucket to the internet.',
  remediation: {
    text: 'Set the bucket ACL to private and remove bucket-policy statements that allow Principal "*"; serve public files from a separate, deliberately public bucket.',
    cli: 's3cmd setacl s3://<bucket> --acl-private   # with the Spaces endpoint',
  },
  references: ['https://docs.digitalocean.com/products/spaces/how-to/manage-access/'],
  types: ['digitalocean.spaces-bucket'],
  sources: ['live'],
  check(r) {
    const gap = gapFor(r, 'acl') ?? gapFor(r, 'policy');
    if (gap) return unknown(`not checked: ${gap}`, ev('acl, policy', `<not collected: ${gap}>`, 'no public grant or statement'));
    const grants = asArray(known(r, 'acl.Grants')) as { Grantee?: { URI?: unknown; Type?: unknown }; Permission?: unknown }[];
    const policy = known(r, 'policy') as { Statement?: unknown } | null | undefined;
    const bad: EvidenceItem[] = [];
    const unclear: EvidenceItem[] = [];
    grants.forEach((g, i) => {
      const uri = String(g?.Grantee?.URI ?? '');
      if (PUBLIC_GROUPS.test(uri)) bad.push(ev(`acl.Grants[${i}]`, { grantee: uri, permission: g.Permission }, 'no grant to AllUsers/AuthenticatedUsers'));
    });
    asArray(policy?.Statement).forEach((s, i) => {
      const st = (s ?? {}) as { Effect?: unknown; Principal?: unknown; Condition?: unknown; Action?: unknown };
      if (st.Effect !== 'Allow' || !publicPrincipal(st.Principal)) return;
      const item = ev(`policy.Statement[${i}]`, { Principal: st.Principal, Action: st.Action, Condition: st.Condition ?? null }, 'no Allow to Principal "*"');
      if (st.Condition && Object.keys(st.Condition as object).length) unclear.push(item);
      else bad.push(item);
    });
    if (bad.length) return fail('bucket is publicly accessible', ...bad);
    if (unclear.length) return unknown('bucket policy allows Principal "*" under conditions vouch does not evaluate; review them', ...unclear);
    return pass('no public ACL grant and no public bucket-policy statement', ev('acl.Grants', grants.length + ' grants'), ev('policy', policy ? 'present' : 'none'));
  },
});
