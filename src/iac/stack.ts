/**
 * One template → resources. Parameters take `--parameter` overrides, then
 * defaults; resources whose `Condition` is known false are not deployed and
 * not judged. Each stack also yields an `aws.cloudformation.stack` resource
 * carrying its region and account, for residency rules.
 */
import type { Acknowledgement, Resource } from '../engine/resource.js';
import { Resolver, type ResolveContext } from './intrinsics.js';
import { canonicalType } from './types.js';
import { resolveRelations } from './relations.js';
import type { ParsedTemplate } from './parse.js';

export interface StackInput {
  parsed: ParsedTemplate;
  /** Path shown in findings (relative to the working directory). */
  file: string;
  stackName: string;
  region?: string;
  account?: string;
  parameterOverrides: Record<string, string>;
  /** Construct paths from the cdk.out manifest, by logical id (fallback for templates without path metadata). */
  constructPaths?: Map<string, string>;
}

export interface LoadedStack {
  resources: Resource[];
  /**
   * Nested stacks found: logical id → template path (relative to the assembly) from the
   * `aws:asset:path` metadata, or the `TemplateURL` as resolved when that metadata is absent.
   */
  nested: { logicalId: string; templatePath?: string; templateUrl: unknown }[];
  notes: string[];
}

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

function parseAcknowledgements(meta: Record<string, unknown>): Acknowledgement[] | undefined {
  const list = obj(meta.vouch).acknowledge;
  if (!Array.isArray(list)) return undefined;
  const acks: Acknowledgement[] = [];
  for (const a of list) {
    const e = obj(a);
    if (typeof e.rule !== 'string' || typeof e.reason !== 'string') continue;
    acks.push({
      rule: e.rule,
      reason: e.reason,
      owner: typeof e.owner === 'string' ? e.owner : undefined,
      expires: typeof e.expires === 'string' ? e.expires : e.expires instanceof Date ? e.expires.toISOString().slice(0, 10) : undefined,
      origin: 'metadata',
    });
  }
  return acks.length ? acks : undefined;
}

export function loadStack(input: StackInput): LoadedStack {
  const t = input.parsed.template;
  const resourcesIn = obj(t.Resources);
  const parameters: Record<string, unknown> = {};
  const unknownParameters = new Set<string>();
  for (const [name, decl] of Object.entries(obj(t.Parameters))) {
    const d = obj(decl);
    const raw = Object.prototype.hasOwnProperty.call(input.parameterOverrides, name) ? input.parameterOverrides[name] : d.Default;
    if (raw === undefined) {
      unknownParameters.add(name);
      continue;
    }
    const type = typeof d.Type === 'string' ? d.Type : 'String';
    // SSM parameter types hold the parameter's name, not its value: the value is unknown here.
    if (type.startsWith('AWS::SSM::Parameter::Value')) {
      unknownParameters.add(name);
      continue;
    }
    parameters[name] =
      type === 'Number' ? Number(raw) : type.startsWith('List<') || type === 'CommaDelimitedList' ? String(raw).split(',').map((s) => s.trim()) : raw;
  }
  const ctx: ResolveContext = {
    parameters,
    unknownParameters,
    mappings: obj(t.Mappings),
    conditions: obj(t.Conditions),
    resources: new Set(Object.keys(resourcesIn)),
    region: input.region,
    account: input.account,
    stackName: input.stackName,
  };
  const resolver = new Resolver(ctx);
  const resources: Resource[] = [];
  const nested: LoadedStack['nested'] = [];
  const notes: string[] = [];
  const idOf = (logicalId: string) => `${input.stackName}/${logicalId}`;

  for (const [logicalId, decl] of Object.entries(resourcesIn)) {
    const d = obj(decl);
    const cfnType = String(d.Type);
    if (typeof d.Condition === 'string' && resolver.condition(d.Condition) === false) {
      notes.push(`${input.file}: ${logicalId} not deployed (condition ${d.Condition} is false)`);
      continue;
    }
    const meta = obj(d.Metadata);
    const props = obj(resolver.resolve(obj(d.Properties)));
    for (const attr of ['DeletionPolicy', 'UpdateReplacePolicy'] as const) {
      if (typeof d[attr] === 'string') props[attr] = d[attr];
    }
    const constructPath =
      (typeof meta['aws:cdk:path'] === 'string' ? (meta['aws:cdk:path'] as string) : undefined) ?? input.constructPaths?.get(logicalId);
    const r: Resource = {
      type: canonicalType(cfnType),
      provider: 'aws',
      source: 'iac',
      id: idOf(logicalId),
      name: logicalId,
      properties: props,
      raw: [{ operation: 'template', data: { Type: cfnType, ...(d.Condition ? { Condition: d.Condition } : {}) } }],
      location: {
        file: input.file,
        line: input.parsed.lines.get(logicalId),
        logicalId,
        constructPath,
        stack: input.stackName,
        region: input.region,
        account: input.account,
      },
      relations: {},
    };
    if (typeof d.Condition === 'string' && resolver.condition(d.Condition) === undefined) {
      r.properties['$Condition'] = d.Condition;
    }
    const acks = parseAcknowledgements(meta);
    if (acks) r.acknowledgements = acks;
    resources.push(r);
    if (cfnType === 'AWS::CloudFormation::Stack') {
      const assetPath = typeof meta['aws:asset:path'] === 'string' ? (meta['aws:asset:path'] as string) : undefined;
      nested.push({ logicalId, templatePath: assetPath, templateUrl: d.Properties && typeof d.Properties === 'object' ? (d.Properties as Record<string, unknown>).TemplateURL : undefined });
    }
  }
  resolveRelations(resources, (lid) => (ctx.resources.has(lid) ? idOf(lid) : undefined));
  resources.push({
    type: 'aws.cloudformation.stack',
    provider: 'aws',
    source: 'iac',
    id: `${input.stackName}/(stack)`,
    name: input.stackName,
    properties: {
      StackName: input.stackName,
      // Unresolved when neither the manifest nor --region gives the stack's region.
      Region: input.region ?? resolver.resolve({ Ref: 'AWS::Region' }),
      Account: input.account,
    },
    location: { file: input.file, line: 1, stack: input.stackName, region: input.region, account: input.account },
    relations: {},
  });
  return { resources, nested, notes };
}
