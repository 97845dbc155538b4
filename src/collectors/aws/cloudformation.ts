/**
 * CloudFormation stacks, per region (cloudformation:DescribeStacks, paginated),
 * as the `aws.cloudformation.stack` resource the IaC loader makes of a
 * template: its name and the region it is deployed in. Parameter values and
 * outputs are never kept (a NoEcho parameter is masked, others may still be
 * sensitive); only parameter names are.
 *
 * For ownership (src/drift/ownership.ts) each stack also carries what it
 * owns, under `Live.Resources`: logical id, physical id, CloudFormation type
 * and, from the deployed template (cloudformation:GetTemplate), the CDK
 * construct path of its `aws:cdk:path` metadata. That metadata is the only
 * thing kept of a template: its body (which may hold parameter defaults and
 * literal values) is parsed in memory and dropped, never stored or logged.
 * Calls: one ListStackResources page walk and one GetTemplate per stack,
 * never one call per resource.
 */
import { CloudFormationClient, paginateDescribeStacks, paginateListStackResources, GetTemplateCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { type AwsScope, pages, call, liveResource, compact, cfnTags, addGap, gapOf } from './context.js';
import { mapLimit } from '../common/limit.js';
import { parseTemplateText } from '../../iac/parse.js';

/** One resource a stack owns, as kept on the stack (`Live.Resources[]`). */
export interface StackResourceEntry {
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  ResourceStatus?: string;
  ConstructPath?: string;
  /** CloudFormation's own drift status of the resource (IN_SYNC, MODIFIED, DELETED, NOT_CHECKED), from the same listing. */
  DriftStatus?: string;
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
    if (!NOTHING_DEPLOYED.has(s.StackStatus ?? '')) await readOwned(scope, cfn, region, s.StackId, r);
    scope.emit(r);
  });
}

async function readOwned(scope: AwsScope, cfn: CloudFormationClient, region: string, stackId: string, r: ReturnType<typeof liveResource>): Promise<void> {
  const live = r.properties.Live as Record<string, unknown>;
  const [listed, template] = await Promise.all([
    pages(scope, 'cloudformation:ListStackResources', region, () => paginateListStackResources({ client: cfn }, { StackName: stackId }), { fields: ['StackResourceSummaries'] }),
    call(scope, 'cloudformation:GetTemplate', region, () => cfn.send(new GetTemplateCommand({ StackName: stackId, TemplateStage: 'Original' })), [], { fields: ['TemplateBody'] }),
  ]);
  if (listed.error) {
    addGap(r, 'Live.Resources', gapOf(listed.error, 'cloudformation:ListStackResources'));
    return;
  }
  const paths = template.ok ? constructPaths(template.data.TemplateBody) : undefined;
  if (!template.ok) addGap(r, 'Live.ConstructPaths', gapOf(template, 'cloudformation:GetTemplate'));
  else if (!paths) addGap(r, 'Live.ConstructPaths', 'BAD_RESPONSE: cloudformation:GetTemplate: the deployed template could not be parsed');
  const entries: StackResourceEntry[] = [];
  for (const p of listed.pages)
    for (const x of p.data.StackResourceSummaries ?? []) {
      if (!x.LogicalResourceId || !x.ResourceType) continue;
      const path = paths?.get(x.LogicalResourceId);
      entries.push(compact({ LogicalResourceId: x.LogicalResourceId, PhysicalResourceId: x.PhysicalResourceId || undefined, ResourceType: x.ResourceType, ResourceStatus: x.ResourceStatus, ConstructPath: path, DriftStatus: x.DriftInformation?.StackResourceDriftStatus }));
    }
  live.Resources = entries;
}

/**
 * Logical id → `aws:cdk:path` of a deployed template (JSON or YAML). Only
 * that metadata string is read; `undefined` when the body does not parse.
 */
export function constructPaths(body: string | undefined): Map<string, string> | undefined {
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
  for (const [id, res] of Object.entries(resources as Record<string, unknown>)) {
    const path = (res as { Metadata?: Record<string, unknown> } | null)?.Metadata?.['aws:cdk:path'];
    if (typeof path === 'string' && path.length <= 1000) out.set(id, path);
  }
  return out;
}
