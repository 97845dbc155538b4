/** Judging one ingress permission (inline or standalone) for administrative ports. */
import { must } from '../../src/engine/facts.js';
import { ADMIN_PORTS, awsRuleCoversPort, isOpenToWorld } from '../../src/lib/network.js';

export interface IngressProblem {
  ports: number[];
  source: string;
}

/** Which admin ports this CFN-shaped ingress entry opens to the whole internet. */
export function openAdminIngress(entry: Record<string, unknown>, path: string): IngressProblem | undefined {
  const at = (k: string) => (path ? `${path}.${k}` : k);
  const proto = must(entry.IpProtocol, at('IpProtocol'));
  const from = must(entry.FromPort, at('FromPort'));
  const to = must(entry.ToPort, at('ToPort'));
  const ports = ADMIN_PORTS.filter((p) => awsRuleCoversPort(proto, from, to, p));
  if (ports.length === 0) return undefined;
  for (const key of ['CidrIp', 'CidrIpv6'] as const) {
    const cidr = must(entry[key], at(key));
    if (isOpenToWorld(cidr)) return { ports, source: String(cidr) };
  }
  return undefined;
}
