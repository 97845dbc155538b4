import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, unknown, gapFor } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

/** CIS GCP 2.12: every VPC network has a DNS server policy with query logging on. */
export default defineRule({
  id: 'audit-logging/gcp-compute-network-dns-logging',
  control: 'audit-logging',
  title: 'VPC networks log Cloud DNS queries (a DNS server policy with logging on)',
  severity: 'low',
  risk: 'Without DNS query logs there is no record of which names the VMs looked up: command-and-control and exfiltration over DNS go unseen.',
  remediation: {
    text: 'Attach a DNS server policy with logging enabled to each VPC network.',
    cli: 'gcloud dns policies create dns-logging --networks=NETWORK --enable-logging --description="DNS query logging"',
  },
  references: ['https://cloud.google.com/dns/docs/monitoring', 'https://cloud.google.com/dns/docs/reference/rest/v1/policies'],
  types: ['gcp.compute.network'],
  sources: ['live'],
  check(r, { inventory }) {
    requireCollected(r);
    const why = gapFor(r, 'dnsPolicies');
    if (why) return unknown(`the DNS server policies could not be read: ${why}`, ev('dnsPolicies', null, 'a policy with enableLogging: true'));
    const policies = inventory.related(r, 'dnsPolicies');
    const e = ev('dnsPolicies[].enableLogging', policies.map((p) => ({ policy: p.name, enableLogging: p.properties.enableLogging ?? false })), 'a policy with enableLogging: true');
    const logging = policies.filter((p) => p.properties.enableLogging === true);
    if (logging.length) return pass(`DNS queries are logged (policy ${logging.map((p) => p.name).join(', ')})`, e);
    return fail(policies.length ? 'the attached DNS policies do not log queries' : 'no DNS server policy is attached: queries are not logged', e);
  },
});
