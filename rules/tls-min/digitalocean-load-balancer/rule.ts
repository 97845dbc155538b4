import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, notApplicable, asArray, asBool } from '../../../src/evaluate/facts.js';
import { meetsFloor } from '../../../src/lib/tls.js';

const TLS_ENTRY = new Set(['https', 'http2', 'http3']);
/** DigitalOcean documents that its load balancers accept only TLS 1.2 and 1.3 (TLS 1.0/1.1 disabled since 2019-09-15). */
const DO_LB_MIN_TLS = '1.2' as const;
const SOURCE = 'https://docs.digitalocean.com/products/networking/load-balancers/how-to/ssl-termination/';

export default defineRule({
  id: 'tls-min/digitalocean-load-balancer',
  control: 'tls-min',
  title: 'DigitalOcean load balancers terminate TLS at no version below the promised floor',
  severity: 'high',
  risk: 'TLS that terminates on the droplets (passthrough, TCP 443) is outside what the load balancer configuration shows; a promise about TLS versions then needs other evidence.',
  remediation: {
    text: 'Terminate TLS on the load balancer (entry protocol https/http2/http3 with a certificate; DigitalOcean load balancers accept TLS 1.2 and 1.3 only) or prove the droplets\' TLS configuration with a probe or attestation.',
  },
  references: [SOURCE],
  types: ['digitalocean.load-balancer'],
  sources: ['live'],
  check(r, { params }) {
    const rules = asArray(known(r, 'forwarding_rules')) as { entry_protocol?: unknown; entry_port?: unknown; tls_passthrough?: unknown; certificate_id?: unknown }[];
    const cipher = known(r, 'tls_cipher_policy') ?? 'DEFAULT';
    const out: Verdict[] = [];
    rules.forEach((f, i) => {
      const proto = String(f?.entry_protocol);
      const port = Number(f?.entry_port);
      const path = `forwarding_rules[${i}]`;
      const subId = `${proto}:${port}`;
      if (TLS_ENTRY.has(proto)) {
        if (asBool(f.tls_passthrough)) {
          out.push({ ...unknown(`TLS passthrough on ${proto}:${port}: TLS terminates on the droplets, which the configuration cannot show (unverifiable by configuration; probe the endpoint or attest the droplets' TLS settings)`, ev(`${path}.tls_passthrough`, true, 'TLS terminated on the load balancer')), subId });
          return;
        }
        const evidence = ev(`${path}.entry_protocol`, proto, `TLS ${params.tlsMin} or newer`, `platform-attested: DigitalOcean load balancers accept TLS 1.2 and 1.3 only (${SOURCE}); tls_cipher_policy ${String(cipher)}`);
        out.push(
          meetsFloor(DO_LB_MIN_TLS, params.tlsMin)
            ? { ...pass(`${proto}:${port} terminates TLS on the load balancer (TLS 1.2+)`, evidence), subId }
            : { ...fail(`${proto}:${port} accepts TLS 1.2, below the promised ${params.tlsMin}; DigitalOcean load balancers have no TLS 1.3-only setting`, evidence), subId },
        );
      } else if (proto === 'tcp' && (port === 443 || port === 8443)) {
        out.push({ ...unknown(`TCP forwarding on ${port}: TLS, if any, terminates on the droplets and is unverifiable by configuration`, ev(`${path}.entry_protocol`, proto, 'https/http2/http3')), subId });
      }
    });
    if (!out.length) return notApplicable('no forwarding rule carries TLS', ev('forwarding_rules[*].entry_protocol', rules.map((f) => f?.entry_protocol)));
    return out;
  },
});
