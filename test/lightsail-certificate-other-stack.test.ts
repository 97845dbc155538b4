/**
 * A Lightsail load balancer's HTTPS side may come from a certificate another scanned template attaches by the
 * load balancer's name (relations are resolved per stack): the TLS policy then governs a live HTTPS side, so
 * tls-min must judge it (not "no HTTPS side: not applicable"), and https-redirect must not fail it as HTTP-only.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import { loadIac } from '../src/sources/iac/load.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../src/evaluate/claims-profile.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-lightsail-cert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'balancer.json'),
  JSON.stringify({
    Resources: {
      ShopBalancer: { Type: 'AWS::Lightsail::LoadBalancer', Properties: { LoadBalancerName: 'shop-front', InstancePort: 8080 } },
      LonelyBalancer: { Type: 'AWS::Lightsail::LoadBalancer', Properties: { LoadBalancerName: 'lonely-front', InstancePort: 8080 } },
    },
  }),
);
writeFileSync(
  join(dir, 'certificates.json'),
  JSON.stringify({
    Resources: {
      ShopCertificate: {
        Type: 'AWS::Lightsail::LoadBalancerTlsCertificate',
        Properties: { LoadBalancerName: 'shop-front', CertificateName: 'shop', CertificateDomainName: 'shop.example.org', IsAttached: true, HttpsRedirectionEnabled: true },
      },
    },
  }),
);

const rules = (await loadRules()).filter((r) => r.id === 'tls-min/aws-lightsail-load-balancer' || r.id === 'https-redirect/aws-lightsail-load-balancer');

function statuses(env: { region?: string; account?: string }): Record<string, string> {
  const inventory = loadIac([dir], env);
  const out: Record<string, string> = {};
  for (const f of evaluate(inventory, rules, { controls: ['tls-min', 'https-redirect'], ctx: { params: DEFAULT_PARAMETERS, inventory } })) out[`${f.ruleId}:${f.resource.id}`] = f.status;
  return out;
}

describe('a Lightsail certificate attached from another scanned template', () => {
  it('tls-min judges the balancer it attaches to (default TLS-2016-08 policy accepts TLS 1.0): fail, not not-applicable', () => {
    expect(statuses({})['tls-min/aws-lightsail-load-balancer:balancer/ShopBalancer']).toBe('fail');
  });
  it('https-redirect does not fail it as HTTP-only: unknown while the two stacks may deploy apart, judged on the certificate when they deploy together', () => {
    expect(statuses({})['https-redirect/aws-lightsail-load-balancer:balancer/ShopBalancer']).toBe('unknown');
    expect(statuses({ region: 'eu-west-1', account: '111122223333' })['https-redirect/aws-lightsail-load-balancer:balancer/ShopBalancer']).toBe('not-applicable');
  });
  it('a balancer no certificate names stays as before: HTTP only', () => {
    const out = statuses({});
    expect(out['tls-min/aws-lightsail-load-balancer:balancer/LonelyBalancer']).toBe('not-applicable');
    expect(out['https-redirect/aws-lightsail-load-balancer:balancer/LonelyBalancer']).toBe('fail');
  });
});
