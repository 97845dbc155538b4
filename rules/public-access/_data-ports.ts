/**
 * Ingress entries that open a data store's port to the internet. Shared by the
 * inline (security group) and standalone (SecurityGroupIngress) rules.
 */
import type { Verdict } from '../../src/evaluate/rule.js';
import { must, ev, fail, unknown, text } from '../../src/evaluate/facts.js';
import { isUnresolved } from '../../src/model/values.js';
import { DATA_STORE_PORTS, awsRuleCoversPort, isOpenToWorld } from '../../src/lib/network.js';

export const EXPECTED = 'data-store ports open only to private ranges or security groups, never 0.0.0.0/0 or ::/0';

const PORTS = Object.keys(DATA_STORE_PORTS).map(Number);

/** A fail or unknown for one ingress entry, or undefined when it exposes no data-store port to the internet. */
export function dataPortExposure(entry: Record<string, unknown>, path: string): Verdict | undefined {
  const at = (k: string) => (path ? `${path}.${k}` : k);
  const proto = must(entry.IpProtocol, at('IpProtocol'));
  const from = must(entry.FromPort, at('FromPort'));
  const to = must(entry.ToPort, at('ToPort'));
  const ports = PORTS.filter((p) => awsRuleCoversPort(proto, from, to, p));
  if (ports.length === 0) return undefined;
  const shown = ports.length > 6 ? `${ports.length} data-store ports (${ports.slice(0, 6).join(', ')}, …)` : ports.map((p) => `${p} (${DATA_STORE_PORTS[p]})`).join(', ');
  for (const key of ['CidrIp', 'CidrIpv6'] as const) {
    const cidr = entry[key];
    if (cidr === undefined || cidr === null) continue;
    if (isUnresolved(cidr)) return unknown(`${shown}: the source range depends on ${cidr.expression}`, ev(at(key), cidr, EXPECTED));
    if (isOpenToWorld(text(cidr))) return fail(`${shown} open to the internet (${text(cidr)})`, ev(at(key), text(cidr), EXPECTED, `${key} ${text(cidr)} is every address`));
  }
  return undefined;
}
