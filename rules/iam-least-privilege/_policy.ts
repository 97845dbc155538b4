/** Turning policy-document problems (src/lib/iam.ts) into verdicts. */
import type { Verdict } from '../../src/evaluate/rule.js';
import { ev, fail, unknown, pass, mustDocument, get } from '../../src/evaluate/facts.js';
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import { isUnresolved, isRef, SHAPE_SPECIFIC } from '../../src/model/values.js';
import {
  policyProblems,
  statementsOf,
  hasUnresolved,
  isAllActions,
  serviceWildcard,
  PolicyShapeError,
  denyStatementsOf,
  INLINE_POLICY_TYPES,
  TEMPLATE_POLICY_TYPES,
  isTemplatePolicyType,
  principalPath,
  type PolicyStatement,
  type DenyStatement,
  type PrincipalKind,
} from '../../src/lib/iam.js';

const EXPECTED = 'no Allow of *, service:* (on any resource), NotAction/NotResource, or escalation or write actions on *';

/** Verdicts for one document at `path`; `prefix` distinguishes several documents on one resource. */
export function judgeDocument(
  doc: unknown,
  path: string,
  prefix = '',
  opts: {
    resourceless?: readonly string[];
    framework?: (statement: Record<string, unknown>) => boolean;
    parameterType?: (name: string) => unknown;
    assumed?: string[];
    /** Deny statements of the principal's other policies (`denyNarrowing`, src/lib/iam/identity-policy.ts). */
    denies?: readonly DenyStatement[];
  } = {},
): Verdict[] {
  try {
    // `framework`: a statement CDK itself wrote for one of its framework custom resources (./_cdk-framework.ts).
    const problems = policyProblems(doc, prefix, opts).filter((p) => !opts.framework?.(p.statement));
    return problems.map((p) => ({
      ...(p.status === 'fail' ? fail(p.message, ev(path, p.statement, EXPECTED)) : unknown(p.message, ev(path, p.statement, EXPECTED))),
      subId: p.subId,
    }));
  } catch (e) {
    if (e instanceof PolicyShapeError) return [{ ...unknown(`${path}: ${e.message}`, ev(path, doc)), subId: `${prefix}Statement` }];
    throw e;
  }
}

export function passDocuments(count: number, path: string, assumed: readonly string[] = []): Verdict {
  return pass(
    `${count} polic${count === 1 ? 'y' : 'ies'} grant nothing over-broad${assumed.length ? ` (${assumed.join('; ')})` : ''}`,
    ev(path, `${count} document(s)`, EXPECTED),
    ...assumed.map((a) => ev(path, a)),
  );
}

/**
 * The declared `Type` of a parameter of the template `r` comes from (the stack record's
 * `Parameters`, src/sources/iac/stack.ts), for `singleResourceParameter`; undefined for live resources.
 */
export function stackParameterType(r: Resource, inventory: Inventory): ((name: string) => unknown) | undefined {
  if (r.source !== 'iac') return undefined;
  const stack = inventory.get(`${r.location.stack}/(stack)`);
  if (stack?.type !== 'aws.cloudformation.stack') return undefined;
  return (name) => get(stack.properties, `Parameters.${name}.Type`);
}

/** The statements of the document at `path`, or an `unknown` verdict when its shape cannot be read (unresolved `Statement`...). */
export function statementsOrUnknown(doc: unknown, path: string): { statements: PolicyStatement[] } | { verdict: Verdict } {
  try {
    return { statements: statementsOf(doc) };
  } catch (e) {
    if (e instanceof PolicyShapeError) return { verdict: unknown(`${path}: ${e.message}`, ev(path, doc)) };
    throw e;
  }
}

/**
 * A policy document as the rule should read it: a JSON string built with
 * `Fn::Sub`/`Fn::Join` keeps its shape and is parsed from it (src/lib/iam.ts);
 * any other unresolved value makes the check `unknown` (`mustDocument`).
 */
export const documentValue = mustDocument;

/**
 * The over-broad grants of a resource policy (a domain access policy, a bucket, queue or repository
 * policy): an Allow of every action (`*`), of every action of one service (`es:*`, `s3:*`: `service:*`
 * is over-broad on any resource, a specific one included; AWS Config
 * iam-policy-no-statements-with-full-access, FSBP IAM.21) or of NotAction, to whatever principal. A
 * Condition narrows when the grant applies, not what it grants. The policy's resource is its owner, so
 * `Resource: *` is not judged here, nor who the principal is (public-access reads that). `exempt`
 * names a statement the caller accepts (the default KMS key policy's `kms:*` to the account root).
 * One verdict per offending statement; none when nothing is over-broad.
 */
export function judgeResourcePolicyActions(doc: unknown, path: string, exempt?: (s: PolicyStatement) => string | undefined): Verdict[] {
  const read = statementsOrUnknown(doc, path);
  if ('verdict' in read) return [{ ...read.verdict, subId: 'Statement' }];
  const out: Verdict[] = [];
  for (const s of read.statements) {
    const at = `${path}.Statement[${s.index}]`;
    if (s.effect === undefined) {
      if (s.raw.Effect !== undefined) out.push({ ...unknown(`Statement[${s.index}]: its Effect is not known`, ev(`${at}.Effect`, s.raw.Effect)), subId: `Statement[${s.index}]` });
      continue;
    }
    if (s.effect !== 'Allow') continue;
    const hidden = hasUnresolved(s.action) ?? hasUnresolved(s.notAction);
    if (hidden) {
      out.push({ ...unknown(`Statement[${s.index}]: its actions depend on ${hidden}`, ev(`${at}.Action`, hidden)), subId: `Statement[${s.index}]` });
      continue;
    }
    const broad = s.notAction ? 'NotAction' : (s.action ?? []).map((a) => String(a).trim()).find((a) => isAllActions(a) || serviceWildcard(a) !== undefined);
    if (broad === undefined || exempt?.(s) !== undefined) continue;
    out.push({
      ...fail(
        broad === 'NotAction'
          ? `Statement[${s.index}] allows every action except ${s.notAction!.length} listed (NotAction) to its principal`
          : `Statement[${s.index}] allows ${isAllActions(broad) ? 'every action of every service' : `every ${serviceWildcard(broad)} action`} (${broad}) to its principal`,
        ev(`${at}.${broad === 'NotAction' ? 'NotAction' : 'Action'}`, s.raw.Action ?? s.raw.NotAction, 'the actions the principal needs, named'),
      ),
      subId: `Statement[${s.index}]:Action:${broad}`,
    });
  }
  return out;
}

/**
 * An account's root as a principal: `arn:aws:iam::123456789012:root`, a bare account id, or the same
 * built from AWS::AccountId. `own`: only the stack's own account (built from the pseudo parameter, or
 * the literal id of the account the stack is scanned for).
 */
function isAccountRoot(p: unknown, own: string | true | undefined): boolean {
  if (isUnresolved(p)) {
    const shape = p.shape;
    return shape !== undefined && (p.slots ?? []).includes('account') && new RegExp(`^(arn:[^:]*:iam::)?${SHAPE_SPECIFIC}(:root)?$`).test(shape.replace(new RegExp(`^arn:${SHAPE_SPECIFIC}:`), 'arn:aws:'));
  }
  const m = typeof p === 'string' ? /^(?:arn:aws[a-z-]*:iam::)?(\d{12})(?::root)?$/.exec(p.trim()) : null;
  return m !== null && (own === undefined || m[1] === own);
}

/**
 * Delegation to an account's IAM: the statement names only account roots (`kms:*` to any account's
 * root, as the default key policy does for its own; `service:*` to this stack's own account elsewhere,
 * which only lets the account's own identity policies decide).
 */
/**
 * A bucket policy's grant to everyone pinned by `s3:DataAccessPointAccount` to one account (StringEquals,
 * no IfExists): the documented way to delegate the bucket's access control to that account's access points,
 * whose own policies name the principals and actions (S3 user guide, "Delegating access control to access
 * points"). Only this stack's own account, as for a root delegation.
 */
export function accessPointDelegation(account: string | undefined) {
  const own = account ?? true;
  return (s: PolicyStatement): string | undefined => {
    if (s.notAction || !s.condition) return undefined;
    for (const [op, entries] of Object.entries(s.condition)) {
      if (op !== 'StringEquals' || !entries || typeof entries !== 'object') continue;
      for (const [key, value] of Object.entries(entries)) {
        if (key.toLowerCase() !== 's3:dataaccesspointaccount') continue;
        const values = Array.isArray(value) ? value : [value];
        if (values.length > 0 && values.every((v) => isAccountRoot(v, own) && !(typeof v === 'string' && v.includes(':root')))) return "delegated to the account's access points";
      }
    }
    return undefined;
  };
}

export function accountRootDelegation(kms: boolean, account: string | undefined) {
  // Not KMS: only this stack's own account; when the account is not known, only one built from AWS::AccountId.
  const own = kms ? undefined : (account ?? true);
  return (s: PolicyStatement): string | undefined => {
    const p = s.principal;
    if (!p || s.notAction || Object.keys(p).some((k) => k !== 'AWS')) return undefined;
    const list = p.AWS ?? [];
    return list.length > 0 && list.every((x) => isAccountRoot(x, own)) ? 'delegated to an account' : undefined;
  };
}

const PRINCIPAL_KIND: Record<string, PrincipalKind> = { 'aws.iam.role': 'Roles', 'aws.iam.user': 'Users', 'aws.iam.group': 'Groups' };

/** The Deny statements of one policy document, or none when it cannot be read (its own rule reports that). */
function deniesOfDocument(doc: unknown, prefix: string): DenyStatement[] {
  try {
    return denyStatementsOf(statementsOf(doc), prefix);
  } catch (e) {
    if (e instanceof PolicyShapeError) return [];
    throw e;
  }
}

/**
 * The Deny statements that apply to the template principal `p` (a role, user or group) from its
 * policies other than `except`: its inline `Policies`, and the template's policy resources attached to
 * it (an AWS::IAM::Policy / RolePolicy / ... naming it by `Ref`, a ManagedPolicy naming it or named in
 * its `ManagedPolicyArns` by `Ref`). An explicit Deny in any policy of the principal overrides its
 * Allows (IAM policy evaluation logic). Policies attached outside the template are not seen: they can
 * only deny more, never grant back what a Deny takes. A policy resource with an undecided `Condition`
 * may not be deployed, so its Denies are not counted.
 */
export function principalDenies(p: Resource, inventory: Inventory, except: { inlineIndex?: number; policyId?: string } = {}): DenyStatement[] {
  const kind = PRINCIPAL_KIND[p.type];
  if (!kind) return [];
  const out: DenyStatement[] = [];
  asArrayOf(get(p.properties, 'Policies')).forEach((entry, i) => {
    if (i === except.inlineIndex || !entry || typeof entry !== 'object') return;
    const e = entry as Record<string, unknown>;
    out.push(...deniesOfDocument(e.PolicyDocument, `${typeof e.PolicyName === 'string' ? e.PolicyName : `Policies[${i}]`}:`));
  });
  if (p.source !== 'iac') return out;
  const stack = p.location.stack;
  const seen = new Set<string>();
  const add = (policy: Resource | undefined) => {
    if (!policy || policy.id === except.policyId || seen.has(policy.id) || !isTemplatePolicyType(policy.type)) return;
    // A policy created under a condition vouch cannot decide may not be deployed: its Denies prove nothing (fail closed).
    if (policy.properties['$Condition'] !== undefined) return;
    seen.add(policy.id);
    out.push(...deniesOfDocument(get(policy.properties, 'PolicyDocument'), `${policy.location.logicalId ?? policy.id}:`));
  };
  for (const arn of asArrayOf(get(p.properties, 'ManagedPolicyArns'))) if (isRef(arn) && arn.attribute === undefined) add(inventory.get(`${stack}/${arn.logicalId}`));
  for (const policy of policiesNamingByRef(inventory).get(`${stack}/${kind}/${p.location.logicalId}`) ?? []) add(policy);
  return out;
}

/**
 * Per inventory, the template policy resources that name a principal by `Ref` (no attribute) in their
 * Roles / Users / Groups, keyed `stack/kind/logicalId`, in TEMPLATE_POLICY_TYPES order, then inventory
 * order. Built once: principalDenies is asked for every inline policy of every principal, and scanning
 * every policy resource each time was quadratic (6,000 roles beside 6,000 policies: 4.5 s).
 */
const namingByRef = new WeakMap<Inventory, Map<string, Resource[]>>();

function policiesNamingByRef(inventory: Inventory): Map<string, Resource[]> {
  const cached = namingByRef.get(inventory);
  if (cached) return cached;
  const index = new Map<string, Resource[]>();
  for (const type of TEMPLATE_POLICY_TYPES)
    for (const kind of ['Roles', 'Users', 'Groups'] as const) {
      const at = principalPath(type, kind);
      if (!at) continue;
      for (const policy of inventory.ofType(type))
        for (const v of asArrayOf(get(policy.properties, at.path))) {
          if (!isRef(v) || v.attribute !== undefined) continue;
          const key = `${policy.location.stack}/${kind}/${v.logicalId}`;
          const list = index.get(key);
          if (list) list.push(policy);
          else index.set(key, [policy]);
        }
    }
  namingByRef.set(inventory, index);
  return index;
}

/**
 * The one template principal an inline policy resource (AWS::IAM::Policy / RolePolicy / UserPolicy /
 * GroupPolicy) is attached to, by `Ref`; undefined when it names several, none, or one by a literal name
 * (the Denies of one principal narrow only a policy that no other principal holds). A ManagedPolicy is
 * never taken as one principal's: it can be attached outside the template.
 */
export function soleTemplatePrincipal(r: Resource, inventory: Inventory): Resource | undefined {
  if (!(INLINE_POLICY_TYPES as readonly string[]).includes(r.type) || r.source !== 'iac') return undefined;
  const named: unknown[] = [];
  for (const kind of ['Roles', 'Users', 'Groups'] as const) {
    const at = principalPath(r.type, kind);
    if (at) named.push(...asArrayOf(get(r.properties, at.path)).map((v) => ({ kind, v })));
  }
  if (named.length !== 1) return undefined;
  const { kind, v } = named[0] as { kind: PrincipalKind; v: unknown };
  if (!isRef(v) || v.attribute !== undefined) return undefined;
  const p = inventory.get(`${r.location.stack}/${v.logicalId}`);
  return p && PRINCIPAL_KIND[p.type] === kind ? p : undefined;
}

function asArrayOf(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}
