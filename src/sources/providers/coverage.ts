/**
 * Coverage derived, not remembered: from the rules in scope, the providers'
 * declarations and what a live scan recorded (which providers it reached,
 * which services it left out, which listing calls failed), the rules that
 * could not see all of their resources. Each becomes a `notCollected` gap
 * naming the rule, so the run is incomplete (exit 3) and the claims that
 * rest on the rule cannot hold.
 */
import type { Coverage } from '../../model/inventory.js';
import type { Provider } from '../../model/resource.js';
import type { Rule } from '../../evaluate/rule.js';
import { PROVIDERS, producerOf, iacOnlyReason, readCalls } from './index.js';

export type NotCollected = NonNullable<Coverage['notCollected']>[number];

/** `provider:service` names a live scan left out (`--services`), recorded in `coverage.excludedServices`. */
export function excludedKey(provider: Provider, service: string): string {
  return `${provider}:${service}`;
}

function providerOfType(type: string): Provider | undefined {
  const p = type.split('.')[0];
  return p === 'aws' || p === 'gcp' || p === 'digitalocean' ? p : undefined;
}

/** Live providers this coverage says were scanned. */
export function scannedProviders(c: Coverage): Provider[] {
  const out = new Set<Provider>(Object.keys(c.accounts ?? {}).filter((k): k is Provider => k in PROVIDERS));
  for (const k of c.excludedServices ?? []) {
    const p = k.split(':')[0];
    if (p && p in PROVIDERS) out.add(p as Provider);
  }
  return [...out];
}

/** Why each type of a provider could not be fully read: failed listing calls, per type. */
function failedTypes(provider: Provider, c: Coverage): Map<string, string[]> {
  const byOp = new Map(readCalls(PROVIDERS[provider]).map((r) => [r.op, r]));
  const out = new Map<string, string[]>();
  for (const f of c.failures ?? []) {
    const call = byOp.get(f.operation);
    for (const t of call?.lists ?? []) {
      const list = out.get(t) ?? [];
      const why = `${f.operation} failed${f.region ? ` in ${f.region}` : ''}${f.account ? ` (${f.account})` : ''}: ${f.code}`;
      if (!list.includes(why) && list.length < 5) list.push(why);
      out.set(t, list);
    }
  }
  return out;
}

/**
 * The rules in scope that a live scan could not fully read, with the reason.
 * Only rules that judge live resources of a scanned provider are considered;
 * types that exist only in templates are skipped.
 */
export function deriveNotCollected(rules: readonly Rule[], c: Coverage): NotCollected[] {
  const providers = scannedProviders(c);
  if (!providers.length) return [];
  const excluded = new Set(c.excludedServices ?? []);
  const failed = new Map(providers.map((p) => [p, failedTypes(p, c)]));
  const out: NotCollected[] = [];
  for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!rule.sources.includes('live')) continue;
    const reasons: string[] = [];
    for (const type of rule.types) {
      const p = providerOfType(type);
      if (!p || !providers.includes(p)) continue;
      const decl = PROVIDERS[p];
      if (iacOnlyReason(decl, type)) continue;
      const service = producerOf(decl, type);
      if (!service) reasons.push(`no ${p} collector reads ${type}`);
      else if (excluded.has(excludedKey(p, service))) reasons.push(`${type}: service ${service} not selected (--services)`);
      else for (const why of failed.get(p)!.get(type) ?? []) reasons.push(`${type}: ${why}`);
    }
    if (reasons.length) out.push({ what: `rule ${rule.id}`, why: reasons.join('; '), gap: true, rule: rule.id });
  }
  return out;
}
