/**
 * Resources a stack owns that the live scan did not find: deleted (or
 * replaced) outside the pipeline. Only types whose physical id vouch matches
 * reliably (./ownership.ts) and whose listing ran: a type whose service was
 * left out, or whose listing failed in that account, or (in a sharded scan)
 * that is listed once per account, is skipped, never reported missing.
 */
import type { Resource } from '../../model/resource.js';
import type { Coverage } from '../../model/inventory.js';
import type { StackResourceEntry } from '../../sources/providers/aws/collectors/cloudformation.js';
import { canonicalType } from '../../sources/iac/types.js';
import { aws } from '../../sources/providers/index.js';

/** Types whose CloudFormation physical id the ownership matcher is known to meet (name, id, URL or ARN). */
const CHECKED = new Set([
  'aws.s3.bucket',
  'aws.sqs.queue',
  'aws.ec2.security-group',
  'aws.sns.topic',
  'aws.dynamodb.table',
  'aws.rds.db-instance',
  'aws.rds.db-cluster',
  'aws.lambda.function',
  'aws.kms.key',
  'aws.logs.log-group',
  'aws.efs.file-system',
  'aws.elbv2.load-balancer',
]);

export type { MissingLive } from '../../schema/drift.js';
import type { MissingLive } from '../../schema/drift.js';

/** Owned stack resources of checked types that no live resource of the scan matched. */
export function missingLive(resources: Resource[], coverage: Coverage): MissingLive[] {
  const excluded = new Set(coverage.excludedServices ?? []);
  const listedBy = new Map<string, string[]>(); // type → list operations
  const scannedTypes = new Set<string>();
  for (const s of aws.services) {
    if (excluded.has(`aws:${s.name}`)) continue;
    // A shard may not hold the account's global unit (S3, IAM): what it lists may be another shard's.
    if (coverage.shard && (s.scope as string) === 'global') continue;
    for (const t of s.produces as readonly string[]) scannedTypes.add(t);
    for (const r of s.reads as readonly { op: string; lists?: readonly string[] }[]) for (const t of r.lists ?? []) listedBy.set(t, [...(listedBy.get(t) ?? []), r.op]);
  }
  const failed = new Set((coverage.failures ?? []).map((f) => `${f.account ?? ''}\u0000${f.operation}`));
  const matched = new Set<string>();
  for (const r of resources) {
    const o = r.owner;
    if (!o) continue;
    if (o.status === 'stack' && o.stackId && o.logicalId) matched.add(`${o.stackId}\u0000${o.logicalId}`);
    for (const c of o.claims ?? []) matched.add(`${c.stackId}\u0000${c.logicalId}`);
  }
  const out: MissingLive[] = [];
  for (const s of resources) {
    if (s.type !== 'aws.cloudformation.stack' || s.source !== 'live') continue;
    const entries = (s.properties.Live as { Resources?: StackResourceEntry[] } | undefined)?.Resources;
    if (!Array.isArray(entries)) continue;
    const account = s.location.account ?? '';
    for (const e of entries) {
      if (!e.PhysicalResourceId || /^DELETE_/.test(e.ResourceStatus ?? '')) continue;
      const type = canonicalType(e.ResourceType);
      if (!CHECKED.has(type) || !scannedTypes.has(type)) continue;
      if ((listedBy.get(type) ?? []).some((op) => failed.has(`${account}\u0000${op}`))) continue;
      if (matched.has(`${s.id}\u0000${e.LogicalResourceId}`)) continue;
      out.push({ stack: s.name ?? String(s.properties.StackName ?? s.id), ...(s.location.region ? { region: s.location.region } : {}), logicalId: e.LogicalResourceId, type, physicalId: e.PhysicalResourceId, ...(e.ConstructPath ? { constructPath: e.ConstructPath } : {}) });
    }
  }
  return out.sort((a, b) => a.stack.localeCompare(b.stack) || a.logicalId.localeCompare(b.logicalId));
}
