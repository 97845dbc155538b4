/**
 * IAM policy-document analysis shared by the IaC rules and the live AWS
 * collector (GetAccountAuthorizationDetails returns the same JSON documents,
 * URL-encoded). Pure functions over a document, one concern a file:
 * - iam/statements.ts: documents to normalized statements, condition entries;
 * - iam/actions.ts: wildcard matching, actions and resource scopes, escalation
 *   and write actions;
 * - iam/identity-policy.ts: over-broad grants, admin and full-access managed policies;
 * - iam/mfa.ts: MFA enforcement and MFA in trust;
 * - iam/trust.ts: trust policies, principals, federated / OIDC providers;
 * - iam/resource-policy.ts: `*` principals and the conditions that pin them.
 *
 * Values inside a document may be template markers (`Unresolved`,
 * `ResourceRef`); a `ResourceRef` is a specific resource (never `*`), an
 * `Unresolved` is reported as such so the caller can answer `unknown`.
 *
 * This file is the import path rules use: it re-exports what they need.
 */
export { type Effect, type PolicyStatement, PolicyShapeError, parsePolicyDocument, statementsOf, hasUnresolved, conditionEntries } from './iam/statements.js';
export {
  iamMatch,
  isAllActions,
  serviceWildcard,
  SERVICE_WILDCARD_REFERENCES,
  isBroadResource,
  type ResourceScope,
  resourceScope,
  ESCALATION_ACTIONS,
  ESCALATION_REFERENCE,
  escalationActionsIn,
  AGENT_CHANNEL_SERVICES,
  AGENT_CHANNEL_REFERENCE,
  RESOURCELESS_WRITE_ACTIONS,
  isResourcelessWrite,
  RESOURCE_TYPES_REFERENCE,
  isWriteAction,
} from './iam/actions.js';
export { type PolicyProblem, type DenyStatement, DENY_NARROWING_REFERENCE, denyStatementsOf, denyNarrowing, policyProblems, ADMIN_MANAGED_POLICIES, managedPolicyArnKind, adminManagedPolicy, fullAccessManagedPolicy } from './iam/identity-policy.js';
export { isMfaEnforcingStatement, enforcesMfa, requiresMfa, mfaRequirement, mfaConditionGap, hasMfaCondition, type MfaRequirement } from './iam/mfa.js';
export {
  regionalServicePrincipal,
  isThirdPartyTrust,
  humanPrincipals,
  otherAccountRolePrincipals,
  trustRestrictingConditions,
  trustHiddenConditions,
  type FederatedProvider,
  federatedProvider,
  GITHUB_OIDC_HOST,
  GITHUB_OIDC_REFERENCE,
  webIdentityPinned,
  someAudienceOrSubjectPinned,
  COGNITO_SMS_REFERENCE,
  resourcelessForTrust,
  providerFromConditionKeys,
  federatedProviderOf,
  shownKey,
} from './iam/trust.js';
export { principalIsAnyone, pinningConditions, pinningConditionsSplit } from './iam/resource-policy.js';
export { INLINE_POLICY_TYPES, TEMPLATE_POLICY_TYPES, type InlinePolicyType, type PrincipalKind, isTemplatePolicyType, principalPath } from './iam/policy-resources.js';
