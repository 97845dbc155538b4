/**
 * What a guest role's policies let anyone do (see ./_anonymous-role.ts), and
 * which template resources that reaches.
 *
 * Every Allow counts as public except actions that expose no data of the
 * account (an allow-list, so an action nobody classified is public, never
 * passed):
 * - telemetry sent into AWS-managed analytics: `mobileanalytics:PutEvents`,
 *   `rum:PutRumEvents`, Pinpoint `mobiletargeting:PutEvents` / `UpdateEndpoint`
 *   (the AWS-managed AmazonCognitoUnauthenticatedIdentities policy, and the
 *   guest policies the Cognito console and Amplify write);
 * - `cognito-identity:*` (how a guest gets its identity) and `cognito-sync:*`
 *   when the resource is the identity's own dataset (`.../identity/${cognito-identity.amazonaws.com:sub}/...`);
 * - calling an API the owner publishes, `execute-api:Invoke` and
 *   `appsync:GraphQL`: what the API returns is decided behind it, as for any
 *   public endpoint (`execute-api:*` also covers ManageConnections and is not);
 * - stateless inference that reads no stored data: Polly speech, Translate,
 *   Comprehend and Rekognition `Detect*`, Transcribe streaming, Lex runtime,
 *   Location maps, places and routes.
 * Anything else (S3 objects, DynamoDB items, queues, topics, streams, function
 * invocation, secrets, parameters, keys, `*`, NotAction) is public.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import { get, text } from '../../src/evaluate/facts.js';
import { guestReach, trustMayConcernUs, type GuestReach } from './_anonymous-role.js';
import { isRef, isUnresolved } from '../../src/model/values.js';
import { iamMatch, isTemplatePolicyType, statementsOf, type PolicyStatement } from '../../src/lib/iam.js';

const HARMLESS = [
  'mobileanalytics:PutEvents', 'rum:PutRumEvents', 'mobiletargeting:PutEvents', 'mobiletargeting:UpdateEndpoint',
  'cognito-identity:*', 'execute-api:Invoke', 'appsync:GraphQL',
  'polly:SynthesizeSpeech', 'polly:DescribeVoices', 'translate:TranslateText', 'comprehend:Detect*', 'comprehend:BatchDetect*',
  'rekognition:Detect*', 'rekognition:RecognizeCelebrities', 'transcribe:StartStreamTranscription*',
  'lex:PostText', 'lex:PostContent', 'lex:RecognizeText', 'lex:RecognizeUtterance',
  'geo:GetMap*', 'geo:SearchPlaceIndex*', 'geo:GetPlace', 'geo:CalculateRoute*',
];
const OWN_DATASET = '${cognito-identity.amazonaws.com:sub}';

/** The template resource types that hold data, per IAM service prefix. */
export const DATA_TYPES: Readonly<Record<string, readonly string[]>> = {
  s3: ['aws.s3.bucket'],
  dynamodb: ['aws.dynamodb.table', 'aws.dynamodb.global-table'],
  sqs: ['aws.sqs.queue'],
  sns: ['aws.sns.topic'],
  kinesis: ['aws.kinesis.stream'],
  firehose: ['aws.firehose.delivery-stream'],
  lambda: ['aws.lambda.function'],
  secretsmanager: ['aws.secretsmanager.secret'],
  ssm: ['aws.ssm.parameter'],
  kms: ['aws.kms.key'],
  states: ['aws.stepfunctions.state-machine'],
  logs: ['aws.logs.log-group'],
};
/** The literal name property of each data type, to match a resource named in a literal ARN. */
const NAME_PROPERTY: Readonly<Record<string, string>> = {
  'aws.s3.bucket': 'BucketName', 'aws.dynamodb.table': 'TableName', 'aws.dynamodb.global-table': 'TableName', 'aws.sqs.queue': 'QueueName',
  'aws.sns.topic': 'TopicName', 'aws.kinesis.stream': 'Name', 'aws.firehose.delivery-stream': 'DeliveryStreamName', 'aws.lambda.function': 'FunctionName',
  'aws.secretsmanager.secret': 'Name', 'aws.ssm.parameter': 'Name', 'aws.stepfunctions.state-machine': 'StateMachineName', 'aws.logs.log-group': 'LogGroupName',
};

/** One Allow statement that grants guests more than the harmless actions. */
export interface PublicGrant {
  subId: string;
  path: string;
  /** The granted actions that are not harmless (`NotAction …` for a NotAction statement). */
  actions: string[];
  resources: unknown[];
  /** Template data resources it reaches (ids). */
  targets: string[];
}

export type GrantReading = { grants: PublicGrant[]; unresolved: string[]; statements: number } | { unreadable: string };

function harmless(action: string, resources: unknown[]): boolean {
  if (/^cognito-sync:/i.test(action)) return resources.length > 0 && resources.every((r) => typeof r === 'string' && r.includes(OWN_DATASET));
  return HARMLESS.some((h) => iamMatch(h, action));
}

/** Logical ids an unresolved value names (`${Bucket.Arn}/*`, `Fn::Join` of a GetAtt), read from its expression. */
function namedIds(v: unknown): string[] {
  if (isRef(v)) return [v.logicalId];
  if (!isUnresolved(v)) return [];
  const out = new Set<string>();
  // `<GetAtt X.Arn>` (resolved pieces), `{"Fn::GetAtt":["X","Arn"]}` / `{"Ref":"X"}` (the expression as written), `${X.Arn}` (Fn::Sub).
  const shapes = /<(?:GetAtt|Ref) ([A-Za-z0-9]+)[.>]|"Fn::GetAtt":\s*\[?\s*"([A-Za-z0-9]+)|"Ref":\s*"([A-Za-z0-9]+)"|\$\{([A-Za-z0-9]+)(?:\.[A-Za-z.]+)?\}/g;
  for (const m of v.expression.matchAll(shapes)) out.add((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  return [...out];
}

function servicesOf(actions: string[]): string[] {
  const out = new Set<string>();
  for (const a of actions) {
    const svc = a.includes(':') ? a.split(':')[0]!.toLowerCase() : '*';
    for (const s of Object.keys(DATA_TYPES)) if (svc === '*' || iamMatch(svc, s)) out.add(s);
  }
  return [...out];
}

/** `*`, `*` over every key, `table/*`, `function:*`: a resource part that names every resource of its type. */
function everyOfType(resourcePart: string): boolean {
  const rest = resourcePart.replace(/^(table|stream|deliverystream|function|secret|parameter|key|stateMachine|log-group)[/:]/i, '');
  return rest !== '' && /^[*/:]+$/.test(rest);
}

/** The template resources of `types` a statement's resources reach: by reference, `*`, or a literal ARN naming them. */
function targetsOf(resources: unknown[], services: string[], stack: string | undefined, inventory: Inventory): string[] {
  const types = new Set(services.flatMap((s) => DATA_TYPES[s] ?? []));
  const out = new Set<string>();
  const consider = (r: Resource | undefined) => {
    if (r && types.has(r.type)) out.add(r.id);
  };
  for (const v of resources) {
    for (const id of namedIds(v)) consider(inventory.get(`${stack}/${id}`));
    if (typeof v !== 'string') continue;
    const parts = v.split(':');
    const resourcePart = parts.slice(5).join(':');
    for (const t of types) {
      for (const r of inventory.ofType(t)) {
        if (r.location.stack !== stack) continue;
        if (v === '*' || everyOfType(resourcePart)) {
          consider(r);
          continue;
        }
        const n = get(r.properties, NAME_PROPERTY[t] ?? '');
        if (parts.length < 6 || typeof n !== 'string' || n === '') continue;
        // The name is the resource part, or its first segment (`bucket/key`, `table/Name/index/x`, `secret:name-AbCdEf`).
        const segments = resourcePart.split(/[/:]/);
        if (segments.some((seg) => iamMatch(seg, n)) || iamMatch(resourcePart, n)) consider(r);
      }
    }
  }
  return [...out];
}

/** The public grants of one policy document (at `path` on its holder). */
export function readGuestGrants(doc: unknown, path: string, holder: Resource, inventory: Inventory): GrantReading {
  let statements: PolicyStatement[];
  try {
    if (isUnresolved(doc) && doc.shape === undefined) return { unreadable: `${path} depends on ${doc.expression}` };
    statements = statementsOf(doc);
  } catch (e) {
    return { unreadable: `${path} cannot be read as a policy document (${e instanceof Error ? e.message : text(e)})` };
  }
  const grants: PublicGrant[] = [];
  const unresolved: string[] = [];
  for (const s of statements) {
    const at = `${path}.Statement[${s.index}]`;
    const subId = s.sid ?? `Statement[${s.index}]`;
    if (s.effect === 'Deny') continue;
    if (s.effect === undefined) {
      unresolved.push(`${subId}: its Effect is not known`);
      continue;
    }
    const resources = s.resource ?? (s.notResource ? ['*'] : []);
    let actions: string[];
    if (s.notAction) actions = [`NotAction ${s.notAction.map(text).join(', ')}`];
    else {
      const list = s.action ?? [];
      if (list.some((a) => typeof a !== 'string')) {
        unresolved.push(`${subId}: its Action depends on ${list.filter((a) => typeof a !== 'string').map(text).join(', ')}`);
        continue;
      }
      actions = (list as string[]).filter((a) => !harmless(a, resources));
    }
    if (actions.length === 0) continue;
    const services = s.notAction ? Object.keys(DATA_TYPES) : servicesOf(actions);
    grants.push({ subId, path: at, actions, resources, targets: targetsOf(resources, services, holder.location.stack, inventory) });
  }
  return { grants, unresolved, statements: statements.length };
}

/** The policy documents a guest role carries: inline `Policies`, and the template policies attached to it. */
export function roleDocuments(role: Resource, inventory: Inventory): { holder: Resource; doc: unknown; path: string; label: string }[] {
  const out: { holder: Resource; doc: unknown; path: string; label: string }[] = [];
  const inline = get(role.properties, 'Policies');
  if (Array.isArray(inline))
    inline.forEach((p, i) => out.push({ holder: role, doc: get(p, 'PolicyDocument'), path: `Policies[${i}].PolicyDocument`, label: `${role.location.logicalId ?? role.id} inline policy ${text(get(p, 'PolicyName'))}` }));
  for (const p of inventory.related(role, 'policies')) {
    if (!isTemplatePolicyType(p.type)) continue;
    out.push({ holder: p, doc: get(p.properties, 'PolicyDocument'), path: 'PolicyDocument', label: p.location.logicalId ?? p.id });
  }
  return out;
}

/** A grant that reaches a template resource through a guest role. */
export interface Reaching {
  role: Resource;
  reach: GuestReach;
  /** The policy resource holding the grant, and what to call it. */
  holder: Resource;
  label: string;
  grant: PublicGrant;
}
const reachingIndexes = new WeakMap<Inventory, Map<string | undefined, Map<string, Reaching[]>>>();

/** The stacks of the policy resources attached to a role, cached per role record (a role of another stack is the same record in every view). */
const policyStacks = new WeakMap<Resource, (string | undefined)[]>();

function policyStacksOf(role: Resource, inventory: Inventory): (string | undefined)[] {
  let stacks = policyStacks.get(role);
  if (!stacks) policyStacks.set(role, (stacks = inventory.related(role, 'policies').map((p) => p.location.stack)));
  return stacks;
}

/**
 * The guest grants that reach `target`, from every guest (or possibly guest) role of the inventory;
 * built once per inventory and stack. A grant reaches only resources of its policy's own stack
 * (targetsOf), so the roles read are those of the target's stack and those with a policy in it: a
 * resource of a stack with conditions gets an inventory view of its own (see src/evaluate), and
 * indexing every stack's roles for each such view cost more than the rest of the rule.
 */
export function guestGrantsReaching(target: Resource, inventory: Inventory): Reaching[] {
  let byStack = reachingIndexes.get(inventory);
  if (!byStack) reachingIndexes.set(inventory, (byStack = new Map()));
  const stack = target.location.stack;
  let ix = byStack.get(stack);
  if (!ix) {
    ix = new Map();
    // Nothing to index when no role of the inventory concerns Cognito or everyone and no pool binds one.
    const roles = inventory.ofType('aws.iam.role').filter((r) => r.location.stack === stack || policyStacksOf(r, inventory).includes(stack));
    const relevant = inventory.ofType('aws.cognito.identity-pool-role-attachment').length > 0 ? roles : roles.filter(trustMayConcernUs);
    for (const role of relevant) {
      const reach = guestReach(role, inventory);
      // Roles guests cannot assume are kept too: what only they reach passes, saying why.
      if (!reach) continue;
      for (const d of roleDocuments(role, inventory)) {
        const reading = readGuestGrants(d.doc, d.path, d.holder, inventory);
        if ('unreadable' in reading) continue;
        for (const grant of reading.grants)
          for (const id of grant.targets) {
            const list = ix.get(id) ?? [];
            list.push({ role, reach, holder: d.holder, label: d.label, grant });
            ix.set(id, list);
          }
      }
    }
    byStack.set(stack, ix);
  }
  return ix.get(target.id) ?? [];
}
