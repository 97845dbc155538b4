import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown } from '../../../src/evaluate/facts.js';
import { meetsFloor } from '../../../src/lib/tls.js';
import { requireCollected, sslPolicyMinTls } from '../../../src/lib/gcp.js';

export default defineRule({
  id: 'tls-min/gcp-target-proxy',
  control: 'tls-min',
  title: 'HTTPS and SSL proxies use an SSL policy that meets the TLS floor (no policy means TLS 1.0)',
  severity: 'high',
  risk: 'A target HTTPS/SSL proxy without an SSL policy uses Google\'s default (COMPATIBLE, TLS 1.0), so clients can negotiate TLS 1.0/1.1.',
  remediation: {
    text: 'Attach an SSL policy with minimum TLS 1.2 (profile MODERN or RESTRICTED) to every target HTTPS and SSL proxy.',
    cli: 'gcloud compute target-https-proxies update PROXY --ssl-policy=POLICY',
  },
  references: ['https://cloud.google.com/load-balancing/docs/ssl-policies-concepts#defaultsslpolicy'],
  types: ['gcp.compute.target-https-proxy', 'gcp.compute.target-ssl-proxy'],
  sources: ['live'],
  check(r, { params, inventory }) {
    requireCollected(r);
    const link = known(r, 'sslPolicy');
    const expected = `an SSL policy with TLS ${params.tlsMin}+`;
    if (typeof link !== 'string' || !link) {
      const { min } = sslPolicyMinTls(undefined);
      const evidence = ev('sslPolicy', null, expected, "omitted: Google's default SSL policy applies (profile COMPATIBLE, minimum TLS 1.0)");
      return meetsFloor(min, params.tlsMin)
        ? pass(`no SSL policy: Google default accepts TLS ${min}+`, evidence)
        : fail(`no SSL policy: Google's default accepts TLS ${min}, below the promised ${params.tlsMin}`, evidence);
    }
    const policy = inventory.related(r, 'sslPolicy')[0];
    if (!policy) return unknown(`SSL policy ${link} was not collected`, ev('sslPolicy', link, expected));
    requireCollected(policy);
    const minTlsVersion = known(policy, 'minTlsVersion');
    const profile = known(policy, 'profile');
    const { min, note } = sslPolicyMinTls({ minTlsVersion, profile });
    const evidence = [ev('sslPolicy', link, expected), ev(`${policy.name}.minTlsVersion`, minTlsVersion ?? null, undefined, note), ev(`${policy.name}.profile`, profile ?? null)];
    return meetsFloor(min, params.tlsMin)
      ? pass(`SSL policy ${policy.name} accepts TLS ${min}+`, ...evidence)
      : fail(`SSL policy ${policy.name} accepts TLS ${min}, below the promised ${params.tlsMin}`, ...evidence);
  },
});
