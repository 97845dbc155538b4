/**
 * The roles aws-cdk-lib synthesizes for its own framework custom resources
 * (core `CustomResourceProvider`: a role and an `__entrypoint__.handler`
 * function named `Custom<Type>CustomResourceProvider{Role,Handler}<hash>`, or
 * with `aws:cdk:path` metadata `…/Custom::<Type>CustomResourceProvider/Role`).
 * Their statements are CDK's, not the app's: the labels judge CDK framework
 * statements as passing (test/corpus labels.scout2cdk.yaml header call; scout2cdk,
 * scout6cdk and scout7cdk all pass the OpenID Connect provider role, none fails it).
 *
 * Only a statement whose actions are all among the ones CDK writes for that
 * provider type is exempt, and only on a role that carries the whole synthesized
 * shape: the `AWSCDK`-prefixed type name (a user's own `Custom::MyThing` provider
 * has a type without it), a handler function of the same type whose `Role` is
 * this role and whose handler is CDK's `__entrypoint__.handler`. A user's role
 * that merely has a similar name, or a statement the app added to the provider,
 * is judged as any other.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import { get } from '../../src/evaluate/facts.js';
import { refersTo } from '../audit-logging/_refers-to.js';

/** What CDK grants the role of each of its framework providers that writes on "*" (aws-cdk-lib, aws-iam/lib/oidc-provider.ts). */
const FRAMEWORK_ACTIONS: Record<string, readonly string[]> = {
  AWSCDKOpenIdConnectProvider: [
    'iam:CreateOpenIDConnectProvider',
    'iam:DeleteOpenIDConnectProvider',
    'iam:UpdateOpenIDConnectProviderThumbprint',
    'iam:AddClientIDToOpenIDConnectProvider',
    'iam:RemoveClientIDFromOpenIDConnectProvider',
    'iam:TagOpenIDConnectProvider',
    'iam:UntagOpenIDConnectProvider',
  ],
};

const ROLE_ID = /^Custom(AWSCDK[A-Za-z0-9]+)CustomResourceProviderRole[0-9A-F]{8}$/;
const ROLE_PATH = /\/Custom::(AWSCDK[A-Za-z0-9]+)CustomResourceProvider\/Role$/;
const HANDLER_ID = (type: string) => new RegExp(`^Custom${type}CustomResourceProviderHandler[0-9A-F]{8}$`);
const HANDLER_PATH = (type: string) => new RegExp(`/Custom::${type}CustomResourceProvider/Handler$`);

/** The provider type of a role CDK synthesized for one of its framework custom resources, else undefined. */
function frameworkType(role: Resource, inventory: Inventory): string | undefined {
  if (role.type !== 'aws.iam.role' || role.source !== 'iac') return undefined;
  const type = ROLE_ID.exec(role.location.logicalId ?? '')?.[1] ?? ROLE_PATH.exec(role.location.constructPath ?? '')?.[1];
  if (type === undefined || FRAMEWORK_ACTIONS[type] === undefined) return undefined;
  const handler = inventory.ofType('aws.lambda.function').find(
    (f) =>
      f.location.file === role.location.file &&
      f.location.stack === role.location.stack &&
      (HANDLER_ID(type).test(f.location.logicalId ?? '') || HANDLER_PATH(type).test(f.location.constructPath ?? '')) &&
      get(f.properties, 'Handler') === '__entrypoint__.handler' &&
      refersTo(get(f.properties, 'Role'), role) === 'yes',
  );
  return handler ? type : undefined;
}

/**
 * For a CDK framework provider role, a test of whether a raw statement is one CDK wrote for it
 * (every action among the provider's own); undefined for any other resource.
 */
export function frameworkStatement(role: Resource, inventory: Inventory): ((statement: Record<string, unknown>) => boolean) | undefined {
  const type = frameworkType(role, inventory);
  if (type === undefined) return undefined;
  const allowed = new Set(FRAMEWORK_ACTIONS[type]!.map((a) => a.toLowerCase()));
  return (s) => {
    if (s.Effect !== 'Allow' || s.NotAction !== undefined || s.NotResource !== undefined) return false;
    const actions = typeof s.Action === 'string' ? [s.Action] : Array.isArray(s.Action) ? s.Action : [];
    return actions.length > 0 && actions.every((a) => typeof a === 'string' && allowed.has(a.trim().toLowerCase()));
  };
}
