/**
 * Ownership: which CloudFormation stack owns each live AWS resource. The
 * CloudFormation collector keeps, on every `aws.cloudformation.stack`, the
 * resources it owns (`Live.Resources`: logical id, physical id, type, CDK
 * construct path). Here a live resource is matched to those entries by
 * physical id (its id, ARN, name, or the last segment of its ARN — whichever
 * the CloudFormation type uses as physical id), within its account, its
 * canonical type and (for regional types) its region.
 *
 * Fail closed: two stacks claiming one physical id is `ambiguous` (both
 * listed, none chosen); a stack whose resources could not be listed, or a
 * region whose stacks could not be listed (or was not scanned, for global
 * types), makes an unmatched resource `unknown`, never `none`.
 */
import type { Resource, ResourceOwner, OwnerClaim } from '../../model/resource.js';
import type { Coverage } from '../../model/inventory.js';
import { canonicalType } from '../../sources/iac/types.js';
import type { StackResourceEntry } from '../../sources/providers/aws/collectors/cloudformation.js';

/** Live types no stack can create: account and region settings, snapshots taken by services. */
export const NOT_OWNABLE = new Set(['aws.iam.account', 'aws.ec2.regional-settings', 'aws.ec2.snapshot']);

/** Types read once per account, not per region: a stack of any region may own them. */
const GLOBAL_PREFIXES = ['aws.iam.', 'aws.cloudfront.'];
const isGlobalType = (t: string) => GLOBAL_PREFIXES.some((p) => t.startsWith(p));

/**
 * A live AWS resource a stack could own: not a setting, not an AWS-managed
 * policy, not a top-level stack (a nested stack is owned by its parent).
 */
export function isOwnable(r: Resource): boolean {
  if (r.provider !== 'aws' || r.source !== 'live') return false;
  if (r.type === 'aws.cloudformation.stack' && !(r.properties.Live as { ParentId?: string } | undefined)?.ParentId) return false;
  return isOwnableType(r.type, r.id);
}

/** The type-and-id part of isOwnable (what a finding's resource still tells). */
export function isOwnableType(type: string, id: string): boolean {
  return !NOT_OWNABLE.has(type) && !/^arn:[^:]+:iam::aws:policy\//.test(id);
}

/** The canonical type a stack resource entry matches (a nested stack is a stack). */
function ownedType(cfnType: string): string {
  return cfnType === 'AWS::CloudFormation::Stack' ? 'aws.cloudformation.stack' : canonicalType(cfnType);
}

/** Physical ids a live resource may be known by, as CloudFormation records them per type. */
export function physicalKeys(r: Resource): string[] {
  const keys = new Set<string>([r.id]);
  if (r.name) keys.add(r.name);
  for (const a of [r.location.arn, r.id]) {
    if (!a?.startsWith('arn:')) continue;
    keys.add(a);
    const resource = a.split(':').slice(5).join(':');
    if (resource) {
      keys.add(resource);
      keys.add(resource.slice(resource.lastIndexOf('/') + 1));
      keys.add(resource.slice(resource.lastIndexOf(':') + 1));
    }
  }
  if (/^https?:\/\//.test(r.id)) keys.add(r.id.slice(r.id.lastIndexOf('/') + 1)); // an SQS queue URL
  keys.delete('');
  keys.delete('*');
  return [...keys];
}

/** Keys a stack's physical id is indexed under (an SQS queue URL also by its name). */
function stackKeys(physical: string): string[] {
  const out = [physical];
  if (/^https?:\/\//.test(physical)) out.push(physical.slice(physical.lastIndexOf('/') + 1));
  return out;
}

interface Claim extends OwnerClaim {
  account: string;
  region: string;
}

export interface OwnershipOptions {
  /** True when every enabled region's stacks were listed (a global resource unmatched in them is owned by none). */
  allRegions: boolean;
}

export interface OwnershipSummary {
  owned: number;
  none: number;
  ambiguous: number;
  unknown: number;
  /** Why ownership is unknown, one line per cause (for coverage). */
  causes: string[];
}

const key = (account: string, type: string, physical: string) => `${account}\u0000${type}\u0000${physical}`;

/**
 * Set `owner` on every ownable live AWS resource, from the stacks among
 * `resources`. Does nothing (and says so) when CloudFormation was not read.
 */
export function attachOwners(resources: Resource[], coverage: Coverage, o: OwnershipOptions): OwnershipSummary {
  const summary: OwnershipSummary = { owned: 0, none: 0, ambiguous: 0, unknown: 0, causes: [] };
  if ((coverage.excludedServices ?? []).includes('aws:cloudformation')) return summary;

  const index = new Map<string, Claim[]>();
  /** account → region → why stacks there may own more than we know. */
  const blind = new Map<string, Map<string, string>>();
  const blindAt = (account: string, region: string, why: string) => {
    const m = blind.get(account) ?? new Map<string, string>();
    if (!m.has(region)) m.set(region, why);
    blind.set(account, m);
  };
  for (const f of coverage.failures ?? [])
    if (f.operation === 'cloudformation:DescribeStacks' && f.account && f.region) blindAt(f.account, f.region, `the stacks of ${f.account} ${f.region} could not be listed (${f.code})`);

  for (const s of resources) {
    if (s.type !== 'aws.cloudformation.stack' || s.source !== 'live') continue;
    const account = s.location.account ?? '';
    const region = s.location.region ?? '';
    const name = s.name ?? String(s.properties.StackName ?? s.id);
    const listed = (s.properties.Live as { Resources?: StackResourceEntry[] } | undefined)?.Resources;
    const gap = s.gaps?.['Live.Resources'];
    if (gap || !Array.isArray(listed)) {
      const status = String((s.properties.Live as { StackStatus?: string } | undefined)?.StackStatus ?? '');
      if (gap || !['DELETE_COMPLETE', 'REVIEW_IN_PROGRESS'].includes(status)) blindAt(account, region, `stack ${name} (${region}): its resources could not be listed${gap ? ` (${gap.split(':')[0]})` : ''}`);
      continue;
    }
    for (const e of listed) {
      if (!e.PhysicalResourceId) continue;
      const claim: Claim = { stackName: name, stackId: s.id, logicalId: e.LogicalResourceId, account, region };
      if (e.ConstructPath) claim.constructPath = e.ConstructPath;
      if (e.DriftStatus) claim.cfnDriftStatus = e.DriftStatus;
      if (e.DriftDifferences?.length) claim.cfnDriftDifferences = e.DriftDifferences;
      const type = ownedType(e.ResourceType);
      for (const k of stackKeys(e.PhysicalResourceId)) {
        const list = index.get(key(account, type, k)) ?? [];
        list.push(claim);
        index.set(key(account, type, k), list);
      }
    }
  }

  for (const r of resources) {
    if (!isOwnable(r)) continue;
    const account = r.location.account ?? '';
    const global = isGlobalType(r.type) || !r.location.region;
    const seen = new Map<string, Claim>();
    for (const k of physicalKeys(r))
      for (const c of index.get(key(account, r.type, k)) ?? []) {
        if (c.stackId === r.id) continue; // a stack does not own itself
        seen.set(`${c.stackId}\u0000${c.logicalId}`, c);
      }
    let claims = [...seen.values()];
    if (!global) claims = claims.filter((c) => c.region === r.location.region);
    const stacks = new Set(claims.map((c) => c.stackId));
    if (stacks.size === 1) {
      const c = claims[0]!;
      r.owner = { status: 'stack', ...ownerClaim(c) };
      summary.owned++;
    } else if (stacks.size > 1) {
      r.owner = { status: 'ambiguous', claims: claims.map(ownerClaim).sort((a, b) => a.stackName.localeCompare(b.stackName) || a.logicalId.localeCompare(b.logicalId)), reason: `${stacks.size} stacks claim this physical id` };
      summary.ambiguous++;
    } else {
      const why = blindReason(blind.get(account), global ? undefined : r.location.region) ?? (global && !o.allRegions ? 'not every region was scanned: a stack in another region may own it' : undefined);
      r.owner = why ? { status: 'unknown', reason: why } : { status: 'none' };
      if (why) summary.unknown++;
      else summary.none++;
    }
  }
  const causes = new Set<string>();
  for (const m of blind.values()) for (const why of m.values()) causes.add(why);
  if (!o.allRegions && summary.unknown) causes.add('not every region was scanned: global resources (IAM, CloudFront) not matched to a scanned stack have unknown ownership');
  summary.causes = [...causes].sort();
  return summary;
}

function blindReason(m: Map<string, string> | undefined, region: string | undefined): string | undefined {
  if (!m) return undefined;
  if (region !== undefined) return m.get(region);
  return m.values().next().value;
}

function ownerClaim(c: Claim): OwnerClaim {
  const out: OwnerClaim = { stackName: c.stackName, stackId: c.stackId, logicalId: c.logicalId };
  if (c.constructPath) out.constructPath = c.constructPath;
  if (c.cfnDriftStatus) out.cfnDriftStatus = c.cfnDriftStatus;
  if (c.cfnDriftDifferences) out.cfnDriftDifferences = c.cfnDriftDifferences;
  return out;
}

/** One line naming the owner: `Stack/Logical (Stack/Path/Resource)`, for reports. */
export function ownerLine(o: ResourceOwner | undefined): string | undefined {
  if (!o) return undefined;
  switch (o.status) {
    case 'stack':
      return `stack ${o.stackName} ${o.logicalId}${o.constructPath ? ` (${o.constructPath})` : ''}`;
    case 'none':
      return 'no stack (shadow resource)';
    case 'ambiguous':
      return `ambiguous: claimed by ${(o.claims ?? []).map((c) => `${c.stackName}/${c.logicalId}`).join(', ')}`;
    case 'unknown':
      return `unknown: ${o.reason ?? 'not determined'}`;
    case 'managed':
      return `managed by ${o.tool ?? 'a deployment tool'}${o.label ? ` (${o.label})` : ''}`;
  }
}
