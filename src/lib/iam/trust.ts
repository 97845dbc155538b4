/**
 * Role trust policies: who may assume a role. Service principals, human
 * principals (account roots, users), third parties with an external id, the
 * conditions that pin a trust for `*`, and federated (SAML, OIDC) providers
 * with the conditions that pin which of their identities may assume it.
 */
import { SHAPE_SPECIFIC, SHAPE_UNKNOWN, isRef, isUnresolved, shownShape } from '../../model/values.js';
import { statementsOf, conditionEntries, narrowingOperator, specificShape, type PolicyStatement } from './statements.js';
import { pinningConditionsSplit } from './resource-policy.js';
import type { Inventory } from '../../model/inventory.js';

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

/**
 * A trust statement for a third party that assumes the role on its own
 * (a vendor's integration): it names an `sts:ExternalId`, which AWS documents
 * for exactly that case. A machine, not a person: MFA does not apply.
 */
export function isThirdPartyTrust(s: PolicyStatement): boolean {
  return conditionEntries(s).some((c) => narrowingOperator(c.operator) && c.key === 'sts:externalid' && c.values.length > 0);
}

/**
 * Human principals in a trust statement: account roots (`arn:aws:iam::ACCOUNT:root`
 * or a bare 12-digit account id, which IAM stores as the root ARN), IAM users, and
 * everyone (`"*"`, which includes every person of every account).
 * Roles and services are not humans; federated principals authenticate (and
 * do MFA) at their identity provider.
 */
export function humanPrincipals(s: PolicyStatement): { human: string[]; unresolved: string[] } {
  const human: string[] = [];
  const unresolved: string[] = [];
  // Principal "*" / {AWS: "*"}: every principal of every account, people included.
  if ((s.principal?.['*'] ?? []).includes('*')) human.push('*');
  for (const v of s.principal?.AWS ?? []) {
    if (v === '*') {
      human.push('*');
      continue;
    }
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

/**
 * Named roles of ANOTHER account in a trust statement (`arn:aws:iam::444455556666:role/auditor`, the same
 * built with `Fn::Sub` from a parameter that has a default, CDK's ArnPrincipal): whoever that account lets
 * assume its role (people included) reaches this one, and nothing in this account can require their MFA
 * or ExternalId except this trust. labels.yaml: "Without ExternalId or MFA: fail" (corpus count 4 fail : 0
 * pass, session 14: scout29 AuditReadOnlyRole/ExecutionRole, scout15cdk StagingDeployTrust, vault7
 * ScannerRole). A role of the same account (`${AWS::AccountId}`, or the stack's known account) stays a
 * machine principal, as do services and federated providers. Users are already humans (humanPrincipals).
 */
export function otherAccountRolePrincipals(s: PolicyStatement, stackAccount?: string): string[] {
  const out: string[] = [];
  for (const v of s.principal?.AWS ?? []) {
    if (typeof v === 'string') {
      const m = /^arn:[^:]+:iam::(\d{12}):role\/.+$/.exec(v.trim());
      if (m && m[1] !== stackAccount) out.push(v.trim());
    } else if (isUnresolved(v) && v.shape !== undefined && !v.shape.includes(SHAPE_UNKNOWN)) {
      const parts = v.shape.split(':');
      if (parts.length < 6 || parts[0] !== 'arn' || parts[2] !== 'iam' || !/^role\//.test(parts.slice(5).join(':'))) continue;
      // A literal account: another account unless it is the stack's. A placeholder: only `${AWS::AccountId}` (slot `account`) is this account.
      if (/^\d{12}$/.test(parts[4]!)) {
        if (parts[4] !== stackAccount) out.push(v.expression);
      }
    }
  }
  return out;
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
    if (verdicts.length && verdicts.every((x) => x === 'pinned')) return { pinned: true, by: `${c.operator} ${shownKey(c.key)}` };
    if (verdicts.includes('hidden') && !verdicts.includes('open')) hidden ??= `${c.operator} ${shownKey(c.key)} depends on ${describeHidden(c.values.find((v) => isUnresolved(v) || isRef(v)))}`;
  }
  // A key the template builds (`${Issuer}:sub`) that could spell one of the wanted keys, with values that would pin: cannot tell.
  if (!hidden) {
    const wanted = github ? [`${GITHUB_OIDC_HOST}:sub`] : [`${prefix}:aud`, `${prefix}:sub`];
    const built = conditionEntries(s).find(
      (c) => narrowingOperator(c.operator) && builtKeyCouldBe(c.key, wanted) && c.values.length > 0 && c.values.every((v) => typeof v === 'string' && v.trim() !== '' && !/^\*+$/.test(v.trim()) && (!github || /^repo:[^*?/:]+\//i.test(v.trim()))),
    );
    if (built) hidden = `${built.operator} ${shownKey(built.key)} is a key the template builds, which could be ${wanted.join(' or ')}`;
  }
  if (hidden) return { unknown: hidden };
  if (github)
    return {
      pinned: false,
      why: keys.length
        ? `its ${GITHUB_OIDC_HOST}:sub condition allows repositories of any owner (${keys.flatMap((c) => c.values).map(String).join(', ')})`
        : `no ${GITHUB_OIDC_HOST}:sub condition: any GitHub Actions workflow of any repository can assume it (the aud claim is the same for everyone)`,
    };
  return { pinned: false, why: `no condition on ${shownKey(prefix)}:aud or ${shownKey(prefix)}:sub with a value other than *: nothing pins which of the provider's identities may assume it` };
}

/** A condition key built from template values (see parsePolicyDocument) that some value of its pieces makes one of `wanted`. */
function builtKeyCouldBe(key: string, wanted: readonly string[]): boolean {
  if (!key.includes(SHAPE_UNKNOWN) && !key.includes(SHAPE_SPECIFIC)) return false;
  const pattern = new RegExp(`^${key.split(/[\u0001\u0002]/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`, 'i');
  return wanted.some((w) => pattern.test(w));
}

/** A condition key as shown in a message: each piece the template builds as `${…}`. */
export function shownKey(key: string): string {
  return shownShape(key);
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

/**
 * The provider a trust statement's `Federated` entry names: a literal issuer or provider ARN, or a `Ref`
 * to the template's own `AWS::IAM::OIDCProvider` / aws-cdk-lib `Custom::AWSCDKOpenIdConnectProvider`
 * (its `Url`) or `AWS::IAM::SAMLProvider`; when the provider is hidden, the issuer its condition keys
 * name (`token.actions.githubusercontent.com:sub`). Read the same way by the iam-least-privilege and
 * public-access trust rules.
 */
export function federatedProviderOf(f: unknown, s: PolicyStatement, stack: string | undefined, inventory: Inventory): FederatedProvider {
  let provider: FederatedProvider;
  if (isRef(f)) {
    const target = inventory.get(`${stack}/${f.logicalId}`);
    const url = target && target.type !== 'aws.iam.saml-provider' ? (target.properties as Record<string, unknown> | undefined)?.Url : undefined;
    if (target?.type === 'aws.iam.saml-provider') provider = { kind: 'saml', name: target.name ?? target.id };
    else provider = typeof url === 'string' ? federatedProvider(url) : { kind: 'unknown', expression: `${f.logicalId}${url === undefined ? '' : `.Url ${JSON.stringify(url)}`}` };
  } else provider = federatedProvider(f);
  if (provider.kind === 'unknown') provider = providerFromConditionKeys(s) ?? provider;
  return provider;
}
