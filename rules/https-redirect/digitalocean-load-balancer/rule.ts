import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asArray, asBool } from '../../../src/evaluate/facts.js';

const TLS_ENTRY = new Set(['https', 'http2', 'http3']);

export default defineRule({
  id: 'https-redirect/digitalocean-load-balancer',
  control: 'https-redirect',
  title: 'DigitalOcean load balancers redirect plain HTTP to HTTPS',
  severity: 'high',
  risk: 'A forwarding rule that accepts plain HTTP without a redirect serves content unencrypted, breaking an "HTTP is redirected to HTTPS" promise.',
  remediation: {
    text: 'Set redirect_http_to_https: true and keep plain-HTTP forwarding rules on port 80 only (the redirect covers port 80 → 443), with an HTTPS/HTTP2/HTTP3 rule on 443.',
    cli: 'doctl compute load-balancer update <id> --redirect-http-to-https ...',
  },
  references: ['https://docs.digitalocean.com/reference/api/digitalocean/#tag/Load-Balancers'],
  types: ['digitalocean.load-balancer'],
  sources: ['live'],
  check(r) {
    const rules = asArray(known(r, 'forwarding_rules')) as { entry_protocol?: unknown; entry_port?: unknown }[];
    const flagRaw = known(r, 'redirect_http_to_https');
    const redirect = asBool(flagRaw) ?? false;
    const note = flagRaw === undefined ? 'omitted: the API default is false' : undefined;
    const http = rules.map((f, i) => ({ f, i })).filter(({ f }) => String(f?.entry_protocol) === 'http');
    if (!http.length) return pass(`no plain-HTTP forwarding rule (${rules.length} rules)`, ev('forwarding_rules[*].entry_protocol', rules.map((f) => f?.entry_protocol), 'no http'));
    const has443 = rules.some((f) => TLS_ENTRY.has(String(f?.entry_protocol)) && Number(f?.entry_port) === 443);
    return http.map(({ f, i }): Verdict => {
      const path = `forwarding_rules[${i}]`;
      const port = Number(f.entry_port);
      const sub = { subId: `http:${port}` };
      if (!redirect) return { ...fail(`plain HTTP on port ${port} is forwarded without a redirect`, ev('redirect_http_to_https', flagRaw ?? null, true, note), ev(`${path}.entry_port`, port)), ...sub };
      if (port !== 80) return { ...fail(`plain HTTP on port ${port}: redirect_http_to_https redirects port 80 only`, ev(`${path}.entry_port`, port, 80, 'the load balancer redirects port 80 to 443 only')), ...sub };
      if (!has443) return { ...fail('HTTP on port 80 redirects to 443, but no HTTPS/HTTP2/HTTP3 rule listens on 443', ev('forwarding_rules[*]', rules.map((x) => `${x?.entry_protocol}:${x?.entry_port}`), 'an https rule on 443')), ...sub };
      return { ...pass('HTTP on port 80 is redirected to HTTPS on 443', ev('redirect_http_to_https', true, true), ev(`${path}.entry_port`, 80)), ...sub };
    });
  },
});
