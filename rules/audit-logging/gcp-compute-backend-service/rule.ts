import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, asRecord } from '../../../src/evaluate/facts.js';
import { requireCollected } from '../../../src/lib/gcp.js';

/** Schemes of Application (HTTP(S)) load balancers, whose backend services log requests. */
const HTTP_SCHEMES = new Set(['EXTERNAL', 'EXTERNAL_MANAGED', 'INTERNAL_MANAGED']);
const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTPS', 'HTTP2']);

/** CIS GCP 2.16: request logging on the backend services of HTTP(S) load balancers. */
export default defineRule({
  id: 'audit-logging/gcp-compute-backend-service',
  control: 'audit-logging',
  title: 'HTTP(S) load balancer backend services log requests',
  severity: 'medium',
  risk: 'Without request logs there is no record of who called the application through the load balancer, for detection, debugging or an investigation.',
  remediation: {
    text: 'Enable logging on the backend service (sample rate 1.0 keeps every request).',
    cli: 'gcloud compute backend-services update SERVICE --global --enable-logging --logging-sample-rate=1.0',
  },
  references: ['https://cloud.google.com/load-balancing/docs/https/https-logging-monitoring', 'https://cloud.google.com/compute/docs/reference/rest/v1/backendServices'],
  types: ['gcp.compute.backend-service'],
  sources: ['live'],
  check(r) {
    requireCollected(r);
    const scheme = String(known(r, 'loadBalancingScheme') ?? 'EXTERNAL');
    const protocol = String(known(r, 'protocol') ?? 'HTTP');
    if (!HTTP_SCHEMES.has(scheme) || !HTTP_PROTOCOLS.has(protocol))
      return notApplicable(`not an HTTP(S) load balancer backend (${scheme}, ${protocol})`, ev('loadBalancingScheme', scheme), ev('protocol', protocol));
    const log = asRecord(known(r, 'logConfig'));
    const e = ev('logConfig.enable', log.enable ?? null, true, log.enable === undefined ? 'omitted: request logging is off by default' : undefined);
    if (log.enable !== true) return fail('request logging is off', e);
    const rate = log.sampleRate === undefined ? 1 : Number(log.sampleRate);
    return rate > 0 ? pass(`request logging is on (sample rate ${rate})`, e, ev('logConfig.sampleRate', rate)) : fail('request logging is on with sample rate 0: nothing is logged', ev('logConfig.sampleRate', rate, '> 0'));
  },
});
