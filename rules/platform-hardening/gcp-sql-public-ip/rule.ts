import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

/** CIS GCP 6.6. A public IP alone admits no one (authorized networks or the Auth Proxy decide), hence hardening, not public access. */
export default defineRule({
  id: 'platform-hardening/gcp-sql-public-ip',
  control: 'platform-hardening',
  title: 'Cloud SQL instances have no public IPv4 address (private IP only)',
  severity: 'medium',
  risk: 'A public IP puts the database one authorized-network mistake away from the internet; private IP keeps it inside the VPC.',
  remediation: { text: 'Configure private IP (private services access) and turn off the public IPv4 address.', cli: 'gcloud sql instances patch INSTANCE --no-assign-ip --network=VPC' },
  references: ['https://cloud.google.com/sql/docs/mysql/configure-private-ip'],
  types: ['gcp.sql.instance'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const on = known(r, 'settings.ipConfiguration.ipv4Enabled');
    const e = ev('settings.ipConfiguration.ipv4Enabled', on ?? null, false, on === undefined ? 'omitted: Cloud SQL assigns a public IPv4 address unless told not to' : undefined);
    return on === false ? pass('no public IPv4 address', e) : fail('the instance has a public IPv4 address', e);
  },
});
