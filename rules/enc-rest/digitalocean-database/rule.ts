import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';

const SOURCE = 'https://docs.digitalocean.com/products/databases/postgresql/concepts/responsibility-model/';

export default defineRule({
  id: 'enc-rest/digitalocean-database',
  control: 'enc-rest',
  title: 'DigitalOcean managed databases are encrypted at rest (platform-attested LUKS)',
  severity: 'medium',
  risk: 'Encryption at rest of managed databases is a platform guarantee with no API field; the evidence is the provider statement, and a claim requiring customer-managed keys cannot be met.',
  remediation: { text: 'Nothing to configure: DigitalOcean encrypts managed database storage with LUKS. If the claim requires customer-managed keys, encrypt sensitive fields in the application.' },
  references: [SOURCE, 'https://www.digitalocean.com/docs/databases/how-to/clusters/secure-clusters/'],
  types: ['digitalocean.database'],
  sources: ['live'],
  check(r, { params }) {
    const engine = String(known(r, 'engine'));
    const evidence = ev('(platform)', 'LUKS', 'AES-256 at rest', `platform-attested: DigitalOcean encrypts managed database data at rest with LUKS (${SOURCE}); no API field reports it`);
    if (params.requireCustomerManagedKeys) return fail(`${engine} cluster: DigitalOcean offers no customer-managed keys for managed databases, which the claim requires`, evidence);
    return pass(`${engine} cluster encrypted at rest by the platform (LUKS)`, evidence);
  },
});
