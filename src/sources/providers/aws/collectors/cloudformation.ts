/**
 * CloudFormation stacks, per region (cloudformation:DescribeStacks, paginated),
 * as the `aws.cloudformation.stack` resource the IaC loader makes of a
 * template: its name and the region it is deployed in. Parameter values and
 * outputs are never kept (a NoEcho parameter is masked, others may still be
 * sensitive); only parameter names are.
 *
 * For ownership (src/findings/drift/ownership.ts) each stack also carries what it
 * owns, under `Live.Resources`: logical id, physical id, CloudFormation type
 * and, from the deployed template (cloudformation:GetTemplate), the CDK
 * construct path of its `aws:cdk:path` metadata. That metadata is the only
 * thing kept of a template: its body (which may hold parameter defaults and
 * literal values) is parsed in memory and dropped, never stored or logged.
 * Calls: one ListStackResources page walk and one GetTemplate per stack,
 * never one call per resource.
 *
 * For the deployed-template-vs-assembly comparison (src/findings/drift/assembly.ts)
 * each stack also keeps `Live.DeployedTemplate`: per logical id, its type and
 * a digest of each top-level property (src/findings/drift/digest.ts: keyed per
 * process, so no value can be recovered or tested from it). Where drift
 * detection has run on a stack (`StackDriftStatus` other than NOT_CHECKED),
 * one DescribeStackResourceDrifts page walk keeps, per resource, the paths of
 * the properties CloudFormation found changed and how (never the expected or
 * actual values, which may be secrets).
 */
import { CloudFormationClient, paginateDescribeStacks, paginateListStackResources, paginateDescribeStackResourceDrifts, GetTemplateCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { propertyDigests } from '../../../../findings/drift/digest.js';
import { type AwsScope, pages, call, liveResource, compact, cfnTags, addGap, gapOf } from './context.js';
import { mapLimit } from '../../common/limit.js';
import { parseTemplateText } from '../../../iac/parse.js';

/** One resource a stack owns, as kept on the stack (`Live.Resources[]`). */
export interface StackResourceEntry {
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  ResourceStatus?: string;
  ConstructPath?: string;
  /** CloudFormation's own drift status of the resource (IN_SYNC, MODIFIED, DELETED, NOT_CHECKED), from the same listing. */
  DriftStatus?: string;
  /** CloudFormation's property differences (DescribeStackResourceDrifts): `PropertyPath (DifferenceType)`, never values. */
  DriftDifferences?: string[];
}

/** One resource of the deployed template: its type and a per-process digest of each top-level property. */
export interface DeployedTemplateEntry {
  Type: string;
  /** Its `aws:cdk:path` metadata, when the template has it. */
  Path?: string;
  Digests: Record<string, string>;
}

/** Stack states whose resources are gone or not there yet: nothing to own. */
const NOTHING_DEPLOYED = new Set(['DELETE_COMPLETE', 'REVIEW_IN_PROGRESS']);

/** Templates larger than this are not parsed for construct paths (CloudFormation's own limit is 1 MB). */
const MAX_TEMPLATE_CHARS = 2_000_000;

export async function collectCloudFormation(scope: AwsScope, region: string, concurrency = 8): Promise<void> {
  const cfn = scope.clients.get('cloudformation', region, CloudFormationClient);
  const listed = await pages(scope, 'cloudformation:DescribeStacks', region, () => paginateDescribeStacks({ client: cfn }, {}));
  if (listed.error) return;
  const stacks: { s: Stack & { StackId: string; StackName: string }; raw: (typeof listed.pages)[number]['raw'] }[] = [];
  for (const p of listed.pages) for (const s of p.data.Stacks ?? []) if (s.StackId && s.StackName) stacks.push({ s: s as Stack & { StackId: string; StackName: string }, raw: p.raw });
  await mapLimit(stacks, Math.max(1, Math.min(concurrency, 8)), async ({ s, raw }) => {
    const r = liveResource(
      scope,
      'aws.cloudformation.stack',
      s.StackId,
      region,
      compact({
        StackName: s.StackName,
        Region: region,
        Tags: cfnTags(s.Tags),
        EnableTerminationProtection: s.EnableTerminationProtection,
        Live: compact({
          StackStatus: s.StackStatus,
          ParentId: s.ParentId,
          RootId: s.RootId,
          RoleARN: s.RoleARN,
          ParameterKeys: s.Parameters?.map((x) => x.ParameterKey ?? '').filter(Boolean),
          DriftStatus: s.DriftInformation?.StackDriftStatus,
        }),
      }),
      raw,
      { StackId: s.StackId, StackName: s.StackName, StackStatus: s.StackStatus, CreationTime: s.CreationTime, LastUpdatedTime: s.LastUpdatedTime },
      s.StackName,
    );
    if (!NOTHING_DEPLOYED.has(s.StackStatus ?? '')) await readOwned(scope, cfn, region, s.StackId, r, s.DriftInformation?.StackDriftStatus);
    scope.emit(r);
  });
}

/** Stack drift statuses that mean drift detection has run on the stack. */
const DRIFT_CHECKED = new Set(['DRIFTED', 'IN_SYNC', 'UNKNOWN']);

async function readOwned(scope: AwsScope, cfn: CloudFormationClient, region: string, stackId: string, r: ReturnType<typeof liveResource>, stackDrift: string | undefined): Promise<void> {
  const live = r.properties.Live as Record<string, unknown>;
  const [listed, template, drifts] = await Promise.all([
    pages(scope, 'cloudformation:ListStackResources', region, () => paginateListStackResources({ client: cfn }, { StackName: stackId }), { fields: ['StackResourceSummaries'] }),
    call(scope, 'cloudformation:GetTemplate', region, () => cfn.send(new GetTemplateCommand({ StackName: stackId, TemplateStage: 'Original' })), [], { fields: ['TemplateBody'] }),
    // O(stacks): only stacks on which drift detection has run, one page walk each.
    DRIFT_CHECKED.has(stackDrift ?? '')
      ? pages(scope, 'cloudformation:DescribeStackResourceDrifts', region, () => paginateDescribeStackResourceDrifts({ client: cfn }, { StackName: stackId }), { fields: ['StackResourceDrifts'] })
      : undefined,
  ]);
  if (listed.error) {
    addGap(r, 'Live.Resources', gapOf(listed.error, 'cloudformation:ListStackResources'));
    return;
  }
  const deployed = template.ok ? deployedTemplate(template.data.TemplateBody) : undefined;
  const paths = deployed?.paths;
  if (!template.ok) addGap(r, 'Live.ConstructPaths', gapOf(template, 'cloudformation:GetTemplate'));
  else if (!paths) addGap(r, 'Live.ConstructPaths', 'BAD_RESPONSE: cloudformation:GetTemplate: the deployed template could not be parsed');
  if (deployed) live.DeployedTemplate = deployed.resources;
  else addGap(r, 'Live.DeployedTemplate', r.gaps?.['Live.ConstructPaths'] ?? 'the deployed template was not read');
  const differences = new Map<string, string[]>();
  const driftStatus = new Map<string, string>();
  if (drifts?.error) addGap(r, 'Live.DriftDifferences', gapOf(drifts.error, 'cloudformation:DescribeStackResourceDrifts'));
  else
    for (const p of drifts?.pages ?? [])
      for (const d of p.data.StackResourceDrifts ?? []) {
        if (!d.LogicalResourceId) continue;
        if (d.StackResourceDriftStatus) driftStatus.set(d.LogicalResourceId, d.StackResourceDriftStatus);
        const list = (d.PropertyDifferences ?? []).map((x) => `${x.PropertyPath ?? '?'} (${x.DifferenceType ?? '?'})`).slice(0, 50);
        differences.set(d.LogicalResourceId, [...(differences.get(d.LogicalResourceId) ?? []), ...list]);
      }
  const entries: StackResourceEntry[] = [];
  for (const p of listed.pages)
    for (const x of p.data.StackResourceSummaries ?? []) {
      if (!x.LogicalResourceId || !x.ResourceType) continue;
      const path = paths?.get(x.LogicalResourceId);
      const diff = differences.get(x.LogicalResourceId);
      entries.push(
        compact({
          LogicalResourceId: x.LogicalResourceId,
          PhysicalResourceId: x.PhysicalResourceId || undefined,
          ResourceType: x.ResourceType,
          ResourceStatus: x.ResourceStatus,
          ConstructPath: path,
          DriftStatus: x.DriftInformation?.StackResourceDriftStatus ?? driftStatus.get(x.LogicalResourceId),
          DriftDifferences: diff?.length ? diff : undefined,
        }),
      );
    }
  live.Resources = entries;
}

/** Logical id → `aws:cdk:path` of a deployed template (JSON or YAML); `undefined` when the body does not parse. */
export function constructPaths(body: string | undefined): Map<string, string> | undefined {
  return deployedTemplate(body)?.paths;
}

/**
 * What is kept of a deployed template: per logical id its `aws:cdk:path`
 * metadata, its type and per-process digests of its top-level properties.
 * `undefined` when the body does not parse.
 */
export function deployedTemplate(body: string | undefined): { paths: Map<string, string>; resources: Record<string, DeployedTemplateEntry> } | undefined {
  if (typeof body !== 'string' || body.length > MAX_TEMPLATE_CHARS) return undefined;
  let doc: unknown;
  try {
    doc = parseTemplateText(body, 'deployed template').template;
  } catch {
    return undefined;
  }
  const resources = (doc as { Resources?: unknown } | null)?.Resources;
  if (!resources || typeof resources !== 'object' || Array.isArray(resources)) return undefined;
  const out = new Map<string, string>();
  const kept: Record<string, DeployedTemplateEntry> = {};
  for (const [id, res] of Object.entries(resources as Record<string, unknown>)) {
    const rec = res as { Type?: unknown; Properties?: unknown; Metadata?: Record<string, unknown> } | null;
    const path = rec?.Metadata?.['aws:cdk:path'];
    const ok = typeof path === 'string' && path.length <= 1000;
    if (ok) out.set(id, path);
    kept[id] = { Type: typeof rec?.Type === 'string' ? rec.Type : '?', ...(ok ? { Path: path } : {}), Digests: propertyDigests(rec?.Properties) };
  }
  return { paths: out, resources: kept };
}
