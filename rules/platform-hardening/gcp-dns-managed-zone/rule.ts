import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, asArray, asRecord } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

/**
 * CIS GCP 3.3 (`dnssec`), 3.4 (`ksk-algorithm`), 3.5 (`zsk-algorithm`):
 * public zones sign with DNSSEC, and neither signing key uses RSASHA1.
 * Private zones are not served on the internet: not applicable.
 */
export default defineRule({
  id: 'platform-hardening/gcp-dns-managed-zone',
  control: 'platform-hardening',
  title: 'Public Cloud DNS zones use DNSSEC, without RSASHA1 key-signing or zone-signing keys',
  severity: 'medium',
  risk: 'Without DNSSEC, resolvers cannot tell a forged answer from the zone\'s own, so an attacker can redirect users; RSASHA1 signatures are weak.',
  remediation: {
    text: 'Turn DNSSEC on for public zones with RSASHA256, RSASHA512, ECDSAP256SHA256 or ECDSAP384SHA384 keys (the algorithm can be changed only while DNSSEC is off).',
    cli: 'gcloud dns managed-zones update ZONE --dnssec-state=on --ksk-algorithm=rsasha256 --ksk-key-length=2048 --zsk-algorithm=rsasha256 --zsk-key-length=1024',
  },
  references: ['https://cloud.google.com/dns/docs/dnssec-config', 'https://cloud.google.com/dns/docs/reference/rest/v1/managedZones'],
  types: ['gcp.dns.managed-zone'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const visibility = String(known(r, 'visibility') ?? 'public');
    if (visibility !== 'public') {
      const na = notApplicable(`a ${visibility} zone is not served on the internet`, ev('visibility', visibility));
      return ['dnssec', 'ksk-algorithm', 'zsk-algorithm'].map((subId) => ({ ...na, subId }));
    }
    const cfg = asRecord(known(r, 'dnssecConfig'));
    const state = String(cfg.state ?? 'off');
    const e = ev('dnssecConfig.state', state, 'on');
    const specs = asArray(cfg.defaultKeySpecs).map((s) => asRecord(s));
    const algo = (type: string, subId: string) => {
      const algs = specs.filter((s) => s.keyType === type).map((s) => String(s.algorithm ?? '').toLowerCase());
      const ea = ev(`dnssecConfig.defaultKeySpecs[keyType=${type}].algorithm`, algs, 'not rsasha1');
      if (state === 'off') return { ...notApplicable('DNSSEC is off: no keys sign the zone', e), subId };
      return { ...(algs.includes('rsasha1') ? fail(`the ${type} key uses RSASHA1`, ea) : pass(`${type} key algorithm ${algs.join(', ') || '(Cloud DNS default, RSASHA256)'}`, ea)), subId };
    };
    return [
      { ...(state === 'on' ? pass('DNSSEC is on', e) : fail(`DNSSEC is ${state}`, e)), subId: 'dnssec' },
      algo('keySigning', 'ksk-algorithm'),
      algo('zoneSigning', 'zsk-algorithm'),
    ];
  },
});
