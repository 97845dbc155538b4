/**
 * The credential sites of a stack's resources that the stack itself writes in plain text. A resource
 * attribute published in `Outputs` is written into the stack's outputs: the stack fails, and so does
 * the resource whose credential leaks (the corpus sets split between the two: blindmini and sealed
 * label the key, last and scoutcdk the stack). A credential given as a parameter is written wherever
 * the parameter's value is (its default in the template, the console when it is not NoEcho): judged
 * on `(stack)` only (scout's labels; the resource takes what it is given).
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import { TEMPLATE_SECRETS, type SecretSite } from '../../src/sources/iac/template-secrets.js';

/**
 * Attributes published in Outputs that are not secrets by design: an AppSync API key is handed to
 * every client of a public (or development) API and sent in a request header (AppSync developer
 * guide, "API_KEY authorization"); it throttles and identifies, it does not protect data.
 */
const PUBLIC_BY_DESIGN: Record<string, string[]> = { 'aws.appsync.api-key': ['ApiKey'] };

export interface StackSites {
  /** Credential attributes of resources published as outputs. */
  published: { resource: Resource; site: SecretSite; output: string }[];
  /** Parameter name → the resources (and property names) that take it as a credential. */
  credentialParameters: Map<string, string[]>;
}

const indexes = new WeakMap<Inventory, Map<string, StackSites>>();

const keyOf = (r: Resource) => `${r.location.file ?? ''}\u0000${r.location.stack ?? ''}`;

export function isPublicByDesign(r: Resource, attribute: string): boolean {
  return PUBLIC_BY_DESIGN[r.type]?.includes(attribute) === true;
}

/** The sites of the stack `stack` (an `aws.cloudformation.stack` resource), indexed once per inventory. */
export function stackSites(stack: Resource, inventory: Inventory): StackSites {
  const base = inventory.base;
  let ix = indexes.get(base);
  if (!ix) {
    ix = new Map();
    indexes.set(base, ix);
    for (const r of base.all()) {
      const sites = r.properties[TEMPLATE_SECRETS];
      if (!Array.isArray(sites) || r.type === 'aws.cloudformation.stack') continue;
      const key = keyOf(r);
      let entry = ix.get(key);
      for (const s of sites as SecretSite[]) {
        if (!s || typeof s !== 'object' || !s.value) continue;
        if (s.value.kind !== 'published' && s.value.kind !== 'parameter') continue;
        if (!entry) ix.set(key, (entry = { published: [], credentialParameters: new Map() }));
        if (s.value.kind === 'published') {
          if (!isPublicByDesign(r, s.name)) entry.published.push({ resource: r, site: s, output: s.value.output });
        } else {
          const users = entry.credentialParameters.get(s.value.parameter) ?? [];
          const who = `${r.location.logicalId ?? r.name ?? r.id} (${s.name})`;
          if (!users.includes(who)) users.push(who);
          entry.credentialParameters.set(s.value.parameter, users);
        }
      }
    }
  }
  return ix.get(keyOf(stack)) ?? { published: [], credentialParameters: new Map() };
}
