import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

/**
 * CIS GCP 3.1 (`default-network`) and 3.2 (`legacy`). The default network is
 * the auto-mode network Compute Engine creates with permissive firewall rules
 * (default-allow-ssh, -rdp, -icmp, -internal from 0.0.0.0/0 or the whole
 * network); a legacy network has one IPv4 range for every region and no subnets.
 */
export default defineRule({
  id: 'platform-hardening/gcp-compute-network',
  control: 'platform-hardening',
  title: 'VPC networks are neither the auto-created default network nor legacy networks',
  severity: 'medium',
  risk: 'The default network comes with firewall rules that open SSH, RDP and ICMP to the internet and subnets in every region; a legacy network cannot have subnets, flow logs per subnet or private access.',
  remediation: {
    text: 'Create custom-mode VPC networks for workloads, move them over, then delete the default network; migrate legacy networks to VPC networks.',
    cli: 'gcloud compute networks delete default; gcloud compute networks create NET --subnet-mode=custom',
  },
  references: ['https://cloud.google.com/vpc/docs/vpc#default-network', 'https://cloud.google.com/vpc/docs/legacy'],
  types: ['gcp.compute.network'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const name = String(known(r, 'name') ?? r.name ?? '');
    const range = known(r, 'IPv4Range');
    const e = ev('name', name, 'not default');
    const el = ev('IPv4Range', range ?? null, 'absent (a VPC network with subnets)');
    return [
      { ...(name === 'default' ? fail('the project still has the default network', e) : pass(`network ${name} is not the default network`, e)), subId: 'default-network' },
      { ...(typeof range === 'string' && range !== '' ? fail(`legacy network with the single range ${range}`, el) : pass('a VPC network, not a legacy network', el)), subId: 'legacy' },
    ];
  },
});
