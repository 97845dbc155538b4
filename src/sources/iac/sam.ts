/**
 * The AWS::Serverless-2016-10-31 transform, done as far as the rules need:
 * each SAM resource becomes the CloudFormation resources SAM generates for it
 * (AWS SAM specification, "Generated AWS CloudFormation resources"), carrying
 * the properties SAM documents for them. Globals are merged first, as SAM
 * does (maps merged key by key with the resource winning, lists concatenated,
 * anything else taken from the resource).
 *
 * What cannot be expanded here is never left to pass: a SAM policy template
 * vouch has no table entry for (sam-policy-templates.ts) becomes an unresolved
 * policy (judged unknown), and SAM types or event sources not expanded are
 * listed as not collected.
 *
 * Generated logical ids follow SAM's naming (`<Fn>Role`, `<Api><Stage>Stage`,
 * `<Fn>Url`, ...); `origin` maps each to the SAM resource it came from so
 * findings point at the SAM resource's line.
 */
import { createHash } from 'node:crypto';
import { asRecord } from '../../evaluate/facts.js';
import { Unresolved } from '../../model/values.js';
import type { Resolver } from './intrinsics.js';
import { expandPolicyTemplate } from './sam-policy-templates.js';
import { expandRuleEvent, RULE_EVENT_TYPES, ruleEventResourceCount, serviceRole } from './sam-events.js';
import { tooManyResources, type ResourceBudget } from './resource-cap.js';

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

export interface SamOrigin {
  /** Logical id of the SAM resource this one was generated from. */
  sam: string;
  samType: string;
}

export interface SamExpansion {
  resources: Record<string, unknown>;
  origin: Map<string, SamOrigin>;
  notCollected: { what: string; why: string }[];
}

type Decl = Record<string, unknown>;
const obj = asRecord;
const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const isIntrinsic = (v: unknown): boolean => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
};
const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && !isIntrinsic(v);
/** CloudFormation functions that can yield a managed policy ARN; any other `Fn::X` in Policies is a policy template written as a YAML tag (`!SQSPollerPolicy`). */
const ARN_FUNCTIONS = new Set(['Ref', 'Fn::Sub', 'Fn::Join', 'Fn::If', 'Fn::GetAtt', 'Fn::ImportValue', 'Fn::FindInMap', 'Fn::Select']);

/** SAM's Globals merge: maps merged (resource wins), lists concatenated (globals first), else the resource's value. */
export function mergeGlobals(global: unknown, local: unknown): unknown {
  if (local === undefined) return global;
  if (global === undefined) return local;
  if (isMap(global) && isMap(local)) {
    const out: Record<string, unknown> = { ...global };
    for (const [k, v] of Object.entries(local)) out[k] = mergeGlobals(global[k], v);
    return out;
  }
  if (Array.isArray(global) && Array.isArray(local)) return [...global, ...local];
  return local;
}

/** Only the listed properties of a SAM resource, where set. */
function pick(props: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (props[k] !== undefined) out[k] = props[k];
  return out;
}

const sub = (s: string, vars?: Record<string, unknown>) => ({ 'Fn::Sub': vars ? [s, vars] : s });
const managedArn = (name: string) => sub(`arn:\${AWS::Partition}:iam::aws:policy/${name}`);

const FUNCTION_PROPS = [
  'Architectures', 'CodeSigningConfigArn', 'Description', 'Environment', 'EphemeralStorage', 'FileSystemConfigs', 'FunctionName',
  'Handler', 'ImageConfig', 'KmsKeyArn', 'Layers', 'LoggingConfig', 'MemorySize', 'PackageType', 'RecursiveLoop', 'ReservedConcurrentExecutions',
  'Runtime', 'RuntimeManagementConfig', 'SnapStart', 'Timeout', 'VpcConfig', 'Tags',
] as const;

interface Out {
  add(id: string, type: string, props: Record<string, unknown>): void;
  gap(what: string, why: string): void;
}

/**
 * SAM `Policies` → the generated role's managed policy ARNs and inline policies.
 * A policy template (a map keyed by template name) becomes the inline policy
 * the transform writes for it; one vouch has no entry for becomes an
 * unresolved inline policy, so the role is judged unknown, never pass.
 */
function rolePolicies(roleId: string, policies: unknown, out: Out): { managed: unknown[]; inline: unknown[] } {
  const managed: unknown[] = [];
  const inline: unknown[] = [];
  const NO_VALUE = { Ref: 'AWS::NoValue' };
  const isNoValue = (v: unknown) => isIntrinsic(v) && (v as { Ref?: unknown }).Ref === 'AWS::NoValue';
  /** An entry that is (or may be) a managed policy ARN rather than a statement document or a template. */
  const isManaged = (v: unknown) => typeof v === 'string' || (isIntrinsic(v) && Object.keys(v as object)[0] !== 'Fn::If' && ARN_FUNCTIONS.has(Object.keys(v as object)[0]!));
  /** The inline policy one entry becomes: a statement document as given, a template expanded, or unresolved (listed). */
  const inlineOf = (p: unknown, i: number): unknown => {
    const policyName = `${roleId}Policy${i}`;
    if (isMap(p) && p.Statement !== undefined) return { PolicyName: policyName, PolicyDocument: p };
    if (p && typeof p === 'object' && !Array.isArray(p)) {
      const keys = Object.keys(p);
      const name = (keys[0] ?? '(empty)').replace(/^Fn::/, '');
      const expanded = keys.length === 1 ? expandPolicyTemplate(name, (p as Record<string, unknown>)[keys[0]!]) : { why: `SAM Policies[${i}] names ${keys.length} policy templates in one entry: the transform rejects it` };
      if ('document' in expanded) return { PolicyName: policyName, PolicyDocument: expanded.document };
      out.gap(`Policies[${i}] (${name})`, expanded.why);
      return { PolicyName: policyName, PolicyDocument: new Unresolved(expanded.why) };
    }
    return { PolicyName: policyName, PolicyDocument: new Unresolved(`SAM Policies[${i}] is not a policy vouch understands`) };
  };
  asList(policies).forEach((p, i) => {
    if (typeof p === 'string') managed.push(p.startsWith('arn:') ? p : managedArn(p));
    else if (isIntrinsic(p) && Object.keys(p as object)[0] === 'Fn::If') {
      // SAM resolves policy templates inside Fn::If: each branch is expanded as its own entry, and the
      // condition stays on the generated policy (judged per branch when its value is unknown).
      const args = (p as { 'Fn::If': unknown })['Fn::If'];
      const [cond, a, b] = Array.isArray(args) && args.length === 3 ? args : [undefined, undefined, undefined];
      const branches = [a, b].filter((x) => !isNoValue(x));
      if (cond === undefined || branches.every(isManaged)) managed.push(p);
      else if (branches.some(isManaged)) {
        const why = 'SAM Policies entry whose Fn::If mixes a managed policy and an inline one: not expanded by vouch';
        inline.push({ PolicyName: `${roleId}Policy${i}`, PolicyDocument: new Unresolved(why) });
        out.gap(`Policies[${i}] (Fn::If)`, why);
      }
      else inline.push({ 'Fn::If': [cond, isNoValue(a) ? NO_VALUE : inlineOf(a, i), isNoValue(b) ? NO_VALUE : inlineOf(b, i)] });
    } else if (isManaged(p)) managed.push(p);
    else inline.push(inlineOf(p, i));
  });
  return { managed, inline };
}

function executionRole(roleId: string, service: string, props: Record<string, unknown>, baseManaged: unknown[], out: Out): void {
  const { managed, inline } = rolePolicies(roleId, props.Policies, out);
  out.add(roleId, 'AWS::IAM::Role', {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }],
    },
    ManagedPolicyArns: [...baseManaged, ...managed],
    ...(inline.length ? { Policies: inline } : {}),
    ...(props.PermissionsBoundary !== undefined ? { PermissionsBoundary: props.PermissionsBoundary } : {}),
    ...(props.RolePath !== undefined ? { Path: props.RolePath } : {}),
    ...(props.Tags !== undefined ? { Tags: props.Tags } : {}),
  });
}

/** A stage name as SAM needs it for logical ids: a literal, or a parameter resolved with its default/override. */
function stageName(v: unknown, resolver: Resolver): string | undefined {
  const r = resolver.resolve(v);
  return typeof r === 'string' || typeof r === 'number' ? String(r) : undefined;
}

/** A logical id for a message: a hostile one can be any length. */
const clip = (id: string) => (id.length > 120 ? `${id.slice(0, 120)}…` : id);

const hash10 = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 10);

/**
 * `budget`: what is left of the run's resource cap; SAM multiplies resources inside one template (Globals
 * copied to every function, each with its events: 33 KB of template made 180,000 resources), so the
 * resources it makes are counted as they are made.
 */
export function expandSam(resourcesIn: Record<string, unknown>, globalsIn: unknown, resolver: Resolver, file: string, budget?: ResourceBudget): SamExpansion {
  const resources: Record<string, unknown> = {};
  const origin = new Map<string, SamOrigin>();
  const notCollected: SamExpansion['notCollected'] = [];
  const globals = obj(globalsIn);
  // Implicit APIs (events without RestApiId/ApiId) collect here and are generated once.
  const implicit: Implicit = { rest: [], http: [] };
  const samIds = new Set<string>();

  // Each SAM resource's properties with the Globals merged, and the fewest resources their expansion makes: a
  // template sure to pass what is left of the run's cap is refused before anything is built (5,000 functions ×
  // 50 Globals events built a million resources, 0.65 GB, before the cap stopped them).
  const merged = new Map<string, Record<string, unknown>>();
  let fewest = 0;
  for (const [logicalId, declIn] of Object.entries(resourcesIn)) {
    const decl = obj(declIn);
    if (typeof decl.Type !== 'string' || !decl.Type.startsWith('AWS::Serverless::')) continue;
    const kind = decl.Type.slice('AWS::Serverless::'.length);
    const props = obj(mergeGlobals(globals[kind], obj(decl.Properties)));
    merged.set(logicalId, props);
    fewest += fewestMade(kind, props);
  }
  if (budget && fewest > budget.left) throw tooManyResources(file, budget.cap);

  for (const [logicalId, declIn] of Object.entries(resourcesIn)) {
    const decl = obj(declIn);
    const type = decl.Type;
    if (typeof type !== 'string' || !type.startsWith('AWS::Serverless::')) {
      resources[logicalId] = declIn;
      continue;
    }
    samIds.add(logicalId);
    // As SAM does: Condition, DeletionPolicy and UpdateReplacePolicy go to every generated resource, Metadata to the
    // base one only; vouch's own acknowledgements (Metadata.vouch) cover every resource the SAM resource becomes.
    const carry: Decl = {};
    for (const k of ['Condition', 'DeletionPolicy', 'UpdateReplacePolicy'] as const) if (decl[k] !== undefined) carry[k] = decl[k];
    const vouchMeta = obj(decl.Metadata).vouch;
    const where = `${file}: ${logicalId} (${type})`;
    const out: Out = {
      add(id, cfnType, props) {
        if (budget && --budget.left < 0) throw tooManyResources(file, budget.cap);
        // A generated id that names a resource the template declares, or one another SAM resource made (an event
        // or DeadLetterConfig.QueueLogicalId chosen to collide, or `__proto__`), would replace it unseen: SAM
        // refuses such a template (a logical id already in the template); vouch keeps the first and says so.
        if (id === '__proto__' || (id !== logicalId && Object.hasOwn(resourcesIn, id)) || (Object.hasOwn(resources, id) && origin.get(id)?.sam !== logicalId)) {
          notCollected.push({ what: `${file}: ${logicalId} (${type}) generates ${clip(id)}`, why: 'a logical id the template already uses (SAM refuses the template); the generated resource is not judged' });
          return;
        }
        const meta = id === logicalId ? decl.Metadata : vouchMeta !== undefined ? { vouch: vouchMeta } : undefined;
        resources[id] = { ...carry, ...(meta !== undefined ? { Metadata: meta } : {}), Type: cfnType, Properties: props };
        origin.set(id, { sam: logicalId, samType: type });
      },
      gap(what, why) {
        notCollected.push({ what: `${file}: ${logicalId} ${what}`, why });
      },
    };
    const kind = type.slice('AWS::Serverless::'.length);
    const props = merged.get(logicalId)!;
    switch (kind) {
      case 'Function':
        expandFunction(logicalId, props, out, implicit);
        break;
      case 'Api':
        expandApi(logicalId, props, out, resolver);
        break;
      case 'HttpApi':
        expandHttpApi(logicalId, props, out, resolver);
        break;
      case 'SimpleTable':
        expandSimpleTable(logicalId, props, out);
        break;
      case 'StateMachine':
        expandStateMachine(logicalId, props, out, implicit);
        break;
      case 'LayerVersion':
        out.add(logicalId, 'AWS::Lambda::LayerVersion', {
          ...pick(props, ['CompatibleArchitectures', 'CompatibleRuntimes', 'Description', 'LicenseInfo']),
          ...(props.LayerName !== undefined ? { LayerName: props.LayerName } : {}),
          Content: props.ContentUri ?? new Unresolved('SAM ContentUri'),
        });
        break;
      case 'Application':
        // As SAM does: a nested stack of the application's template (from the Serverless Application
        // Repository or a packaged path), which vouch does not read; its Parameters stay as written.
        out.add(logicalId, 'AWS::CloudFormation::Stack', {
          TemplateURL: props.Location ?? new Unresolved('SAM Application Location'),
          ...pick(props, ['Parameters', 'NotificationARNs', 'Tags', 'TimeoutInMinutes']),
        });
        break;
      default:
        notCollected.push({
          what: where,
          why: 'a SAM resource type vouch does not expand; what the AWS::Serverless transform makes of it is judged in the processed template (aws cloudformation get-template --template-stage Processed)',
        });
    }
  }
  // SAM's implicit APIs: one REST API (stage Prod) and one HTTP API ($default) for events that name none.
  if (implicit.rest.length && !samIds.has('ServerlessRestApi')) {
    expandApi('ServerlessRestApi', obj(mergeGlobals(globals.Api, { StageName: 'Prod' })), {
      add(id, cfnType, props) {
        resources[id] = { Type: cfnType, Properties: props };
        origin.set(id, { sam: implicit.rest[0]!.id, samType: implicit.rest[0]!.type });
      },
      gap: () => undefined,
    }, resolver);
  }
  if (implicit.http.length && !samIds.has('ServerlessHttpApi')) {
    expandHttpApi('ServerlessHttpApi', obj(mergeGlobals(globals.HttpApi, {})), {
      add(id, cfnType, props) {
        resources[id] = { Type: cfnType, Properties: props };
        origin.set(id, { sam: implicit.http[0]!.id, samType: implicit.http[0]!.type });
      },
      gap: () => undefined,
    }, resolver);
  }
  return { resources, origin, notCollected };
}

/**
 * How many resources (`out.add` calls) the expansion of one SAM resource makes at least, from its merged
 * properties: the resource itself, the execution role SAM writes when none is named, and what each event
 * always makes (a permission, an API event's role; a rule's event exactly as sam-events.ts makes it).
 */
function fewestMade(kind: string, props: Record<string, unknown>): number {
  if (kind !== 'Function' && kind !== 'StateMachine') return kind === 'Api' || kind === 'HttpApi' ? 2 : kind === 'SimpleTable' || kind === 'LayerVersion' || kind === 'Application' ? 1 : 0;
  const owner = kind === 'Function' ? 'function' : 'state machine';
  let n = 1 + (props.Role === undefined ? 1 : 0);
  for (const evIn of Object.values(obj(props.Events))) {
    const ev = obj(evIn);
    const type = typeof ev.Type === 'string' ? ev.Type : '';
    if (RULE_EVENT_TYPES.has(type)) n += ruleEventResourceCount(owner, type, ev.Properties) + (owner === 'function' && type !== 'ScheduleV2' ? 1 : 0);
    else if (owner === 'function' ? FUNCTION_PERMISSION_EVENTS.has(type) : type === 'Api') n += 1;
  }
  return n;
}

/** Events for which expandFunction writes one permission and nothing else (SAM writes the implicit API once, not per event). */
const FUNCTION_PERMISSION_EVENTS = new Set(['Api', 'HttpApi', 'SNS', 'S3']);

/**
 * A function's `EventInvokeConfig` becomes `<Function>EventInvokeConfig` (AWS::Lambda::EventInvokeConfig) on
 * `$LATEST`, or on the alias AutoPublishAlias names. A destination of Type SQS/SNS written without a
 * Destination is a queue/topic SAM creates in the stack (`<Function>EventInvokeConfigOnFailureQueue`,
 * `…OnSuccessTopic`); SAM's own Type is dropped, as CloudFormation has none.
 */
function expandEventInvokeConfig(id: string, props: Record<string, unknown>, out: Out): void {
  const eic = obj(props.EventInvokeConfig);
  const given = obj(eic.DestinationConfig);
  const destinations: Record<string, unknown> = {};
  for (const key of ['OnSuccess', 'OnFailure'] as const) {
    if (given[key] === undefined) continue;
    const d = obj(given[key]);
    let target = d.Destination;
    if (target === undefined && (d.Type === 'SQS' || d.Type === 'SNS')) {
      const made = `${id}EventInvokeConfig${key}${d.Type === 'SQS' ? 'Queue' : 'Topic'}`;
      out.add(made, d.Type === 'SQS' ? 'AWS::SQS::Queue' : 'AWS::SNS::Topic', {});
      target = d.Type === 'SQS' ? { 'Fn::GetAtt': [made, 'Arn'] } : { Ref: made };
    }
    destinations[key] = { Destination: target ?? new Unresolved(`SAM EventInvokeConfig.DestinationConfig.${key} without a Destination`) };
  }
  out.add(`${id}EventInvokeConfig`, 'AWS::Lambda::EventInvokeConfig', {
    FunctionName: { Ref: id },
    Qualifier: props.AutoPublishAlias ?? '$LATEST',
    ...pick(eic, ['MaximumEventAgeInSeconds', 'MaximumRetryAttempts']),
    ...(Object.keys(destinations).length ? { DestinationConfig: destinations } : {}),
  });
}

/** The SAM resources (logical id, SAM type) whose events name no API, in template order: SAM makes the implicit API for them. */
type Implicit = { rest: { id: string; type: string }[]; http: { id: string; type: string }[] };

/**
 * The API an `Api` (REST) or `HttpApi` event is served by: the one its RestApiId / ApiId names, else SAM's implicit
 * `ServerlessRestApi` / `ServerlessHttpApi`, which the event's owner then asks for. Shared by functions and state machines.
 */
function eventApi(kind: 'rest' | 'http', ep: Record<string, unknown>, owner: { id: string; type: string }, implicit: Implicit): unknown {
  const api = kind === 'rest' ? ep.RestApiId : ep.ApiId;
  if (api !== undefined) return api;
  implicit[kind].push(owner);
  return { Ref: kind === 'rest' ? 'ServerlessRestApi' : 'ServerlessHttpApi' };
}

function expandFunction(id: string, props: Record<string, unknown>, out: Out, implicit: Implicit): void {
  const fn: Record<string, unknown> = pick(props, FUNCTION_PROPS);
  if (props.CodeUri !== undefined || props.InlineCode !== undefined || props.ImageUri !== undefined)
    fn.Code = props.InlineCode !== undefined ? { ZipFile: props.InlineCode } : props.ImageUri !== undefined ? { ImageUri: props.ImageUri } : props.CodeUri;
  if (props.Tracing !== undefined) fn.TracingConfig = { Mode: props.Tracing };
  if (props.DeadLetterQueue !== undefined) fn.DeadLetterConfig = { TargetArn: obj(props.DeadLetterQueue).TargetArn };
  if (props.Role !== undefined) fn.Role = props.Role;
  else {
    const roleId = `${id}Role`;
    fn.Role = { 'Fn::GetAtt': [roleId, 'Arn'] };
    const base: unknown[] = [managedArn('service-role/AWSLambdaBasicExecutionRole')];
    if (props.Tracing === 'Active') base.push(managedArn('AWSXrayWriteOnlyAccess'));
    if (props.VpcConfig !== undefined) base.push(managedArn('service-role/AWSLambdaVPCAccessExecutionRole'));
    executionRole(roleId, 'lambda.amazonaws.com', props, base, out);
  }
  out.add(id, 'AWS::Lambda::Function', fn);
  if (props.EventInvokeConfig !== undefined) expandEventInvokeConfig(id, props, out);

  const url = props.FunctionUrlConfig;
  if (url !== undefined) {
    const u = obj(url);
    out.add(`${id}Url`, 'AWS::Lambda::Url', {
      TargetFunctionArn: { Ref: id },
      AuthType: u.AuthType ?? new Unresolved('FunctionUrlConfig without AuthType'),
      ...pick(u, ['Cors', 'InvokeMode']),
    });
    // SAM grants public invoke permission itself when the URL has no authentication. An AuthType vouch cannot
    // read as AWS_IAM (an Fn::If, a parameter) keeps the permission, judged on each value it may take.
    if (u.AuthType !== 'AWS_IAM')
      out.add(`${id}UrlPublicPermissions`, 'AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunctionUrl',
        FunctionName: { Ref: id },
        Principal: '*',
        FunctionUrlAuthType: u.AuthType ?? new Unresolved('FunctionUrlConfig without AuthType'),
      });
  }

  for (const [eventId, evIn] of Object.entries(obj(props.Events))) {
    const ev = obj(evIn);
    const ep = obj(ev.Properties);
    const permission = (pid: string, principal: string, narrow: Record<string, unknown>) =>
      out.add(pid, 'AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', FunctionName: { Ref: id }, Principal: principal, ...narrow });
    switch (ev.Type) {
      case 'Api': {
        const apiRef = eventApi('rest', ep, { id, type: 'AWS::Serverless::Function' }, implicit);
        permission(`${id}${eventId}PermissionProd`, 'apigateway.amazonaws.com', {
          SourceArn: sub('arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/*', { __ApiId__: apiRef, __Stage__: '*' }),
        });
        break;
      }
      case 'HttpApi': {
        const apiRef = eventApi('http', ep, { id, type: 'AWS::Serverless::Function' }, implicit);
        permission(`${id}${eventId}Permission`, 'apigateway.amazonaws.com', {
          SourceArn: sub('arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/*', { __ApiId__: apiRef }),
        });
        break;
      }
      case 'SNS':
        permission(`${id}${eventId}Permission`, 'sns.amazonaws.com', { SourceArn: ep.Topic ?? new Unresolved('SNS event without Topic') });
        break;
      case 'S3':
        permission(`${id}${eventId}Permission`, 's3.amazonaws.com', { SourceAccount: { Ref: 'AWS::AccountId' } });
        break;
      case 'Schedule':
      case 'ScheduleV2':
      case 'CloudWatchEvent':
      case 'EventBridgeRule':
        if (ev.Type !== 'ScheduleV2')
          permission(`${id}${eventId}Permission`, 'events.amazonaws.com', { SourceArn: { 'Fn::GetAtt': [`${id}${eventId}`, 'Arn'] } });
        expandRuleEvent({ id, kind: 'function' }, eventId, ev.Type, ev.Properties, out);
        break;
      case 'SQS':
      case 'Kinesis':
      case 'DynamoDB':
      case 'MSK':
      case 'MQ':
      case 'SelfManagedKafka':
      case 'DocumentDB':
        // Event source mappings: the function polls; no resource policy is added.
        break;
      default:
        out.gap(`event ${eventId} (${String(ev.Type)})`, 'an event source vouch does not expand (the permission or resources SAM generates for it are not judged)');
    }
  }
}

function expandApi(id: string, props: Record<string, unknown>, out: Out, resolver: Resolver): void {
  const api: Record<string, unknown> = pick(props, ['ApiKeySourceType', 'BinaryMediaTypes', 'Description', 'DisableExecuteApiEndpoint', 'MinimumCompressionSize', 'Mode', 'Name', 'Tags', 'FailOnWarnings']);
  if (props.DefinitionBody !== undefined) api.Body = props.DefinitionBody;
  else if (props.DefinitionUri !== undefined) api.BodyS3Location = props.DefinitionUri;
  const ec = props.EndpointConfiguration;
  if (ec !== undefined) {
    if (typeof ec === 'string' || isIntrinsic(ec)) api.EndpointConfiguration = { Types: [ec] };
    else {
      const e = obj(ec);
      api.EndpointConfiguration = { Types: [e.Type ?? 'EDGE'], ...(e.VPCEndpointIds !== undefined ? { VpcEndpointIds: e.VPCEndpointIds } : {}) };
    }
  }
  const resourcePolicy = obj(props.Auth).ResourcePolicy;
  if (resourcePolicy !== undefined) api.Policy = new Unresolved('SAM Auth.ResourcePolicy: the policy SAM writes is not expanded by vouch');
  out.add(id, 'AWS::ApiGateway::RestApi', api);

  const stage = stageName(props.StageName, resolver);
  const stageId = stage !== undefined ? `${id}${stage.replace(/[^A-Za-z0-9]/g, '')}Stage` : `${id}Stage`;
  out.add(stageId, 'AWS::ApiGateway::Stage', {
    RestApiId: { Ref: id },
    StageName: props.StageName ?? new Unresolved('SAM Api without StageName'),
    ...pick(props, ['AccessLogSetting', 'CacheClusterEnabled', 'CacheClusterSize', 'CanarySetting', 'MethodSettings', 'TracingEnabled', 'Tags']),
    ...(props.Variables !== undefined ? { Variables: props.Variables } : {}),
  });

  const domain = obj(props.Domain);
  if (props.Domain !== undefined) {
    const name = domain.DomainName;
    const suffix = typeof name === 'string' ? hash10(name) : '';
    const regional = domain.EndpointConfiguration === 'REGIONAL' || domain.EndpointConfiguration === 'PRIVATE';
    out.add(`ApiGatewayDomainName${suffix}`, 'AWS::ApiGateway::DomainName', {
      DomainName: name,
      EndpointConfiguration: { Types: [domain.EndpointConfiguration ?? 'REGIONAL'] },
      ...(regional || domain.EndpointConfiguration === undefined ? { RegionalCertificateArn: domain.CertificateArn } : { CertificateArn: domain.CertificateArn }),
      ...pick(domain, ['SecurityPolicy', 'MutualTlsAuthentication', 'OwnershipVerificationCertificateArn']),
    });
  }
}

function expandHttpApi(id: string, props: Record<string, unknown>, out: Out, resolver: Resolver): void {
  const api: Record<string, unknown> = { ProtocolType: 'HTTP', ...pick(props, ['CorsConfiguration', 'Description', 'DisableExecuteApiEndpoint', 'FailOnWarnings', 'Name', 'Tags']) };
  if (props.DefinitionBody !== undefined) api.Body = props.DefinitionBody;
  else if (props.DefinitionUri !== undefined) api.BodyS3Location = props.DefinitionUri;
  out.add(id, 'AWS::ApiGatewayV2::Api', api);

  const stage = props.StageName === undefined ? '$default' : stageName(props.StageName, resolver);
  const stageId = stage === '$default' ? `${id}ApiGatewayDefaultStage` : stage !== undefined ? `${id}${stage.replace(/[^A-Za-z0-9]/g, '')}Stage` : `${id}Stage`;
  out.add(stageId, 'AWS::ApiGatewayV2::Stage', {
    ApiId: { Ref: id },
    StageName: props.StageName ?? '$default',
    AutoDeploy: true,
    ...pick(props, ['AccessLogSettings', 'DefaultRouteSettings', 'RouteSettings', 'StageVariables', 'Tags']),
  });

  if (props.Domain !== undefined) {
    const domain = obj(props.Domain);
    const name = domain.DomainName;
    out.add(`ApiGatewayDomainNameV2${typeof name === 'string' ? hash10(name) : ''}`, 'AWS::ApiGatewayV2::DomainName', {
      DomainName: name,
      DomainNameConfigurations: [
        {
          CertificateArn: domain.CertificateArn,
          EndpointType: domain.EndpointConfiguration ?? 'REGIONAL',
          ...(domain.SecurityPolicy !== undefined ? { SecurityPolicy: domain.SecurityPolicy } : {}),
        },
      ],
      ...pick(domain, ['MutualTlsAuthentication']),
    });
  }
}

function expandSimpleTable(id: string, props: Record<string, unknown>, out: Out): void {
  const pk = obj(props.PrimaryKey);
  const name = pk.Name ?? 'id';
  const attrType = pk.Type === undefined ? 'S' : pk.Type === 'String' ? 'S' : pk.Type === 'Number' ? 'N' : pk.Type === 'Binary' ? 'B' : pk.Type;
  out.add(id, 'AWS::DynamoDB::Table', {
    AttributeDefinitions: [{ AttributeName: name, AttributeType: attrType }],
    KeySchema: [{ AttributeName: name, KeyType: 'HASH' }],
    ...(props.ProvisionedThroughput !== undefined ? { ProvisionedThroughput: props.ProvisionedThroughput } : { BillingMode: 'PAY_PER_REQUEST' }),
    ...pick(props, ['SSESpecification', 'TableName', 'Tags', 'PointInTimeRecoverySpecification']),
  });
}

function expandStateMachine(id: string, props: Record<string, unknown>, out: Out, implicit: Implicit): void {
  const sm: Record<string, unknown> = {};
  if (props.Definition !== undefined) sm.Definition = props.Definition;
  if (props.DefinitionUri !== undefined) sm.DefinitionS3Location = props.DefinitionUri;
  if (props.DefinitionSubstitutions !== undefined) sm.DefinitionSubstitutions = props.DefinitionSubstitutions;
  if (props.Logging !== undefined) sm.LoggingConfiguration = props.Logging;
  if (props.Tracing !== undefined) sm.TracingConfiguration = props.Tracing;
  if (props.Type !== undefined) sm.StateMachineType = props.Type;
  if (props.Name !== undefined) sm.StateMachineName = props.Name;
  if (props.Tags !== undefined) sm.Tags = props.Tags;
  if (props.Role !== undefined) sm.RoleArn = props.Role;
  else {
    const roleId = `${id}Role`;
    sm.RoleArn = { 'Fn::GetAtt': [roleId, 'Arn'] };
    executionRole(roleId, 'states.amazonaws.com', props, [], out);
  }
  out.add(id, 'AWS::StepFunctions::StateMachine', sm);

  // SAM's state machine events: Api (a REST API method that starts an execution through a role SAM writes;
  // HttpApi is not one SAM offers for state machines), and rules or schedules that start it through a role
  // SAM writes (sam-events.ts).
  for (const [eventId, evIn] of Object.entries(obj(props.Events))) {
    const ev = obj(evIn);
    switch (ev.Type) {
      case 'Api': {
        eventApi('rest', obj(ev.Properties), { id, type: 'AWS::Serverless::StateMachine' }, implicit);
        const roleId = `${id}${eventId}Role`;
        serviceRole(roleId, 'apigateway.amazonaws.com', [{ name: `${roleId}StartExecutionPolicy`, action: 'states:StartExecution', resource: { Ref: id } }], props.PermissionsBoundary, out);
        break;
      }
      case 'Schedule':
      case 'ScheduleV2':
      case 'CloudWatchEvent':
      case 'EventBridgeRule':
        expandRuleEvent({ id, kind: 'state machine', permissionsBoundary: props.PermissionsBoundary }, eventId, ev.Type, ev.Properties, out);
        break;
      default:
        out.gap(`event ${eventId} (${String(ev.Type)})`, 'an event source vouch does not expand (the resources SAM generates for it are not judged)');
    }
  }
}

