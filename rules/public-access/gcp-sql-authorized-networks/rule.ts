import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, asArray, asRecord } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';
import { isOpenToWorld } from '../../../src/lib/network.js';

/** CIS GCP 6.5. */
export default defineRule({
  id: 'public-access/gcp-sql-authorized-networks',
  control: 'public-access',
  title: 'Cloud SQL instances do not authorize connections from the whole internet (0.0.0.0/0)',
  severity: 'high',
  risk: 'An authorized network of 0.0.0.0/0 lets anyone on the internet connect to the database port and try credentials.',
  remediation: { text: 'Remove 0.0.0.0/0 from the authorized networks; connect through private IP or the Cloud SQL Auth Proxy.', cli: 'gcloud sql instances patch INSTANCE --authorized-networks=203.0.113.0/24' },
  references: ['https://cloud.google.com/sql/docs/mysql/authorize-networks'],
  types: ['gcp.sql.instance'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    if (known(r, 'settings.ipConfiguration.ipv4Enabled') === false) return notApplicable('no public IP: authorized networks do not apply', ev('settings.ipConfiguration.ipv4Enabled', false));
    const nets = asArray(known(r, 'settings.ipConfiguration.authorizedNetworks')).map((n) => String(asRecord(n).value ?? ''));
    const open = nets.filter((n) => isOpenToWorld(n));
    const e = ev('settings.ipConfiguration.authorizedNetworks[].value', nets, 'no 0.0.0.0/0');
    return open.length ? fail(`authorized networks admit the whole internet (${open.join(', ')})`, e) : pass('no authorized network admits the whole internet', e);
  },
});
