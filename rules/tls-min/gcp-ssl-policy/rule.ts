import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';
import { meetsFloor } from '../../../src/lib/tls.js';
import { requireCollected, sslPolicyMinTls } from '../../../src/lib/gcp.js';

export default defineRule({
  id: 'tls-min/gcp-ssl-policy',
  control: 'tls-min',
  title: 'SSL policies accept no TLS version below the promised floor',
  severity: 'high',
  risk: 'A load balancer using this policy lets clients negotiate TLS versions below the promised floor.',
  remediation: {
    text: 'Set the policy minimum TLS version to the claim floor (TLS_1_2, or TLS_1_3 with profile RESTRICTED) with profile MODERN or RESTRICTED.',
    cli: 'gcloud compute ssl-policies update POLICY --min-tls-version=1.2 --profile=MODERN',
  },
  references: ['https://cloud.google.com/load-balancing/docs/ssl-policies-concepts'],
  types: ['gcp.compute.ssl-policy'],
  sources: ['live'],
  check(r, { params }) {
    requireCollected(r);
    const minTlsVersion = known(r, 'minTlsVersion');
    const profile = known(r, 'profile');
    const { min, note } = sslPolicyMinTls({ minTlsVersion, profile });
    const evidence = [ev('minTlsVersion', minTlsVersion ?? null, `TLS_${params.tlsMin.replace('.', '_')} or newer`, note), ev('profile', profile ?? null)];
    return meetsFloor(min, params.tlsMin)
      ? pass(`SSL policy ${r.name} accepts TLS ${min}+`, ...evidence)
      : fail(`SSL policy ${r.name} accepts TLS ${min}, below the promised ${params.tlsMin}`, ...evidence);
  },
});
