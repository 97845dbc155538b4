/**
 * One template → resources. Parameters take `--parameter` overrides, then
 * defaults; resources whose `Condition` is known false are not deployed and
 * not judged. Each stack also yields an `aws.cloudformation.stack` resource
 * carrying its region and account, for residency rules.
 */
import { asRecord } from '../../evaluate/facts.js';
import type { Acknowledgement, Resource } from '../../model/resource.js';
import { Resolver, patternRefusesWildcards, type ResolveContext } from './intrinsics.js';
import { canonicalType } from './types.js';
import { resolveRelations } from './relations.js';
import type { ParsedTemplate } from './parse.js';
import { identifierUnderName, tokenShape } from '../../lib/secrets.js';
import { expandForEach, expandForEachInProperties } from './foreach.js';
import { withDynamicReferences } from '../../model/dynamic-references.js';
import { parametersInOutputs, publishedSecrets, scanResource, secretName, TEMPLATE_SECRETS } from './template-secrets.js';
import { expandSam, SAM_TRANSFORM, type SamOrigin } from './sam.js';
import type { ResourceBudget } from './resource-cap.js';
import { isUnresolved } from '../../model/values.js';
import { moduleGaps, withoutIncludedResources, withoutIncludedSections } from './transforms.js';
import { parametersNamingSecrets, parametersUsedAsIdentifiers } from './secret-name-parameters.js';
import { outputExports, type ImportHook, type StackExport } from './exports.js';

export interface StackInput {
  parsed: ParsedTemplate;
  /** Path shown in findings (relative to the working directory). */
  file: string;
  stackName: string;
  /**
   * The name the stack is deployed under, which `AWS::StackName` resolves to: known for a CDK stack
   * (the manifest's `stackName`, else its artifact id); a bare template's is chosen at deploy time.
   */
  deployedStackName?: string;
  /** The deployed name is made at deploy time and unlike `stackName` (a StackSet instance's): `AWS::StackName` in an export name is not known. */
  stackNameUnknown?: boolean;
  region?: string;
  account?: string;
  parameterOverrides: Record<string, string>;
  /** Construct paths from the cdk.out manifest, by logical id (fallback for templates without path metadata). */
  constructPaths?: Map<string, string>;
  /** `Fn::ImportValue` resolved against other stacks' exports (./exports.ts); without it imports are recorded, not resolved. */
  imports?: ImportHook;
  /** Resources of the other stacks of the run, by id: targets of references made through imports. */
  external?: (id: string) => Resource | undefined;
  /** On a second load (./exports.ts): a resource's properties from the first, when no import was met in them (not resolved again). */
  reuse?: (logicalId: string) => Record<string, unknown> | undefined;
  /** What is left of the run's resource cap (./resource-cap.ts), counted down by the SAM expansion. */
  budget?: ResourceBudget;
}

export interface LoadedStack {
  resources: Resource[];
  /**
   * Nested stacks found: logical id → template path (relative to the assembly) from the
   * `aws:asset:path` metadata, or the `TemplateURL` as resolved when that metadata is absent.
   */
  nested: { logicalId: string; templatePath?: string; templateUrl: unknown }[];
  notes: string[];
  /** Parts of the template not judged, and why (SAM resources, loops over unknown collections). */
  notCollected: { what: string; why: string }[];
  /** `Outputs` exports, resolved in this stack (./exports.ts). */
  exports: StackExport[];
  /** Names this stack's `Fn::ImportValue`s ask for (resolved to text). */
  importNames: Set<string>;
  /** Logical ids of the resources whose properties read an `Fn::ImportValue`. */
  importing: Set<string>;
  /**
   * An `Fn::ImportValue` was read while expanding the template (a `Fn::ForEach` collection, a SAM
   * stage name): with imports resolved the template may expand to other resources, so a second
   * load resolves every resource again (./exports.ts).
   */
  importsInExpansion: boolean;
}

const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const obj = asRecord;

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

/** A parameter with more allowed values than this is not enumerated: a read of it is unresolved (judged unknown). */
const MAX_SWITCH_VALUES = 16;

/** Entries in a list parameter's Default (a list, or comma-separated text). */
function listLength(dflt: unknown): number {
  if (Array.isArray(dflt)) return dflt.length;
  if (typeof dflt === 'string' && dflt !== '') return dflt.split(',').length;
  return 1;
}

export function loadStack(input: StackInput): LoadedStack {
  const notCollected: LoadedStack['notCollected'] = [];
  // Snippets filled in at deploy time (AWS::Include, macros) and modules: left out of what is read, each a gap.
  const sections = withoutIncludedSections(input.parsed.template, input.file);
  const t = sections.template;
  const included = withoutIncludedResources(obj(t.Resources), input.file);
  let resourcesIn = included.resources;
  for (const g of [...sections.gaps, ...included.gaps, ...moduleGaps(resourcesIn, input.file)]) notCollected.push(g);
  const parameters: Record<string, unknown> = {};
  const unknownParameters = new Set<string>();
  const patternedParameters = new Set<string>();
  const switches: Record<string, (string | number)[]> = {};
  const switchLists: Record<string, number> = {};
  const secretSwitches = new Set<string>();
  const wideSwitches: Record<string, number> = {};
  const emptyTested = parametersTestedForEmpty(t.Conditions);
  for (const [name, decl] of Object.entries(obj(t.Parameters))) {
    const d = obj(decl);
    // A parameter with AllowedValues the user did not pin is a switch the template offers: conditions
    // on it, and every read of it, are judged over every allowed value (see ResolveContext.switches).
    const allowed = d.AllowedValues;
    const pinned = Object.prototype.hasOwnProperty.call(input.parameterOverrides, name);
    const ptype = typeof d.Type === 'string' ? d.Type : 'String';
    // A list parameter's AllowedValues constrain each entry; an SSM parameter holds a name, not the value.
    const listType = ptype === 'CommaDelimitedList' || ptype.startsWith('List<');
    const switchable = !ptype.startsWith('AWS::SSM::');
    if (!pinned && switchable && Array.isArray(allowed) && allowed.length >= 2 && allowed.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')) {
      const values = [...new Set(allowed.map((x) => (ptype === 'Number' ? Number(x) : String(x))))];
      if (values.length > MAX_SWITCH_VALUES) wideSwitches[name] = values.length;
      else if (values.length >= 2 && values.every((x) => typeof x === 'string' || Number.isFinite(x))) {
        switches[name] = values;
        if (listType) switchLists[name] = Math.max(1, listLength(d.Default));
        if (isNoEcho(d)) secretSwitches.add(name);
      }
    }
    const raw = Object.prototype.hasOwnProperty.call(input.parameterOverrides, name) ? input.parameterOverrides[name] : d.Default;
    // A free-text parameter left empty by default that a condition tests for '' (`HasKey: !Not [!Equals
    // [!Ref KeyName, '']]`) is the template's "fill it in or not" switch: the user may fill it in at
    // deploy time, so it has no value here and both sides of such conditions are judged (fixS; labels.yaml:
    // a property under Fn::If fails when any branch the template allows breaks the promise).
    if (raw === undefined || (!pinned && raw === '' && !listType && switchable && !Array.isArray(allowed) && emptyTested.has(name))) {
      unknownParameters.add(name);
      if (!listType && patternRefusesWildcards(d.AllowedPattern)) patternedParameters.add(name);
      continue;
    }
    const type = typeof d.Type === 'string' ? d.Type : 'String';
    // SSM parameter types hold the parameter's name, not its value: the value is unknown here.
    if (type.startsWith('AWS::SSM::Parameter::Value')) {
      unknownParameters.add(name);
      continue;
    }
    const isList = type.startsWith('List<') || type === 'CommaDelimitedList';
    const scalar = (x: unknown) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
    // A default CloudFormation would refuse (an object, a non-number for a Number) is no value we can use.
    if (!(scalar(raw) || (isList && Array.isArray(raw) && raw.every(scalar))) || (type === 'Number' && !Number.isFinite(Number(raw)))) {
      unknownParameters.add(name);
      continue;
    }
    parameters[name] =
      type === 'Number' ? Number(raw) : isList ? (Array.isArray(raw) ? raw.map(String) : String(raw).split(',').map((s) => s.trim())) : raw;
  }
  const imports = importTracker(input.imports);
  const ctx: ResolveContext = {
    imports: imports.hook,
    parameters,
    unknownParameters,
    patternedParameters,
    mappings: obj(t.Mappings),
    conditions: obj(t.Conditions),
    resources: new Set(Object.keys(resourcesIn)),
    region: input.region,
    account: input.account,
    stackName: input.deployedStackName,
    switches,
    switchLists,
    secretSwitches,
    wideSwitches,
  };
  let resolver = new Resolver(ctx);
  // Imports read from here to the resource loop below shape the expansion, not one resource's properties.
  imports.expanding = true;
  const loopCollection = (expr: unknown): string[] | string => {
    const v = resolver.resolve(expr);
    if (isUnresolved(v)) return v.expression;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' || typeof x === 'number')) return 'not a list of strings';
    return v.map(String);
  };
  if (Object.keys(resourcesIn).some((k) => k.startsWith('Fn::ForEach::'))) {
    const expanded = expandForEach(resourcesIn, loopCollection, input.file);
    const inLoops = withoutIncludedResources(expanded.resources, input.file);
    resourcesIn = inLoops.resources;
    for (const g of inLoops.gaps) notCollected.push(g);
    for (const s of expanded.skipped) notCollected.push({ what: `${input.file}: ${s.loop}`, why: `Fn::ForEach not expanded: ${s.why}` });
    ctx.resources = new Set(Object.keys(resourcesIn));
    resolver = new Resolver(ctx);
  }
  // Fn::ForEach inside Properties (AWS::LanguageExtensions only): the keys each loop makes.
  if (asArray(t.Transform).some((tr) => (typeof tr === 'string' ? tr : obj(tr).Name) === 'AWS::LanguageExtensions')) resourcesIn = withPropertyLoops(resourcesIn, loopCollection, input.file);
  // SAM: each AWS::Serverless resource becomes the resources the transform generates (after Fn::ForEach, as deployed).
  let samOrigin: Map<string, SamOrigin> | undefined;
  if (asArray(t.Transform).some((tr) => (typeof tr === 'string' ? tr : obj(tr).Name) === SAM_TRANSFORM)) {
    const sam = expandSam(resourcesIn, t.Globals, resolver, input.file, input.budget && { ...input.budget });
    resourcesIn = sam.resources;
    samOrigin = sam.origin;
    for (const n of sam.notCollected) notCollected.push(n);
    ctx.resources = new Set(Object.keys(resourcesIn));
    resolver = new Resolver(ctx);
  }
  for (const tr of asArray(t.Transform)) {
    const name = typeof tr === 'string' ? tr : typeof obj(tr).Name === 'string' ? (obj(tr).Name as string) : undefined;
    if (name === 'AWS::LanguageExtensions' || name === 'AWS::Serverless-2016-10-31') continue;
    notCollected.push({
      what: `${input.file}: Transform ${name ?? JSON.stringify(tr)}`,
      why: 'a macro rewrites the template at deploy time; vouch judges the template as written (check the processed template for the rest)',
    });
  }
  imports.expanding = false;
  // Resource properties: a direct read of a switch takes every allowed value too (SAM and ForEach above read the Default).
  resolver = new Resolver({ ...ctx, switchRefs: true });
  const resources: Resource[] = [];
  const parameterNames = new Set(Object.keys(obj(t.Parameters)));
  // Parameters that carry a credential: NoEcho ones, and ones whose name says credential (DBPassword).
  const noEchoParameters = new Set(
    Object.entries(obj(t.Parameters))
      .filter(([name, decl]) => isNoEcho(obj(decl)) || secretName(name))
      .map(([name]) => name),
  );
  const resourceTypes = new Map(Object.entries(resourcesIn).map(([id, decl]) => [id, typeof obj(decl).Type === 'string' ? (obj(decl).Type as string) : undefined]));
  const published = publishedSecrets(t.Outputs, resourceTypes);
  const nested: LoadedStack['nested'] = [];
  const notes: string[] = [];
  const idOf = (logicalId: string) => `${input.stackName}/${logicalId}`;
  // A stack repeats a few types many times: each is mapped to its canonical type once.
  const canonicalTypes = new Map<string, string>();
  const typeOf = (cfnType: string) => canonicalTypes.get(cfnType) ?? canonicalTypes.set(cfnType, canonicalType(cfnType)).get(cfnType)!;

  for (const [logicalId, decl] of Object.entries(resourcesIn)) {
    const d = obj(decl);
    if (typeof d.Type !== 'string') {
      notCollected.push({ what: `${input.file}: ${logicalId}`, why: 'resource has no Type' });
      continue;
    }
    const cfnType = d.Type;
    if (cfnType.startsWith('AWS::Serverless::')) {
      notCollected.push({
        what: `${input.file}: ${logicalId} (${cfnType})`,
        why: 'a SAM resource in a template without the AWS::Serverless-2016-10-31 transform: the transform turns it into Lambda, API Gateway, IAM and DynamoDB resources at deploy time; those are judged in the processed template (aws cloudformation get-template --template-stage Processed)',
      });
      continue;
    }
    if (typeof d.Condition === 'string' && resolver.condition(d.Condition) === false) {
      notes.push(`${input.file}: ${logicalId} not deployed (condition ${d.Condition} is false)`);
      continue;
    }
    const meta = obj(d.Metadata);
    imports.current = logicalId;
    const declared = obj(d.Properties);
    const resolved = input.reuse?.(logicalId) ?? obj(resolver.resolve(declared));
    imports.current = undefined;
    // Resolution returns a part with nothing to resolve as it is: the properties are written to below, the template's are not.
    // A dynamic reference ({{resolve:ssm:…}}) is settled at deploy time, not by its text: unresolved, as written kept.
    const props = withDynamicReferences(resolved === declared ? { ...declared } : resolved);
    for (const attr of ['DeletionPolicy', 'UpdateReplacePolicy'] as const) {
      if (typeof d[attr] === 'string') props[attr] = d[attr];
    }
    const sam = samOrigin?.get(logicalId);
    const constructPath =
      (typeof meta['aws:cdk:path'] === 'string' ? (meta['aws:cdk:path'] as string) : undefined) ?? input.constructPaths?.get(logicalId);
    const r: Resource = {
      type: typeOf(cfnType),
      provider: 'aws',
      source: 'iac',
      id: idOf(logicalId),
      name: logicalId,
      properties: props,
      raw: [
        {
          operation: 'template',
          data: { Type: cfnType, ...(d.Condition ? { Condition: d.Condition } : {}), ...(sam ? { GeneratedFrom: { LogicalId: sam.sam, Type: sam.samType } } : {}) },
        },
      ],
      location: {
        file: input.file,
        // A resource the SAM transform generates points at the SAM resource it comes from.
        line: input.parsed.lines.get(sam ? sam.sam : logicalId),
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
    // Credentials written in the resource (Properties as written, cfn-init metadata): classes only, never values.
    const secretSites = [...scanResource(d, { parameters: parameterNames, noEcho: noEchoParameters, condition: (c) => resolver.condition(c), mappings: ctx.mappings, resourceTypes }), ...(published.get(logicalId) ?? [])];
    if (secretSites.length) r.properties[TEMPLATE_SECRETS] = secretSites;
    const acks = parseAcknowledgements(meta);
    if (acks) r.acknowledgements = acks;
    resources.push(r);
    if (cfnType === 'AWS::CloudFormation::Stack') {
      const assetPath = typeof meta['aws:asset:path'] === 'string' ? (meta['aws:asset:path'] as string) : undefined;
      nested.push({ logicalId, templatePath: assetPath, templateUrl: d.Properties && typeof d.Properties === 'object' ? (d.Properties as Record<string, unknown>).TemplateURL : undefined });
    }
  }
  if (resolver.overBudget)
    notCollected.push({ what: input.file, why: 'some intrinsic functions took more work to resolve than vouch allows (a self-referring mapping, or Fn::If nested on unknown conditions); those values are unresolved and judged unknown' });
  resolveRelations(resources, (lid) => (ctx.resources.has(lid) ? idOf(lid) : undefined), input.external);
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
      Parameters: templateParameters(t.Parameters, input.parameterOverrides, parametersNamingSecrets(t.Resources, noEchoParameters), parametersUsedAsIdentifiers(t.Resources, parameterNames), parametersInOutputs(t.Outputs, parameterNames)),
    },
    location: { file: input.file, line: 1, stack: input.stackName, region: input.region, account: input.account },
    relations: {},
  });
  return { resources, nested, notes, notCollected, exports: exportsOf(t.Outputs, ctx, input), importNames: imports.names, importing: imports.importing, importsInExpansion: imports.inExpansion };
}

/**
 * The import hook of one load: it records every name asked for, and which resource's properties
 * asked (`current`, set around each resource) or whether the expansion asked (`expanding`: loops,
 * SAM), and answers with `resolve` (first load: nothing).
 */
function importTracker(resolve: ImportHook | undefined) {
  const t = {
    names: new Set<string>(),
    importing: new Set<string>(),
    current: undefined as string | undefined,
    expanding: false,
    inExpansion: false,
    hook: (name: string): unknown => {
      t.names.add(name);
      if (t.current !== undefined) t.importing.add(t.current);
      else if (t.expanding) t.inExpansion = true;
      return resolve?.(name);
    },
  };
  return t;
}

/**
 * The stack's exports. A name reading `AWS::StackName` takes the name vouch gives the stack when its
 * deployed name is not known (a bare template: its file name), as an importer's stack-name parameter
 * would spell it; values resolve as resource properties do.
 */
function exportsOf(outputs: unknown, ctx: ResolveContext, input: StackInput): StackExport[] {
  if (!outputs || typeof outputs !== 'object') return [];
  const names = new Resolver({ ...ctx, stackName: input.deployedStackName ?? (input.stackNameUnknown ? undefined : input.stackName) });
  const values = new Resolver({ ...ctx, switchRefs: true });
  return outputExports(outputs, (v) => names.resolve(v), (v) => values.resolve(v), (c) => values.condition(c));
}

/**
 * Template parameter declarations as stack-level facts, for secrets rules:
 * type, NoEcho, whether a default is written in the template (and whether it
 * has a token's shape). Values are never copied: a default may be a secret.
 */
function templateParameters(decls: unknown, overrides: Record<string, string>, namingSecrets: ReadonlySet<string>, identifiers: ReadonlySet<string>, inOutputs: ReadonlyMap<string, string[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, decl] of Object.entries(obj(decls))) {
    const d = obj(decl);
    const dflt = d.Default;
    const noEcho = isNoEcho(d);
    out[name] = {
      Type: typeof d.Type === 'string' ? d.Type : 'String',
      NoEcho: noEcho,
      HasDefault: dflt !== undefined && dflt !== '',
      ...(typeof dflt === 'string' && tokenShape(dflt) ? { DefaultTokenShape: tokenShape(dflt) } : {}),
      ...(Object.prototype.hasOwnProperty.call(overrides, name) ? { Overridden: true } : {}),
      ...(namingSecrets.has(name) ? { NamesSecret: true } : {}),
      ...identifierFact(name, d, identifiers),
      ...(inOutputs.has(name) ? { PublishedIn: inOutputs.get(name) } : {}),
    };
  }
  return out;
}

/**
 * Why a parameter holds an identifier rather than a value of its own, whatever its name says: an
 * ARN-only AllowedPattern, a default shaped as an ARN, host name or plain URL, or every use as an
 * identifier (parametersUsedAsIdentifiers). Only the reason is kept, never the default.
 */
function identifierFact(name: string, d: Record<string, unknown>, usedAsIdentifier: ReadonlySet<string>): { NamesIdentifier?: string } {
  if (typeof d.AllowedPattern === 'string' && /^\^?arn:/.test(d.AllowedPattern)) return { NamesIdentifier: 'its AllowedPattern admits only ARNs' };
  const dflt = typeof d.Default === 'string' ? d.Default.trim() : undefined;
  if (dflt && !tokenShape(dflt) && (/^arn:aws[a-z-]*:/.test(dflt) || identifierUnderName(name, dflt))) return { NamesIdentifier: 'its default is an ARN, host name or URL' };
  if (usedAsIdentifier.has(name)) return { NamesIdentifier: 'every use of it is a property that takes an ARN, id or name' };
  return {};
}

/** `NoEcho: true`, also written as the string `"true"` (any case), as CloudFormation accepts it. */
function isNoEcho(decl: Record<string, unknown>): boolean {
  const e = decl.NoEcho;
  return e === true || (typeof e === 'string' && e.toLowerCase() === 'true');
}

/** Parameters some condition compares with '' (`!Equals [!Ref KeyName, '']`): the template's "left empty / filled in" switch. */
function parametersTestedForEmpty(conditions: unknown): Set<string> {
  const out = new Set<string>();
  let budget = 10_000;
  const walk = (x: unknown, depth: number): void => {
    if (--budget < 0 || depth > 20 || !x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach((y) => walk(y, depth + 1));
    const o = x as Record<string, unknown>;
    const eq = o['Fn::Equals'];
    if (Array.isArray(eq) && eq.length === 2) {
      for (const [a, b] of [[eq[0], eq[1]], [eq[1], eq[0]]] as const) {
        const ref = a && typeof a === 'object' && !Array.isArray(a) ? (a as Record<string, unknown>).Ref : undefined;
        if (typeof ref === 'string' && b === '') out.add(ref);
      }
    }
    for (const v of Object.values(o)) walk(v, depth + 1);
  };
  walk(conditions, 0);
  return out;
}

/** Resources with every `Fn::ForEach` in their Properties expanded (see expandForEachInProperties); the same object when none has one. */
function withPropertyLoops(resources: Record<string, unknown>, collection: (expr: unknown) => string[] | string, file: string): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const [id, decl] of Object.entries(resources)) {
    const d = obj(decl);
    if (d.Properties === undefined) continue;
    const props = expandForEachInProperties(d.Properties, collection, file);
    if (props === d.Properties) continue;
    (out ??= { ...resources })[id] = { ...d, Properties: props };
  }
  return out ?? resources;
}
