import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail } from '../../../src/evaluate/facts.js';

const SOURCE = 'https://docs.digitalocean.com/glossary/luks/';

export default defineRule({
  id: 'enc-rest/digitalocean-volume',
  control: 'enc-rest',
  title: 'DigitalOcean volumes are encrypted at rest (platform-attested LUKS)',
  severity: 'medium',
  risk: 'Volume encryption is a platform guarantee with no API field; the evidence is the provider statement, and a claim requiring customer-managed keys cannot be met.',
  remediation: { text: 'Nothing to configure: DigitalOcean encrypts volumes with LUKS. If the claim requires customer-managed keys, add an encrypted file system (e.g. LUKS with your own key) inside the droplet.' },
  references: [SOURCE],
  types: ['digitalocean.volume'],
  sources: ['live'],
  check(_r, { params }) {
    const evidence = ev('(platform)', 'LUKS', 'AES-256 at rest', `platform-attested: DigitalOcean volumes are encrypted with LUKS (${SOURCE}); no API field reports it`);
    if (params.requireCustomerManagedKeys) return fail('DigitalOcean volumes offer no customer-managed keys, which the claim requires', evidence);
    return pass('volume encrypted at rest by the platform (LUKS)', evidence);
  },
});
