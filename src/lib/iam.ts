/**
 * IAM policy-document analysis shared by the IaC rules and the live AWS
 * collector (GetAccountAuthorizationDetails returns the same JSON documents,
 * URL-encoded). Pure functions over a document: normalize `Statement`,
 * `Action`, `Resource`, `Principal` to arrays, IAM wildcard matching, the
 * privilege-escalation list, MFA-enforcement and trust-policy shapes.
 *
 * Values inside a document may be template markers (`Unresolved`,
 * `ResourceRef`); a `ResourceRef` is a specific resource (never `*`), an
 * `Unresolved` is reported as such so the caller can answer `unknown`.
 */
import { SHAPE_SPECIFIC, SHAPE_UNKNOWN, isRef, isUnresolved, Unresolved } from '../model/values.js';
import { readShapedJson } from '../model/shaped-json.js';
import { restrictingConditions } from './s3-policy.js';

export type Effect = 'Allow' | 'Deny';

export interface PolicyStatement {
  index: number;
  sid?: string;
  /** `undefined` when the Effect is not a plain string (unresolved). */
  effect?: Effect;
  action?: unknown[];
  notAction?: unknown[];
  resource?: unknown[];
  notResource?: unknown[];
  /** Principal normalized to `{ kind → values }`; `'*'` becomes `{ '*': ['*'] }`. */
  principal?: Record<string, unknown[]>;
  notPrincipal?: Record<string, unknown[]>;
  condition?: Record<string, Record<string, unknown>>;
  /** The statement as written (for evidence). */
  raw: Record<string, unknown>;
}

export class PolicyShapeError extends Error {}

const toList = (v: unknown): unknown[] | undefined => (v === undefined || v === null ? undefined : Array.isArray(v) ? v : [v]);

/**
 * A policy document from a template (object) or an API (JSON string, possibly
 * URL-encoded as IAM's GetAccountAuthorizationDetails returns it).
 */
export function parsePolicyDocument(doc: unknown): Record<string, unknown> | undefined {
  if (doc === undefined || doc === null) return undefined;
  if (isUnresolved(doc)) return parseShapedDocument(doc);
  if (typeof doc === 'string') {
    let text = doc.trim();
    if (text.startsWith('%7B') || text.startsWith('%7b')) {
      try {
        text = decodeURIComponent(text);
      } catch {
        throw new PolicyShapeError('policy document is not valid URL-encoded text');
      }
    }
    try {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      /* fallthrough */
    }
    throw new PolicyShapeError('policy document is not a JSON object');
  }
  if (typeof doc === 'object' && !Array.isArray(doc)) return doc as Record<string, unknown>;
  throw new PolicyShapeError('policy document is not an object');
}

/**
 * A document written as a JSON string built with `Fn::Sub`/`Fn::Join`
 * (`!Sub '{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::${Bucket}/*"}]}'`):
 * parsed from its shape (src/model/shaped-json.ts), each string that holds an
 * unresolved piece becoming an `Unresolved` with its own shape and slots, so
 * `Action: "*"` is still read as `*` and a parameter inside an ARN stays
 * unresolved. A placeholder outside a string (a whole list from a parameter)
 * or in a key cannot be read: PolicyShapeError.
 */
function parseShapedDocument(doc: Unresolved): Record<string, unknown> {
  if (doc.shape === undefined) throw new PolicyShapeError(`the document depends on ${doc.expression}`);
  const read = readShapedJson(doc, { expression: () => doc.expression });
  if (!read.ok) {
    const built = doc.expression.slice(0, 80);
    switch (read.problem.kind) {
      case 'computed-key':
        throw new PolicyShapeError(`a key of the document depends on ${built}`);
      case 'too-deep':
        throw new PolicyShapeError('the document is nested too deeply to read');
      case 'too-long':
        throw new PolicyShapeError(`the document built by ${built} is too long to read (${read.problem.reason})`);
      case 'ambiguous':
        throw new PolicyShapeError(`the document built by ${built} cannot be read by its shape (${read.problem.reason})`);
      default:
        throw new PolicyShapeError(`the document built by ${built} is not JSON once its values are filled in`);
    }
  }
  const out = read.value;
  if (!out || typeof out !== 'object' || Array.isArray(out) || isUnresolved(out)) throw new PolicyShapeError('policy document is not a JSON object');
  return out as Record<string, unknown>;
}

function normalizePrincipal(p: unknown): Record<string, unknown[]> | undefined {
  if (p === undefined || p === null) return undefined;
  if (p === '*') return { '*': ['*'] };
  if (typeof p === 'object' && !Array.isArray(p) && !isUnresolved(p) && !isRef(p)) {
    const out: Record<string, unknown[]> = {};
    for (const [k, v] of Object.entries(p as Record<string, unknown>)) out[k] = toList(v) ?? [];
    return out;
  }
  return { '?': [p] };
}

/** The statements of a document, normalized. A missing or malformed `Statement` yields none. */
export function statementsOf(doc: unknown): PolicyStatement[] {
  const d = parsePolicyDocument(doc);
  if (!d) return [];
  if (isUnresolved(d.Statement)) throw new PolicyShapeError(`Statement is unresolved (${d.Statement.expression})`);
  const list = toList(d.Statement) ?? [];
  return list.map((s, index) => {
    const raw = (s && typeof s === 'object' ? s : {}) as Record<string, unknown>;
    const effect = raw.Effect === 'Allow' || raw.Effect === 'Deny' ? raw.Effect : undefined;
    const cond = raw.Condition && typeof raw.Condition === 'object' && !isUnresolved(raw.Condition) ? (raw.Condition as Record<string, Record<string, unknown>>) : undefined;
    return {
      index,
      sid: typeof raw.Sid === 'string' ? raw.Sid : undefined,
      effect,
      action: toList(raw.Action),
      notAction: toList(raw.NotAction),
      resource: toList(raw.Resource),
      notResource: toList(raw.NotResource),
      principal: normalizePrincipal(raw.Principal),
      notPrincipal: normalizePrincipal(raw.NotPrincipal),
      condition: cond,
      raw,
    };
  });
}

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
function resourceText(r: unknown): string {
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
 * A service principal built from the region pseudo parameter (`Fn::Sub states.${AWS::Region}.amazonaws.com`,
 * `logs.${AWS::Region}.amazonaws.com`): its shape is a service's regional endpoint name whatever the region,
 * so it names that AWS service, not an unknown principal. (`${AWS::URLSuffix}` already resolves to
 * `amazonaws.com`.) Returns the principal with the region written as `<region>`, else undefined.
 */
export function regionalServicePrincipal(v: unknown): string | undefined {
  if (!isUnresolved(v) || v.shape === undefined) return undefined;
  if (!v.slots || v.slots.length !== 1 || v.slots[0] !== 'region') return undefined;
  const m = new RegExp(`^([a-z0-9][a-z0-9-]*)\\.${SHAPE_SPECIFIC}\\.amazonaws\\.com(\\.cn)?$`).exec(v.shape.trim().toLowerCase());
  return m ? `${m[1]}.<region>.amazonaws.com${m[2] ?? ''}` : undefined;
}

export function hasUnresolved(list: unknown[] | undefined): string | undefined {
  for (const v of list ?? []) if (isUnresolved(v)) return v.expression;
  return undefined;
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

/** Condition keys (lower-cased) a statement's Condition tests, with their operator. */
export function conditionEntries(s: PolicyStatement): { operator: string; key: string; values: unknown[] }[] {
  const out: { operator: string; key: string; values: unknown[] }[] = [];
  for (const [operator, block] of Object.entries(s.condition ?? {})) {
    if (!block || typeof block !== 'object') continue;
    for (const [key, v] of Object.entries(block)) out.push({ operator, key: key.toLowerCase(), values: toList(v) ?? [] });
  }
  return out;
}

const isFalse = (v: unknown) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false');
const isTrue = (v: unknown) => v === true || (typeof v === 'string' && v.toLowerCase() === 'true');

/**
 * A statement that denies (all or nearly all) actions unless MFA is present:
 * `Effect: Deny`, `Condition: { BoolIfExists|Bool: { aws:MultiFactorAuthPresent: false } }`.
 * AWS's documented self-management example uses `NotAction` with the MFA
 * enrolment actions and `BoolIfExists`; `Bool` alone lets long-term access
 * keys through (the key is absent), which AWS warns about, but it still
 * forces MFA for console sign-in, which is what a login profile is about.
 */
export function isMfaEnforcingStatement(s: PolicyStatement): boolean {
  if (s.effect !== 'Deny') return false;
  const broad = (s.notAction && s.notAction.length > 0) || (s.action ?? []).some((a) => isAllActions(a));
  if (!broad) return false;
  return conditionEntries(s).some(
    (c) => (c.operator === 'BoolIfExists' || c.operator === 'Bool') && c.key === 'aws:multifactorauthpresent' && c.values.some(isFalse),
  );
}

export function enforcesMfa(doc: unknown): boolean {
  try {
    return statementsOf(doc).some(isMfaEnforcingStatement);
  } catch {
    return false;
  }
}

/**
 * Does an Allow trust statement require MFA (`Bool` `aws:MultiFactorAuthPresent` true)?
 * Not under `BoolIfExists`: the key is absent from requests signed with long-term
 * access keys, and `…IfExists` matches when the key is absent, so an IAM user's
 * access keys alone would still assume the role.
 */
export function requiresMfa(s: PolicyStatement): boolean {
  return conditionEntries(s).some((c) => c.operator === 'Bool' && c.key === 'aws:multifactorauthpresent' && c.values.length > 0 && c.values.every(isTrue));
}

/** `BoolIfExists aws:MultiFactorAuthPresent true`: reads like an MFA requirement, is not one. */
export function mfaOnlyIfExists(s: PolicyStatement): boolean {
  return conditionEntries(s).some((c) => /^boolifexists$/i.test(c.operator) && c.key === 'aws:multifactorauthpresent' && c.values.some(isTrue));
}

/**
 * A trust statement for a third party that assumes the role on its own
 * (a vendor's integration): it names an `sts:ExternalId`, which AWS documents
 * for exactly that case. A machine, not a person: MFA does not apply.
 */
export function isThirdPartyTrust(s: PolicyStatement): boolean {
  return conditionEntries(s).some((c) => narrowingOperator(c.operator) && c.key === 'sts:externalid' && c.values.length > 0);
}

/** A principal value that means "anyone": `*` or `{ AWS: '*' }`. */
export function principalIsAnyone(s: PolicyStatement): boolean {
  const p = s.principal;
  if (!p) return false;
  return (p['*'] ?? []).length > 0 || (p.AWS ?? []).some((v) => v === '*');
}

/**
 * Human principals in a trust statement: account roots (`arn:aws:iam::ACCOUNT:root`
 * or a bare 12-digit account id, which IAM stores as the root ARN) and IAM users.
 * Roles and services are not humans; federated principals authenticate (and
 * do MFA) at their identity provider.
 */
export function humanPrincipals(s: PolicyStatement): { human: string[]; unresolved: string[] } {
  const human: string[] = [];
  const unresolved: string[] = [];
  for (const v of s.principal?.AWS ?? []) {
    // An ARN built from pseudo parameters (`arn:${AWS::Partition}:iam::${AWS::AccountId}:role/ci`) has a known kind.
    if (isUnresolved(v) && v.shape !== undefined && !v.shape.includes(SHAPE_UNKNOWN) && v.shape.startsWith('arn:')) {
      const t = v.shape.split(SHAPE_SPECIFIC).join('x');
      if (/^arn:[^:]+:iam::[^:]*:(root|user\/.*)$/.test(t)) human.push(v.expression);
      continue;
    }
    if (isUnresolved(v)) {
      // `Fn::Join`/`Fn::Sub` of an ARN ending in `:root` (CDK's AccountRootPrincipal in an
      // environment-agnostic stack) is an account root whichever account it resolves to.
      if (/:root"?\s*\]?\s*\]?$/.test(v.expression.trim())) human.push(v.expression);
      else unresolved.push(v.expression);
    }
    else if (typeof v === 'string') {
      const t = v.trim();
      if (/^\d{12}$/.test(t) || /^arn:[^:]+:iam::[^:]*:root$/.test(t) || /^arn:[^:]+:iam::[^:]*:user\//.test(t)) human.push(t);
    } else if (isRef(v)) {
      // A Ref/GetAtt of a template resource: users are humans, roles are not; the caller resolves the type.
      unresolved.push(`ref:${v.logicalId}`);
    }
  }
  return { human, unresolved };
}

/** AWS managed policies that amount to administrator access (by name, any partition). */
export const ADMIN_MANAGED_POLICIES = ['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess'] as const;

/**
 * What a `ManagedPolicyArns` entry names:
 * - `{ aws: name }` for an AWS managed policy (`arn:aws:iam::aws:policy/service-role/X` → `X`),
 *   also when the ARN is built with `Fn::Sub`/`Fn::Join` and only its partition is
 *   unresolved (a partition never changes which policy it is);
 * - `{ customer: true }` for any other policy ARN whose shape is known (a customer
 *   managed policy, or a template resource's `Ref`): never an AWS managed policy;
 * - `{ unknown: expression }` when the name itself depends on a parameter or import.
 */
export function managedPolicyArnKind(arn: unknown): { aws: string } | { customer: true } | { unknown: string } {
  if (isRef(arn)) return { customer: true };
  let text: string;
  if (typeof arn === 'string') text = arn.trim();
  else if (isUnresolved(arn)) {
    const shape = arn.shape;
    if (shape === undefined) return { unknown: arn.expression };
    const parts = shape.split(':');
    // Placeholders allowed in the partition only (and the account, which then is not `aws`).
    if (parts.length < 6 || parts[0] !== 'arn' || parts[2] !== 'iam' || parts.slice(4).join(':').includes(SHAPE_UNKNOWN)) {
      return { unknown: arn.expression };
    }
    text = ['arn', 'x', ...parts.slice(2)].join(':');
  } else return { unknown: String(arn) };
  const m = /^arn:[^:]+:iam::([^:]*):policy\/(?:.*\/)?([^/]+)$/.exec(text);
  if (!m) return { unknown: text };
  if (m[1] === 'aws') return m[2]!.includes(SHAPE_SPECIFIC) ? { unknown: text } : { aws: m[2]! };
  return { customer: true };
}

/** `arn:aws:iam::aws:policy/AdministratorAccess` → `AdministratorAccess` when it is an admin policy. */
export function adminManagedPolicy(arn: unknown): string | undefined {
  const kind = managedPolicyArnKind(arn);
  if (!('aws' in kind)) return undefined;
  return (ADMIN_MANAGED_POLICIES as readonly string[]).find((n) => n === kind.aws);
}

/**
 * AWS managed policies that grant every action of one or more services on all
 * resources: the `*FullAccess` family (AmazonS3FullAccess = `s3:*` on `*`,
 * AmazonDynamoDBFullAccess = `dynamodb:*`..., AWSLambda_FullAccess), and two
 * full-service policies named otherwise. By the reading AWS Config and Security
 * Hub IAM.21 apply to customer policies, `service:*` is over-broad on any
 * resource, and these grant it on all of them. The admin policies are judged
 * by their own rule. Service-role policies (AWSLambdaBasicExecutionRole,
 * AmazonECSTaskExecutionRolePolicy, AmazonSSMManagedInstanceCore...) grant
 * listed actions and are not matched.
 */
const FULL_SERVICE_POLICIES_NAMED_OTHERWISE = ['SecretsManagerReadWrite', 'AmazonAPIGatewayAdministrator'];
export function fullAccessManagedPolicy(arn: unknown): string | undefined {
  const kind = managedPolicyArnKind(arn);
  if (!('aws' in kind)) return undefined;
  const name = kind.aws;
  if ((ADMIN_MANAGED_POLICIES as readonly string[]).includes(name)) return undefined;
  return /_?FullAccess$/.test(name) || FULL_SERVICE_POLICIES_NAMED_OTHERWISE.includes(name) ? name : undefined;
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

export interface PolicyProblem {
  /** `Statement[0]:Action:s3:*` */
  subId: string;
  status: 'fail' | 'unknown';
  message: string;
  statement: Record<string, unknown>;
}

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
 * Write actions that support no resource-level permission: `Resource: "*"` is
 * the only thing a policy can say for them (Service Authorization Reference,
 * "Resource types" column empty). CDK grants several of them (X-Ray tracing,
 * CloudWatch metrics, VPC Lambda network interfaces, Step Functions and API
 * Gateway log delivery).
 */
export const RESOURCELESS_WRITE_ACTIONS: readonly string[] = [
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'cloudwatch:PutMetricData',
  'ec2:CreateNetworkInterface',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
  'logs:CreateLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:PutResourcePolicy',
  'logs:DeleteResourcePolicy',
  'ssm:UpdateInstanceInformation',
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
  'ec2messages:SendReply',
  'ec2messages:DeleteMessage',
  'ec2messages:AcknowledgeMessage',
  'ecr:GetAuthorizationToken',
  'kms:CreateKey',
  'iam:CreateServiceLinkedRole',
  // Not resource-less, but granted on `*` by aws-cdk-lib's own LogRetention function, which one
  // stack shares across all its log groups; it changes only how long logs are kept.
  'logs:PutRetentionPolicy',
  'logs:DeleteRetentionPolicy',
  // Granted on `*` by aws-cdk-lib's BucketDeployment function; an invalidation only empties a cache.
  'cloudfront:CreateInvalidation',
];
export const RESOURCE_TYPES_REFERENCE = 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html';

/** `s3:PutObject`, `s3:Put*`: an action (or pattern) whose name starts with a write verb. */
export function isWriteAction(a: unknown): boolean {
  if (typeof a !== 'string') return false;
  const name = a.trim().slice(a.trim().indexOf(':') + 1);
  if (!a.includes(':') || name === '' || name.startsWith('*')) return false;
  return WRITE_VERBS.some((v) => name.startsWith(v) && (name.length === v.length || /[A-Z*]/.test(name[v.length]!)));
}

function isResourcelessWrite(a: string): boolean {
  return RESOURCELESS_WRITE_ACTIONS.some((x) => x.toLowerCase() === a.trim().toLowerCase());
}

/**
 * Over-broad grants in an identity policy: Allow with `*` actions, `service:*`
 * on any resource, `NotAction`/`NotResource`, escalation actions on all
 * resources. One problem per offending statement and action. A `Condition`
 * narrows when a grant applies, not what it grants, so it does not excuse
 * these — except `iam:PassedToService` on `iam:PassRole`, AWS's documented way
 * to limit which service a role can be passed to.
 */
export function policyProblems(doc: unknown, prefix = '', opts: { resourceless?: readonly string[] } = {}): PolicyProblem[] {
  const extra = (opts.resourceless ?? []).map((x) => x.toLowerCase());
  const out: PolicyProblem[] = [];
  for (const s of statementsOf(doc)) {
    const at = `${prefix}Statement[${s.index}]`;
    const add = (what: string, status: 'fail' | 'unknown', message: string) =>
      out.push({ subId: `${at}:${what}`, status, message: `${at}: ${message}`, statement: s.raw });
    if (s.effect === undefined) {
      add('Effect', 'unknown', `Effect is ${JSON.stringify(s.raw.Effect ?? null)}, not Allow or Deny`);
      continue;
    }
    if (s.effect !== 'Allow') continue;
    const unresolvedAction = hasUnresolved(s.action) ?? hasUnresolved(s.notAction);
    if (unresolvedAction) {
      add('Action', 'unknown', `actions depend on ${unresolvedAction}`);
      continue;
    }
    if (s.notAction) add('NotAction', 'fail', `Allow with NotAction grants every action except ${s.notAction.length} listed`);
    if (s.notResource) add('NotResource', 'fail', `Allow with NotResource grants on every resource except ${s.notResource.length} listed`);
    // `…IfExists` operators match when the key is absent, so they limit nothing for a caller that omits it.
    const passRoleLimited = conditionEntries(s).some((c) => c.key === 'iam:passedtoservice' && !/ifexists$/i.test(c.operator));
    for (const a of s.action ?? []) {
      if (isAllActions(a)) {
        add(`Action:${String(a).trim()}`, 'fail', `Allow of every action (${String(a).trim()})`);
        continue;
      }
      const wildcard = serviceWildcard(a);
      const svc = wildcard && !AGENT_CHANNEL_SERVICES.includes(wildcard) ? wildcard : undefined;
      if (svc) {
        // Every action of a service, whatever the resource: one table's `dynamodb:*` still deletes
        // the table, its backups and its streams (AWS Config iam-policy-no-statements-with-full-access,
        // Security Hub IAM.21 / Control Tower CT.IAM.PR.3 and PR.5 judge it the same way).
        const on = s.notResource
          ? `every resource except ${s.notResource.map(resourceText).join(', ')}`
          : (s.resource ?? []).some((r) => resourceScope(r, a).kind === 'all')
            ? 'all resources'
            : (s.resource ?? []).map(resourceText).join(', ') || '(no Resource)';
        add(`Action:${String(a)}`, 'fail', `Allow of every ${svc} action (${String(a).trim()}) on ${on}; list the ${svc} actions needed (a prefix such as ${svc}:Get* is fine)`);
        continue;
      }
      const esc = escalationActionsIn(a).filter((e) => !(e === 'iam:PassRole' && passRoleLimited));
      const write = escalationActionsIn(a).length === 0 && isWriteAction(a) && !isResourcelessWrite(String(a)) && !extra.includes(String(a).trim().toLowerCase());
      if (esc.length === 0 && !write) continue;
      const scopes = (s.resource ?? []).map((r) => resourceScope(r, a));
      const broad = s.notResource !== undefined || scopes.some((x) => x.kind === 'all');
      const hidden = scopes.find((x): x is { kind: 'unresolved'; expression: string } => x.kind === 'unresolved');
      if (!broad && hidden) {
        add(`Action:${String(a)}`, 'unknown', `${String(a)} on a resource that depends on ${hidden.expression}`);
        continue;
      }
      if (!broad) continue;
      if (esc.length) add(`Action:${String(a)}`, 'fail', `Allow of privilege-escalation action${esc.length > 1 ? 's' : ''} ${esc.join(', ')} on all resources${esc.includes('iam:PassRole') && conditionEntries(s).some((c) => c.key === 'iam:passedtoservice') ? ' (an iam:PassedToService condition with an …IfExists operator does not restrict a caller that omits the key)' : ''}`);
      else add(`Action:${String(a)}`, 'fail', `Allow of write action ${String(a).trim()} on all resources (name the resources it may change)`);
    }
  }
  return out;
}

/** `StringEquals`, `ArnLike`...: an operator that matches only the listed values (not `…IfExists`, not negated). */
function narrowingOperator(op: string): boolean {
  return !/ifexists$/i.test(op) && !/not/i.test(op.replace(/^for(all|any)values?:/i, ''));
}

/**
 * Trust conditions that pin who may use an Allow for Principal `*`: the same
 * organization, account, principal and network keys a public resource policy
 * is judged by (src/lib/s3-policy.ts). `aws:MultiFactorAuthPresent` or
 * `sts:ExternalId` alone do not: anyone with MFA, or anyone who learns the
 * external id, in any account, still matches.
 */
export function trustRestrictingConditions(s: PolicyStatement): string[] {
  return pinningConditionsSplit(s.raw.Condition).pinned;
}

/** Trust conditions that would pin the caller but whose value depends on a parameter (`!Ref AccountParam`). */
export function trustHiddenConditions(s: PolicyStatement): string[] {
  return pinningConditionsSplit(s.raw.Condition).hidden;
}

/** Keys whose value is an ARN: its account field must be literal to pin anyone. */
const ARN_KEYS = ['aws:principalarn', 'aws:sourcearn'];
/** Keys whose value is an account or organization id. */
const ID_KEYS = ['aws:principalaccount', 'aws:sourceaccount', 'aws:principalorgid', 'aws:sourceorgid', 'aws:sourceowner', 'kms:calleraccount', 'aws:resourceaccount'];

/**
 * The conditions that pin an Allow for `*` to known callers (the keys and
 * operators of `restrictingConditions`, plus `extraKeys`), without those whose
 * values leave the caller open: an ARN with a wildcard account
 * (`arn:aws:iam::*:role/deploy` is that role name in every account) or an
 * account or organization id with a wildcard (`StringLike aws:PrincipalAccount: "*"`).
 */
export function pinningConditions(condition: unknown, extraKeys: readonly string[] = []): string[] {
  const { pinned, hidden } = pinningConditionsSplit(condition, extraKeys);
  return [...pinned, ...hidden];
}

/**
 * `pinningConditions`, split by what the values are: `pinned` when every value is literal, a resource
 * of the template (`!GetAtt Topic.TopicArn`) or built from pseudo parameters (`!Ref AWS::AccountId`);
 * `hidden` when some value depends on a parameter or import, which could be anything (even `*`).
 */
export function pinningConditionsSplit(condition: unknown, extraKeys: readonly string[] = []): { pinned: string[]; hidden: string[] } {
  const hidden: string[] = [];
  if (!condition || typeof condition !== 'object' || Array.isArray(condition) || isUnresolved(condition)) return { pinned: [], hidden };
  const allowed = new Set(restrictingConditions(condition));
  const out: string[] = [];
  for (const [op, body] of Object.entries(condition as Record<string, unknown>)) {
    if (!narrowingOperator(op) || !body || typeof body !== 'object' || isUnresolved(body)) continue;
    for (const [key, v] of Object.entries(body as Record<string, unknown>)) {
      const k = key.toLowerCase();
      const label = `${op} ${key}`;
      if (!allowed.has(label) && !extraKeys.includes(k)) continue;
      const values = toList(v) ?? [];
      if (values.length === 0) continue;
      const open = values.some((x) => {
        if (typeof x !== 'string') return false;
        const t = x.trim();
        if (t === '' || /^[*?]+$/.test(t)) return true;
        if (ARN_KEYS.includes(k)) return /[*?]/.test(t.split(':')[4] ?? '*');
        if (ID_KEYS.includes(k)) return /[*?]/.test(t);
        return false;
      });
      if (open) continue;
      if (values.some((x) => isUnresolved(x) && !specificShape(x))) hidden.push(label);
      else out.push(label);
    }
  }
  return { pinned: out, hidden };
}

/** The web-identity / SAML provider a `Federated` principal names, as far as the template says. */
export type FederatedProvider =
  | { kind: 'oidc'; host: string }
  | { kind: 'saml'; name: string }
  | { kind: 'unknown'; expression: string };

/**
 * `cognito-identity.amazonaws.com`, `accounts.google.com`,
 * `arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com`,
 * the same built with `Fn::Sub` (its account and partition may be placeholders),
 * or `arn:...:saml-provider/Okta`. A template's own `AWS::IAM::OIDCProvider` is
 * resolved by the caller (its `Url`).
 */
export function federatedProvider(v: unknown): FederatedProvider {
  let text: string;
  if (typeof v === 'string') text = v.trim().replace(/^https:\/\//i, '');
  else if (isUnresolved(v) && v.shape !== undefined) {
    const parts = v.shape.split(':');
    if (parts.length < 6 || parts[0] !== 'arn' || parts[2] !== 'iam' || parts.slice(5).join(':').includes(SHAPE_UNKNOWN) || parts.slice(5).join(':').includes(SHAPE_SPECIFIC))
      return { kind: 'unknown', expression: v.expression };
    text = ['arn', 'x', 'iam', '', 'x', ...parts.slice(5)].join(':');
  } else return { kind: 'unknown', expression: isUnresolved(v) ? v.expression : JSON.stringify(v) ?? String(v) };
  const arn = /^arn:[^:]+:iam::[^:]*:(oidc-provider|saml-provider)\/(.+)$/.exec(text);
  if (arn) return arn[1] === 'saml-provider' ? { kind: 'saml', name: arn[2]! } : { kind: 'oidc', host: arn[2]!.replace(/^https:\/\//, '').toLowerCase() };
  if (/^[a-z0-9.-]+\.[a-z]{2,}(\/.*)?$/i.test(text)) return { kind: 'oidc', host: text.replace(/^https:\/\//, '').toLowerCase() };
  return { kind: 'unknown', expression: text };
}

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const GITHUB_OIDC_REFERENCE = 'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services';

/**
 * Does a web-identity trust statement pin which identities of the provider may
 * assume the role? A public OIDC provider issues tokens to anyone who signs up:
 * - GitHub Actions: every repository on github.com gets a token with the same
 *   audience, so only `token.actions.githubusercontent.com:sub` pins it, and
 *   only when each allowed value names an owner (`repo:my-org/*`, not `repo:*`
 *   or `*`);
 * - any other OIDC provider (Cognito identity pools, Google, EKS clusters...):
 *   a narrowing condition on one of the provider's own keys (`<host>:aud`,
 *   `<host>:sub`) with a value that is not `*`.
 * `unknown` when a value that decides it depends on a parameter.
 */
export function webIdentityPinned(s: PolicyStatement, host: string): { pinned: true; by: string } | { pinned: false; why: string } | { unknown: string } {
  // Condition keys are the issuer without https:// (`oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub`).
  const prefix = host.toLowerCase();
  const github = prefix === GITHUB_OIDC_HOST;
  // Only the audience (the app, pool or client) and the subject say whose identities; `amr` and the like do not.
  const keys = conditionEntries(s).filter(
    (c) => narrowingOperator(c.operator) && (github ? c.key === `${GITHUB_OIDC_HOST}:sub` : c.key === `${prefix}:aud` || c.key === `${prefix}:sub`),
  );
  let hidden: string | undefined;
  for (const c of keys) {
    const verdicts = c.values.map((v) => {
      // A Ref/GetAtt of a resource in this template (`!Ref IdentityPool`) is one specific value: it pins.
      // So does a string built only from pseudo parameters and such references (no parameter, no `*`).
      if (isRef(v)) return github ? 'hidden' : 'pinned';
      if (isUnresolved(v)) return !github && specificShape(v) ? 'pinned' : 'hidden';
      if (typeof v !== 'string' || v.trim() === '' || /^\*+$/.test(v.trim())) return 'open';
      // GitHub: `repo:OWNER/...` with a literal owner (or an environment/ref claim of one owner's repo).
      if (github) return /^repo:[^*?/:]+\//i.test(v.trim()) ? 'pinned' : 'open';
      return 'pinned';
    });
    if (verdicts.length && verdicts.every((x) => x === 'pinned')) return { pinned: true, by: `${c.operator} ${c.key}` };
    if (verdicts.includes('hidden') && !verdicts.includes('open')) hidden ??= `${c.operator} ${c.key} depends on ${describeHidden(c.values.find((v) => isUnresolved(v) || isRef(v)))}`;
  }
  if (hidden) return { unknown: hidden };
  if (github)
    return {
      pinned: false,
      why: keys.length
        ? `its ${GITHUB_OIDC_HOST}:sub condition allows repositories of any owner (${keys.flatMap((c) => c.values).map(String).join(', ')})`
        : `no ${GITHUB_OIDC_HOST}:sub condition: any GitHub Actions workflow of any repository can assume it (the aud claim is the same for everyone)`,
    };
  return { pinned: false, why: `no condition on ${prefix}:aud or ${prefix}:sub with a value other than *: nothing pins which of the provider's identities may assume it` };
}

/** An unresolved string whose shape is known and has no parameter-sized hole or wildcard in it. */
function specificShape(v: Unresolved): boolean {
  return v.shape !== undefined && !v.shape.includes(SHAPE_UNKNOWN) && !/[*?]/.test(v.shape) && v.shape.trim() !== '';
}

function describeHidden(v: unknown): string {
  if (isUnresolved(v)) return v.expression;
  if (isRef(v)) return v.attribute ? `Fn::GetAtt ${v.logicalId}.${v.attribute}` : `Ref ${v.logicalId}`;
  return String(v);
}

/** For a provider the template hides: does some narrowing `…:aud`/`…:sub` condition name literal values (or a resource of the template)? */
export function someAudienceOrSubjectPinned(s: PolicyStatement): boolean {
  return conditionEntries(s).some(
    (c) => narrowingOperator(c.operator) && /:(aud|sub)$/.test(c.key) && c.values.length > 0 && c.values.every((v) => isRef(v) || (isUnresolved(v) && specificShape(v)) || (typeof v === 'string' && v.trim() !== '' && !/^\*+$/.test(v.trim()) && !/^repo:\*/i.test(v.trim()))),
  );
}

/**
 * Write actions that are resource-less for one kind of role only. A role that
 * only Amazon Cognito user pools may assume is the pool's SMS sender: SMS goes
 * to phone numbers, which have no ARN, so `sns:Publish` on `*` is the only
 * grant that works (AWS's documented SMS role; CDK's UserPool creates it).
 */
const RESOURCELESS_FOR_SERVICE: Record<string, readonly string[]> = {
  'cognito-idp.amazonaws.com': ['sns:Publish'],
};
export const COGNITO_SMS_REFERENCE = 'https://docs.aws.amazon.com/cognito/latest/developerguide/role-that-enables-cognito-to-send-sms.html';

/** The extra resource-less actions of a role whose every Allow trust statement names only one such service. */
export function resourcelessForTrust(trust: unknown): readonly string[] {
  let statements: PolicyStatement[];
  try {
    statements = statementsOf(trust).filter((s) => s.effect === 'Allow');
  } catch {
    return [];
  }
  const services = new Set<string>();
  for (const s of statements) {
    const p = s.principal ?? {};
    if (Object.keys(p).some((k) => k !== 'Service')) return [];
    for (const v of p.Service ?? []) {
      if (typeof v !== 'string') return [];
      services.add(v.trim().toLowerCase());
    }
  }
  if (services.size !== 1) return [];
  return RESOURCELESS_FOR_SERVICE[[...services][0]!] ?? [];
}

/** The OIDC issuer a trust statement's condition keys name (`<issuer>:aud`, `<issuer>:sub`), when they name exactly one. */
export function providerFromConditionKeys(s: PolicyStatement): FederatedProvider | undefined {
  const hosts = new Set(
    conditionEntries(s)
      .map((c) => /^(.+):(aud|sub|amr|azp|oaud)$/.exec(c.key)?.[1])
      .filter((h): h is string => !!h && !h.startsWith('aws') && h !== 'sts' && h.includes('.')),
  );
  return hosts.size === 1 ? { kind: 'oidc', host: [...hosts][0]! } : undefined;
}
