/**
 * What a statement's actions and resources cover: IAM wildcard matching,
 * every action or every action of a service, resource scopes (`*`, a wildcard
 * ARN, one resource, or a value the template hides), the privilege-escalation
 * actions, write verbs and the write actions that have no resource to name.
 */
import { SHAPE_SPECIFIC, SHAPE_UNKNOWN, isRef, isUnresolved } from '../../model/values.js';
import { KNOWN_SERVICES, RESOURCELESS_WRITES, SCOPED_WRITES, VERB_SHAPED_READS, VERBLESS_READS, VERBLESS_WRITES } from '../iam-actions.generated.js';

/** IAM wildcard match: `*` any run, `?` one character; case-insensitive (actions are). */
/**
 * Wildcard match without regular expressions: a hostile pattern such as
 * `a*a*a*...b` cannot make it backtrack exponentially (O(pattern × value)).
 */
export function iamMatch(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  const p = pattern.toLowerCase();
  const v = value.toLowerCase();
  let pi = 0;
  let vi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi++;
      vi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = vi;
    } else if (star !== -1) {
      pi = star + 1;
      vi = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** `*` or `*:*`: every action of every service. */
export function isAllActions(a: unknown): boolean {
  return typeof a === 'string' && (a.trim() === '*' || a.trim() === '*:*');
}

/**
 * `s3:*` → `s3`: an action pattern that covers every action of one service.
 * Only wildcards after the colon count: `*` runs (`dynamodb:**`) and at most
 * one `?` (every action name has at least one character). A prefix such as
 * `ec2:Describe*` or `s3:*Object*` covers some actions, not all, and returns
 * undefined, as AWS Config's iam-policy-no-statements-with-full-access reads it.
 */
export function serviceWildcard(a: unknown): string | undefined {
  if (typeof a !== 'string') return undefined;
  const m = /^([a-z0-9-]+):([*?]+)$/i.exec(a.trim());
  if (!m || !m[2]!.includes('*') || m[2]!.split('?').length > 2) return undefined;
  return m[1]!.toLowerCase();
}

/** AWS's own check that an identity policy grants no `service:*` (Config rule; Security Hub IAM.21). */
export const SERVICE_WILDCARD_REFERENCES: readonly string[] = [
  'https://docs.aws.amazon.com/config/latest/developerguide/iam-policy-no-statements-with-full-access.html',
  'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-21',
];

/** A Resource entry as evidence text: `*`, an ARN, `<GetAtt Table.Arn>`, or the unresolved expression. */
export function resourceText(r: unknown): string {
  if (typeof r === 'string') return r.trim();
  if (isRef(r)) return r.toJSON();
  if (isUnresolved(r)) return r.expression;
  return JSON.stringify(r) ?? String(r);
}

/**
 * Does this resource entry cover every resource (of its service)? `*`, and
 * ARNs whose resource part is `*` (`arn:aws:s3:::*`, `arn:aws:*:*:*:*`,
 * `arn:aws:iam::123456789012:*`). A `ResourceRef` is one resource; an
 * unresolved value is not judged here (see `resourceScope`).
 */
export function isBroadResource(r: unknown): boolean {
  if (typeof r !== 'string') return false;
  const s = r.trim();
  if (s === '*') return true;
  const parts = s.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && parts.slice(5).join(':') === '*';
}

/** `s3:PutObject` → `s3`. */
function actionService(action: unknown): string | undefined {
  if (typeof action !== 'string') return undefined;
  const i = action.indexOf(':');
  return i > 0 ? action.slice(0, i).trim().toLowerCase() : undefined;
}

export type ResourceScope = { kind: 'all' } | { kind: 'specific' } | { kind: 'unresolved'; expression: string };

/**
 * What one `Resource` entry covers for `action`:
 * - `all`: `*`, or an ARN whose resource part is `*` in the action's own service
 *   (`arn:aws:iam::*:*` for `iam:PassRole`). A wildcard ARN of another service
 *   (`arn:aws:s3:::*` for `iam:PassRole`) matches none of the action's resources;
 * - `specific`: a literal ARN or name, a template resource (`Ref`/`GetAtt`), or a
 *   string built with `Fn::Join`/`Fn::Sub` whose unresolved pieces are pseudo
 *   parameters or resources (its shape is known: one resource, not `*`);
 * - `unresolved`: the resource part depends on a value vouch cannot see.
 */
export function resourceScope(r: unknown, action?: unknown): ResourceScope {
  if (isRef(r)) return { kind: 'specific' };
  let text: string;
  if (isUnresolved(r)) {
    const shape = r.shape;
    if (shape === undefined || shape.includes(SHAPE_UNKNOWN)) return { kind: 'unresolved', expression: r.expression };
    const parts = shape.split(':');
    // Only an ARN's account, region and partition may be placeholders: they never widen what it names.
    if (parts.length < 6 || parts[0] !== 'arn' || parts[2]!.includes(SHAPE_SPECIFIC)) {
      // A template resource's ARN, optionally with a path under it (`${Bucket.Arn}/*`).
      if (shape.startsWith(SHAPE_SPECIFIC)) return { kind: 'specific' };
      return { kind: 'unresolved', expression: r.expression };
    }
    text = shape.split(SHAPE_SPECIFIC).join('x');
  } else if (typeof r === 'string') text = r.trim();
  else return { kind: 'specific' };
  if (text === '*') return { kind: 'all' };
  if (!isBroadResource(text)) return { kind: 'specific' };
  const arnService = text.split(':')[2]!.toLowerCase();
  const svc = actionService(action);
  if (svc && arnService !== '' && !iamMatch(arnService, svc)) return { kind: 'specific' };
  return { kind: 'all' };
}

/**
 * An ARN whose partition, service, region and account are known (literal, or pseudo parameters) and
 * whose resource part holds a value vouch cannot see, a parameter or an import
 * (`arn:aws:s3:::${BucketName}`, `arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${Domain}`):
 * it names a resource of the action's own service that the stack is given. Not when the ARN is of
 * another service than the action (that is `specific` already), nor when anything before the
 * resource part is hidden. A parameter with a `Default`, `AllowedValues` or a wildcard-refusing
 * `AllowedPattern` is resolved before this (its value, each allowed value, or a specific piece).
 */
export function parameterNamedResource(r: unknown, action?: unknown): boolean {
  if (!isUnresolved(r) || r.shape === undefined) return false;
  const parts = r.shape.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return false;
  const head = parts.slice(1, 5);
  if (head.some((p) => p.includes(SHAPE_UNKNOWN)) || !/^[a-z0-9-]+$/i.test(parts[2]!)) return false;
  const resource = parts.slice(5).join(':');
  if (!resource.includes(SHAPE_UNKNOWN)) return false;
  // The hidden value next to nothing but wildcards (`${Prefix}*`) is a pattern, not a name; with literal
  // text (`apps/${AppId}/*`, `${BucketName}/*`) or alone (`${BucketName}`) it names one resource.
  const literal = resource.split(SHAPE_UNKNOWN).join('').split(SHAPE_SPECIFIC).join('');
  if (/^[*?]+$/.test(literal)) return false;
  const svc = actionService(action);
  return svc === undefined || iamMatch(parts[2]!, svc);
}

/**
 * A Resource that is wholly a `String` parameter without a value whose name says it holds the ARN,
 * name or id of one resource (`ReserveStockFunctionArn`, `TaskDefinitionArn`, `QueueName`, `KeyId`):
 * the stack acts on the one resource it is given. Returns the parameter's name, or undefined. Only a
 * plain `String` (the `type` lookup, from the stack's parameter declarations) counts: a
 * `CommaDelimitedList` or `List<…>` holds several, an SSM-typed parameter reads its value elsewhere, and
 * without the lookup nothing is assumed. A parameter with a `Default`, or with `AllowedValues`, is
 * resolved before this (its value, each allowed value: `*` among them is judged as `*`); one with a
 * wildcard-refusing `AllowedPattern` already reads as a specific piece.
 */
export function singleResourceParameter(r: unknown, type: ((name: string) => unknown) | undefined): string | undefined {
  if (!type || !isUnresolved(r) || r.shape !== undefined) return undefined;
  const m = /^Ref ([A-Za-z0-9]+) \(parameter without a value;/.exec(r.expression);
  if (!m || !/(Arn|ARN|Name|Id)$/.test(m[1]!)) return undefined;
  return type(m[1]!) === 'String' ? m[1] : undefined;
}

/**
 * Privilege-escalation primitives: actions that, granted on all resources, let
 * a principal grant itself (or a role it can use) more permissions. Source:
 * Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation"
 * (S. Gietzen, 2018; https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/),
 * its 21 methods reduced to the single actions they hinge on, plus
 * `sts:AssumeRole` on `*` (any role the trust policies allow).
 */
export const ESCALATION_ACTIONS: readonly string[] = [
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:PassRole',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:AttachUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:PutUserPolicy',
  'iam:PutGroupPolicy',
  'iam:PutRolePolicy',
  'iam:AddUserToGroup',
  'iam:UpdateAssumeRolePolicy',
  'iam:PutUserPermissionsBoundary',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteUserPermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'sts:AssumeRole',
  'lambda:UpdateFunctionCode',
  'glue:UpdateDevEndpoint',
];

export const ESCALATION_REFERENCE = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/';

/** Escalation actions an action pattern grants (`iam:Put*` → the Put*Policy actions). */
export function escalationActionsIn(pattern: unknown): string[] {
  if (typeof pattern !== 'string') return [];
  return ESCALATION_ACTIONS.filter((e) => iamMatch(pattern.trim(), e));
}

/**
 * Read actions that hand over credentials or secret data rather than metadata: on `*` they read
 * every secret or parameter of the account (Checkov's CKV_AWS_108 "data exfiltration" set)
 * or mint database credentials for any cluster (its CKV_AWS_107 "credentials exposure" set,
 * the actions that support a resource), or decrypt with every key (Security Hub KMS.1 and
 * KMS.2). Every one of them takes a resource ARN, so `*` is a choice, not a necessity.
 * S3 object reads (`s3:GetObject`, `s3:GetObjectVersion`, CKV_AWS_108's other half) are read
 * as the house reads other read actions on `*`: not over-broad by themselves (rule zero, fixAQ
 * count, session 15: identity grants whose only over-broad item is an S3 object read on `*`
 * are labelled pass 3 times, fail 0: vault5 ImageHandlerFunctionRole, vault7 ScannerRole,
 * scout33 DeveloperBoundary; the 9 fail labels beside such a read all fail for a write or
 * service:* on `*` as well). Secret, parameter, credential and decrypt reads have no label
 * against them and stay.
 */
export const SENSITIVE_READ_ACTIONS: readonly string[] = [
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'redshift:GetClusterCredentials',
  'redshift:GetClusterCredentialsWithIAM',
  'redshift-serverless:GetCredentials',
  'rds-db:Connect',
  'lightsail:GetInstanceAccessDetails',
  'lightsail:GetRelationalDatabaseMasterUserPassword',
  // Decrypting with every key of the account (Security Hub KMS.1 / KMS.2): the default key
  // policy delegates to IAM, so `kms:Decrypt` on `*` opens whatever any such key protects.
  'kms:Decrypt',
  'kms:ReEncryptFrom',
];

/** Sensitive read actions an action pattern grants (`s3:Get*` → s3:GetObject, s3:GetObjectVersion). */
export function sensitiveReadActionsIn(pattern: unknown): string[] {
  if (typeof pattern !== 'string') return [];
  return SENSITIVE_READ_ACTIONS.filter((e) => iamMatch(pattern.trim(), e));
}

/**
 * Services whose `service:*` on `*` is not flagged: the Systems Manager agent's
 * message channels. Every action of theirs supports only `Resource: "*"`, none
 * reads data or changes permissions, and Session Manager's documented minimum
 * instance permissions are exactly these channels (CDK's BastionHostLinux and
 * SSM-managed instances grant them). Listed actions are still analysed.
 */
export const AGENT_CHANNEL_SERVICES: readonly string[] = ['ssmmessages', 'ec2messages'];

export const AGENT_CHANNEL_REFERENCE = 'https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-create-iam-instance-profile.html';

/**
 * Verbs of actions that change data or configuration (IAM's "Write" and
 * "Permissions management" access levels), as the action name begins. Read,
 * List and Describe actions on `*` are routine; a write on `*` is not.
 */
const WRITE_VERBS = [
  'Put', 'Create', 'Delete', 'Update', 'Modify', 'Attach', 'Detach', 'Set', 'Add', 'Remove', 'Replace', 'Write',
  'Upload', 'Restore', 'Terminate', 'Reset', 'Revoke', 'Authorize', 'Disable', 'Enable', 'Import', 'Copy', 'Change',
  'BatchWrite', 'BatchDelete', 'BatchPut', 'Send', 'Publish', 'Invoke', 'Start', 'Stop', 'Run', 'Reboot', 'Associate',
  'Disassociate', 'Register', 'Deregister', 'Tag', 'Untag', 'Pass', 'Execute', 'Purge', 'Rotate', 'Cancel', 'Complete',
];

/**
 * Write actions accepted on `Resource: "*"` by a house decision although the Service
 * Authorization Reference lists a resource type for them (or, for the non-write names,
 * kept for readers of this list). The actions that truly take no resource come from the
 * generated table (src/lib/iam-actions.generated.ts, `npm run iam:gen`), not from here.
 */
export const RESOURCELESS_WRITE_ACTIONS: readonly string[] = [
  // Tracing, metrics and agents: granted on `*` by aws-cdk-lib and AWS's service-role policies.
  'cloudwatch:PutMetricData',
  'ssm:UpdateInstanceInformation',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
  'ec2messages:AcknowledgeMessage',
  'ecr:GetAuthorizationToken',
  'iam:CreateServiceLinkedRole',
  // A VPC function's network interfaces, as AWSLambdaVPCAccessExecutionRole grants them on `*`.
  'ec2:CreateNetworkInterface',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
  'ec2:DetachNetworkInterface',
  // The cross-account ENI grant a service needs to place its interfaces in your subnets: Firehose's VPC delivery
  // role (Firehose API Reference, VpcConfiguration.RoleARN: the role must grant ec2:CreateNetworkInterfacePermission
  // with Create/DeleteNetworkInterface) and Managed Flink's VPC applications. Labels (fixAK count, session 15):
  // 3 such grants on `*` labelled pass (scout16cdk, scout30, vault5), 0 labelled fail for it (scout8's DeliveryRole
  // fails for es:ESHttpPost on `*`). ec2:AttachNetworkInterface stays a write on `*` (1 pass label, below rule zero).
  'ec2:CreateNetworkInterfacePermission',
  // Not resource-less, but granted on `*` by aws-cdk-lib's own LogRetention function, which one
  // stack shares across all its log groups; it changes only how long logs are kept.
  'logs:PutRetentionPolicy',
  'logs:DeleteRetentionPolicy',
  // Granted on `*` by aws-cdk-lib's BucketDeployment function; an invalidation only empties a cache.
  'cloudfront:CreateInvalidation',
  // Log delivery from a function, task or agent: what AWS's own service-role policies grant on `*`
  // (AWSLambdaBasicExecutionRole, CloudWatchAgentServerPolicy, AmazonEC2ContainerServiceforEC2Role),
  // and what AWS's samples grant on `arn:aws:logs:*:*:*`. vouch accepts those managed policies, so an
  // inline copy of the same three actions is judged the same way. It only appends to logs.
  'logs:CreateLogGroup',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
];

export const RESOURCE_TYPES_REFERENCE = 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html';

let verbShapedReads: Set<string> | undefined;

/**
 * `logs:StartQuery`, `bedrock:InvokeModel`: a named action that starts with a write verb but whose
 * documented access level (Service Authorization Reference, generated table) is Read or List.
 */
export function isVerbShapedRead(a: string): boolean {
  if (!verbShapedReads) {
    verbShapedReads = new Set();
    for (const [service, names] of Object.entries(VERB_SHAPED_READS)) for (const n of names.split(' ')) verbShapedReads.add(`${service}:${n}`.toLowerCase());
  }
  return verbShapedReads.has(a.trim().toLowerCase());
}

let verblessWrites: Set<string> | undefined;

/**
 * `kafka-cluster:AlterGroup`, `es:ESHttpPost`, `sts:AssumeRole`: a named action without a write verb
 * whose documented access level (Service Authorization Reference, generated table) is Write,
 * Permissions management or Tagging.
 */
export function isVerblessWrite(a: string): boolean {
  if (!verblessWrites) {
    verblessWrites = new Set();
    for (const [service, names] of Object.entries(VERBLESS_WRITES)) for (const n of names.split(' ')) verblessWrites.add(`${service}:${n}`.toLowerCase());
  }
  return verblessWrites.has(a.trim().toLowerCase());
}

let knownServices: Set<string> | undefined;

/**
 * The service prefix of a named action (`notaservice:StartThing` → `notaservice`) when the Service
 * Authorization Reference lists no such service: vouch cannot tell what the action does, so it is
 * never read as harmless. Undefined for known services, patterns over services and malformed text.
 */
export function unclassifiedService(a: unknown): string | undefined {
  if (typeof a !== 'string') return undefined;
  const m = /^([a-z0-9-]+):[A-Za-z0-9*?]+$/i.exec(a.trim());
  if (!m) return undefined;
  knownServices ??= new Set(KNOWN_SERVICES);
  const service = m[1]!.toLowerCase();
  return knownServices.has(service) ? undefined : service;
}

let verblessReads: Set<string> | undefined;

/**
 * Why vouch cannot classify a named action, or undefined when it can: a service the Service
 * Authorization Reference does not list (`notaservice:StartThing`), or a name without a write verb
 * that the reference does not list for its service (`s3:ListBuckets`, the API name of
 * s3:ListAllMyBuckets): no access level to read and no verb to go by. Patterns and verb-shaped names
 * are left to the verb reading (a write-verb name is judged a write, which fails closed).
 */
export function unclassifiedAction(a: unknown): string | undefined {
  const service = unclassifiedService(a);
  if (service) return `the Service Authorization Reference lists no service '${service}'`;
  if (typeof a !== 'string') return undefined;
  const m = /^([a-z0-9-]+):([A-Za-z0-9]+)$/i.exec(a.trim());
  if (!m) return undefined;
  const lower = m[2]!.toLowerCase();
  if (WRITE_VERBS.some((v) => lower.startsWith(v.toLowerCase())) || isVerblessWrite(a)) return undefined;
  if (!verblessReads) {
    verblessReads = new Set();
    for (const [svc, names] of Object.entries(VERBLESS_READS)) for (const n of names.split(' ')) verblessReads.add(`${svc}:${n}`.toLowerCase());
  }
  if (verblessReads.has(a.trim().toLowerCase())) return undefined;
  return `the Service Authorization Reference lists no action ${m[2]} for '${m[1]!.toLowerCase()}'`;
}

/**
 * `s3:PutObject`, `s3:Put*`: an action (or pattern) whose name starts with a write verb. Where the
 * Service Authorization Reference documents a verb-shaped action as Read or List (`logs:StartQuery`
 * runs a Logs Insights query), its access level decides; so does a named action without a write verb
 * that the reference documents as Write, Permissions management or Tagging (`kafka-cluster:AlterGroup`).
 * The verb is the reading for actions the reference does not list and for patterns.
 */
export function isWriteAction(a: unknown): boolean {
  if (typeof a !== 'string') return false;
  if (isVerbShapedRead(a)) return false;
  if (isVerblessWrite(a)) return true;
  // Action names are case-insensitive (aws-cdk-lib's CallAwsService writes `sagemaker:createTrainingJob`):
  // read the name with its first letter upper-cased, so the verb's camel-case boundary still shows.
  const raw = a.trim().slice(a.trim().indexOf(':') + 1);
  const upper = raw.charAt(0).toUpperCase() + raw.slice(1);
  if (!a.includes(':') || upper === '' || upper.startsWith('*')) return false;
  // Administrator API names put `Admin` before the verb (cognito-idp:AdminAddUserToGroup, AdminSetUserPassword,
  // AdminDeleteUser): the verb after it decides, as for any other action (AdminGetUser stays a read).
  const name = /^Admin[A-Z]/.test(upper) ? upper.slice(5) : upper;
  return WRITE_VERBS.some((v) => name.startsWith(v) && (name.length === v.length || /[A-Z*]/.test(name[v.length]!)));
}

const parsedTables = new Map<string, { none: readonly string[]; some: readonly string[] }>();

function tableOf(service: string): { none: readonly string[]; some: readonly string[] } | undefined {
  if (!Object.prototype.hasOwnProperty.call(RESOURCELESS_WRITES, service)) return undefined;
  let t = parsedTables.get(service);
  if (!t) {
    const split = (x: string | undefined) => (x ? x.split(' ').map((n) => n.toLowerCase()) : []);
    t = { none: split(RESOURCELESS_WRITES[service]), some: Object.prototype.hasOwnProperty.call(SCOPED_WRITES, service) ? split(SCOPED_WRITES[service]) : [] };
    parsedTables.set(service, t);
  }
  return t;
}

/**
 * A write action (or write pattern) that can name no resource, so `Resource: "*"` is the only
 * thing a policy can say for it: an action whose service defines no resource type for it in
 * the Service Authorization Reference (generated table), a pattern (`textract:Start*`) every
 * action of which is such an action, or a house exception listed above. An action or service
 * the table does not know is not resource-less (fail closed: it stays judged).
 */
export function isResourcelessWrite(a: string): boolean {
  const action = a.trim().toLowerCase();
  if (RESOURCELESS_WRITE_ACTIONS.some((x) => x.toLowerCase() === action)) return true;
  const i = action.indexOf(':');
  if (i <= 0) return false;
  const t = tableOf(action.slice(0, i));
  if (!t) return false;
  const name = action.slice(i + 1);
  if (!/[*?]/.test(name)) return t.none.includes(name);
  return t.none.some((n) => iamMatch(name, n)) && !t.some.some((n) => iamMatch(name, n));
}
