/**
 * Ownership on GCP and DigitalOcean, where the platform keeps no record of
 * the tool that made a resource: only labels or tags the tool wrote tell.
 *
 * - GCP labels: `goog-terraform-provisioned` (the Terraform Google provider's
 *   attribution label), `managed-by-cnrm` (Config Connector), `goog-dm`
 *   (Deployment Manager), keys starting `pulumi` (Pulumi programs that label
 *   their resources), `goog-gke-*` / `goog-k8s-*` (GKE-managed nodes and disks).
 * - DigitalOcean tags: `k8s:<cluster id>` (DigitalOcean Kubernetes nodes and
 *   volumes), and the tags a team writes for its tool: `terraform`,
 *   `pulumi`, `managed-by:<tool>`.
 *
 * A resource with such a label gets `owner.status: 'managed'` with the tool
 * and the label that says so. A resource of a type that carries labels but
 * has none of them is `unknown` (Terraform and Pulumi write nothing unless
 * configured to, so no label is no proof of a hand-made resource); a type
 * that carries no labels (firewalls, proxies, keys) is `unknown` with that
 * reason. Never `none`: a shadow resource cannot be proved on these clouds.
 */
import type { Resource, ResourceOwner } from '../../model/resource.js';

/** Where a type keeps its labels or tags (a path into the REST shape), or undefined when it has none. */
const LABELS_AT: Record<string, (p: Record<string, unknown>) => unknown> = {
  'gcp.compute.instance': (p) => p.labels,
  'gcp.compute.disk': (p) => p.labels,
  'gcp.compute.forwarding-rule': (p) => p.labels,
  'gcp.storage.bucket': (p) => p.labels,
  'gcp.sql.instance': (p) => (p.settings as Record<string, unknown> | undefined)?.userLabels,
  'digitalocean.droplet': (p) => p.tags,
  'digitalocean.volume': (p) => p.tags,
  'digitalocean.database': (p) => p.tags,
};

/** Types that are settings or containers, not things a deployment tool makes: no owner is set. */
const NOT_OWNABLE = new Set(['gcp.project', 'gcp.folder', 'gcp.organization', 'digitalocean.team', 'digitalocean.snapshot']);

const GCP_RULES: [RegExp, string][] = [
  [/^goog-terraform-provisioned$/, 'terraform'],
  [/^managed-by-cnrm$/, 'config-connector'],
  [/^goog-dm$/, 'deployment-manager'],
  [/^pulumi/, 'pulumi'],
  [/^goog-(gke|k8s)-/, 'gke'],
];

const DO_RULES: [RegExp, string | ((m: RegExpExecArray) => string)][] = [
  [/^k8s:[0-9a-f-]{8,}$/i, 'digitalocean-kubernetes'],
  [/^terraform$/i, 'terraform'],
  [/^pulumi$/i, 'pulumi'],
  [/^managed-by[:=]([\w.-]{1,40})$/i, (m) => m[1]!.toLowerCase()],
];

const short = (s: string) => (s.length > 100 ? `${s.slice(0, 99)}…` : s);

/** The owner labels or tags say, for one live GCP or DigitalOcean resource (undefined: not ownable). */
export function labelOwner(r: Resource): ResourceOwner | undefined {
  if (r.source !== 'live' || (r.provider !== 'gcp' && r.provider !== 'digitalocean') || NOT_OWNABLE.has(r.type)) return undefined;
  const at = LABELS_AT[r.type];
  const cloud = r.provider === 'gcp' ? 'GCP' : 'DigitalOcean';
  if (!at) return { status: 'unknown', reason: `${r.type} carries no ${r.provider === 'gcp' ? 'labels' : 'tags'}: ${cloud} records no owner for it` };
  const raw = at(r.properties);
  if (r.provider === 'gcp' && raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>))
      for (const [re, tool] of GCP_RULES) if (re.test(k)) return { status: 'managed', tool, label: short(`${k}=${String(v)}`) };
  }
  if (r.provider === 'digitalocean' && Array.isArray(raw)) {
    for (const t of raw)
      if (typeof t === 'string')
        for (const [re, tool] of DO_RULES) {
          const m = re.exec(t);
          if (m) return { status: 'managed', tool: typeof tool === 'string' ? tool : tool(m), label: short(t) };
        }
  }
  return { status: 'unknown', reason: `no ${r.provider === 'gcp' ? 'label' : 'tag'} names a deployment tool (Terraform, Pulumi${r.provider === 'gcp' ? ', Config Connector, Deployment Manager' : ', DigitalOcean Kubernetes'} write one only when configured to); ${cloud} keeps no other record of who made it` };
}

export interface LabelOwnership {
  managed: number;
  unknown: number;
  byTool: Record<string, number>;
  /** Coverage lines: where no owner can be known, and why. */
  causes: string[];
}

/** Set `owner` on every ownable live GCP / DigitalOcean resource; counts and coverage causes. */
export function attachLabelOwners(resources: Iterable<Resource>): LabelOwnership {
  const out: LabelOwnership = { managed: 0, unknown: 0, byTool: {}, causes: [] };
  const noLabels = new Map<string, number>();
  const unlabelled = new Map<string, number>();
  for (const r of resources) {
    const o = labelOwner(r);
    if (!o) continue;
    r.owner = o;
    if (o.status === 'managed') {
      out.managed++;
      out.byTool[o.tool!] = (out.byTool[o.tool!] ?? 0) + 1;
      continue;
    }
    out.unknown++;
    const m = LABELS_AT[r.type] ? unlabelled : noLabels;
    m.set(r.type, (m.get(r.type) ?? 0) + 1);
  }
  for (const [t, n] of [...noLabels].sort()) out.causes.push(`${n} ${t}: this type carries no labels or tags, so no owner can be known`);
  for (const [t, n] of [...unlabelled].sort()) out.causes.push(`${n} ${t}: no label or tag names a deployment tool; ownership unknown (never counted as shadow)`);
  return out;
}
