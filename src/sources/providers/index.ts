/**
 * The provider registry: every cloud's declaration, and what is read from
 * them (service names for `--services`, the producer of a type, the calls a
 * service makes). Data only: no SDK is loaded by importing this.
 */
import type { Provider } from '../../model/resource.js';
import { InputError } from '../../util/errors.js';
import type { ProviderDeclaration, ReadCall, ServiceDeclaration } from './types.js';
import { aws } from './aws/index.js';
import { gcp } from './gcp/index.js';
import { digitalocean } from './digitalocean/index.js';

export type { ProviderDeclaration, ServiceDeclaration, ReadCall } from './types.js';
export { aws, gcp, digitalocean };

export const PROVIDERS: Readonly<Record<Provider, ProviderDeclaration>> = { aws, gcp, digitalocean };

export function serviceNames(p: ProviderDeclaration): string[] {
  return p.services.map((s) => s.name);
}

/** The `--services` help text: every service name, comma-separated. */
export function servicesHelp(p: ProviderDeclaration): string {
  return `Comma list of services to read (default all): ${serviceNames(p).join(', ')}. Rules on what is left out are reported as not collected (exit 3)`;
}

/** `--services` value → the selected service names (`all` or omitted: every service). */
export function parseServiceList(p: ProviderDeclaration, v: unknown): string[] {
  const all = serviceNames(p);
  if (v === undefined || v === null || v === '' || v === 'all') return all;
  const items = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(','));
  const list = [...new Set(items.map((s) => s.trim().toLowerCase()).filter(Boolean))];
  if (list.includes('all')) return all;
  for (const s of list) if (!all.includes(s)) throw new InputError(`--services: unknown service '${s}' (${p.name} services: ${all.join(', ')})`);
  if (!list.length) throw new InputError('--services: name at least one service, or use all');
  return list;
}

/** The `--endpoint` names of a provider: declared, or the SDK clients its services declare (AWS). */
export function endpointNames(p: ProviderDeclaration): string[] {
  if (p.endpointNames) return [...p.endpointNames];
  return [...new Set([p.base as ServiceDeclaration, ...p.services].flatMap((s) => Object.keys(s.endpoints ?? {})))];
}

/** The service that produces `type`, `base` for the scan's own enumeration, or undefined. */
export function producerOf(p: ProviderDeclaration, type: string): string | undefined {
  if (p.base.produces.includes(type)) return 'base';
  return p.services.find((s) => s.produces.includes(type))?.name;
}

/** Why `type` is never read live, when it exists only in templates. */
export function iacOnlyReason(p: ProviderDeclaration, type: string): string | undefined {
  for (const [k, why] of Object.entries(p.iacOnly)) if (k === type || (k.endsWith('*') && type.startsWith(k.slice(0, -1)))) return why;
  return undefined;
}

/** Every read call of the provider (base first), with the service it belongs to. */
export function readCalls(p: ProviderDeclaration): (ReadCall & { service: string })[] {
  return [p.base as ServiceDeclaration, ...p.services].flatMap((s) => s.reads.map((r) => ({ ...r, service: s.name })));
}
