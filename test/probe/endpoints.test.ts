import { describe, expect, it } from 'vitest';
import { Inventory } from '../../src/model/inventory.js';
import type { Resource } from '../../src/model/resource.js';
import { discoverEndpoints } from '../../src/sources/probe/endpoints.js';
import { HostList, parseResolve, parseTarget, refusal } from '../../src/sources/probe/targets.js';
import { hstsMaxAge } from '../../src/sources/probe/judge.js';
import { Unresolved } from '../../src/model/values.js';

const res = (type: string, id: string, properties: Record<string, unknown>, relations: Record<string, string[]> = {}, provider: Resource['provider'] = 'aws', region = 'eu-west-1'): Resource => ({
  type,
  provider,
  source: 'live',
  id,
  properties,
  location: { region, arn: id },
  relations,
});

const brief = (inv: Inventory) => discoverEndpoints(inv).targets.map((t) => `${t.host}${t.connectAddress ? '@' + t.connectAddress : ''} tls=${t.tlsPort} http=${t.httpPort} name=${t.hostnameMatters} from=${t.origin?.id} http-from=${t.httpOrigin?.id ?? '-'}`);

describe('endpoints from the inventory', () => {
  it('ELBv2: HTTPS listeners give TLS targets, the HTTP:80 listener is their redirect origin; internal LBs are left out with a note', () => {
    const inv = new Inventory([
      res('aws.elbv2.load-balancer', 'lb', { Scheme: 'internet-facing', Live: { DNSName: 'web-1.eu-west-1.elb.amazonaws.com' } }, { listeners: ['l443', 'l80', 'l8443'] }),
      res('aws.elbv2.listener', 'l443', { Protocol: 'HTTPS', Port: 443 }),
      res('aws.elbv2.listener', 'l80', { Protocol: 'HTTP', Port: 80 }),
      res('aws.elbv2.listener', 'l8443', { Protocol: 'TLS', Port: 8443 }),
      res('aws.elbv2.load-balancer', 'internal', { Scheme: 'internal', Live: { DNSName: 'internal-x.elb.amazonaws.com' } }),
    ]);
    expect(brief(inv)).toEqual([
      'web-1.eu-west-1.elb.amazonaws.com tls=443 http=80 name=false from=l443 http-from=l80',
      'web-1.eu-west-1.elb.amazonaws.com tls=8443 http=null name=false from=l8443 http-from=-',
    ]);
    expect(discoverEndpoints(inv).notes).toEqual([{ what: 'aws.elbv2.load-balancer internal', why: 'scheme internal: not internet-facing' }]);
  });

  it('an HTTP-only load balancer is probed for its redirect only', () => {
    const inv = new Inventory([
      res('aws.elbv2.load-balancer', 'lb', { Live: { DNSName: 'plain.elb.amazonaws.com' } }, { listeners: ['l80'] }),
      res('aws.elbv2.listener', 'l80', { Protocol: 'HTTP', Port: 80 }),
    ]);
    expect(brief(inv)).toEqual(['plain.elb.amazonaws.com tls=null http=80 name=false from=l80 http-from=-']);
  });

  it('a DNS name a template leaves unresolved is noted, not guessed', () => {
    const inv = new Inventory([res('aws.elbv2.load-balancer', 'Stack/Lb', { DNSName: new Unresolved('Fn::GetAtt Lb.DNSName') })]);
    const d = discoverEndpoints(inv);
    expect(d.targets).toEqual([]);
    expect(d.notes[0]!.why).toMatch(/not resolved/);
  });

  it('CloudFront: the default domain and each alias, hostnames judged; wildcard aliases noted', () => {
    const inv = new Inventory([
      res('aws.cloudfront.distribution', 'cf', { DistributionConfig: { Enabled: true, Aliases: ['www.example.com', '*.example.com'] }, Live: { DomainName: 'd111.cloudfront.net' } }),
    ]);
    expect(brief(inv)).toEqual(['d111.cloudfront.net tls=443 http=80 name=true from=cf http-from=-', 'www.example.com tls=443 http=80 name=true from=cf http-from=-']);
    expect(discoverEndpoints(inv).notes[0]!.why).toMatch(/wildcard/);
  });

  it('API Gateway: custom domains and REST API default hosts, HTTPS only', () => {
    const inv = new Inventory([
      res('aws.apigateway.domain-name', 'arn:aws:apigateway:eu-west-1::/domainnames/api.example.com', { DomainName: 'api.example.com' }),
      res('aws.apigateway.rest-api', 'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3', {}),
      res('aws.apigateway.rest-api', 'priv', { EndpointConfiguration: { Types: ['PRIVATE'] } }),
    ]);
    expect(brief(inv)).toEqual([
      'api.example.com tls=443 http=null name=true from=arn:aws:apigateway:eu-west-1::/domainnames/api.example.com http-from=-',
      'a1b2c3.execute-api.eu-west-1.amazonaws.com tls=443 http=null name=true from=arn:aws:apigateway:eu-west-1::/restapis/a1b2c3 http-from=-',
    ]);
  });

  it('GCP: HTTPS and HTTP forwarding rules on one IP pair up; certificate domains are probed at that IP; internal schemes are left out', () => {
    const p = '//compute.googleapis.com/projects/p/global';
    const inv = new Inventory([
      res('gcp.compute.forwarding-rule', `${p}/forwardingRules/https`, { IPAddress: '203.0.113.7', portRange: '443-443', loadBalancingScheme: 'EXTERNAL_MANAGED' }, { target: [`${p}/targetHttpsProxies/px`] }, 'gcp', 'global'),
      res('gcp.compute.forwarding-rule', `${p}/forwardingRules/http`, { IPAddress: '203.0.113.7', portRange: '80-80', loadBalancingScheme: 'EXTERNAL_MANAGED' }, { target: [`${p}/targetHttpProxies/hx`] }, 'gcp', 'global'),
      res('gcp.compute.forwarding-rule', `${p}/forwardingRules/int`, { IPAddress: '10.0.0.5', portRange: '443-443', loadBalancingScheme: 'INTERNAL_MANAGED' }, {}, 'gcp', 'global'),
      res('gcp.compute.target-https-proxy', `${p}/targetHttpsProxies/px`, { sslCertificates: ['https://www.googleapis.com/compute/v1/projects/p/global/sslCertificates/c'] }, {}, 'gcp', 'global'),
      res('gcp.compute.target-http-proxy', `${p}/targetHttpProxies/hx`, {}, {}, 'gcp', 'global'),
      res('gcp.compute.ssl-certificate', `${p}/sslCertificates/c`, { managed: { domains: ['shop.example.com'] } }, {}, 'gcp', 'global'),
    ]);
    expect(brief(inv)).toEqual([`shop.example.com@203.0.113.7 tls=443 http=80 name=true from=${p}/forwardingRules/https http-from=${p}/forwardingRules/http`]);
    expect(discoverEndpoints(inv).notes.map((n) => n.why)).toEqual(['loadBalancingScheme INTERNAL_MANAGED: not internet-facing']);
  });

  it('DigitalOcean: load balancer forwarding rules by entry protocol, and App Platform domains', () => {
    const inv = new Inventory([
      res('digitalocean.load-balancer', 'do:loadbalancer:1', { ip: '198.51.100.4', forwarding_rules: [{ entry_protocol: 'https', entry_port: 443 }, { entry_protocol: 'http', entry_port: 80 }] }, {}, 'digitalocean', 'nyc3'),
      res('digitalocean.app', 'do:app:2', { live_domain: 'app-2.ondigitalocean.app', spec: { domains: [{ domain: 'app.example.com' }] } }, {}, 'digitalocean', 'nyc'),
    ]);
    expect(brief(inv)).toEqual([
      '198.51.100.4 tls=443 http=80 name=false from=do:loadbalancer:1 http-from=-',
      'app-2.ondigitalocean.app tls=443 http=80 name=true from=do:app:2 http-from=-',
      'app.example.com tls=443 http=80 name=true from=do:app:2 http-from=-',
    ]);
  });
});

describe('targets, allow and deny lists, overrides', () => {
  it('parses URLs and HOST[:PORT]', () => {
    expect(parseTarget('https://Shop.Example.com:8443/path?q')).toMatchObject({ host: 'shop.example.com', tlsPort: 8443, httpPort: 80 });
    expect(parseTarget('http://a.example:8080')).toMatchObject({ host: 'a.example', tlsPort: 443, httpPort: 8080 });
    expect(parseTarget('a.example')).toMatchObject({ host: 'a.example', tlsPort: 443, httpPort: 80 });
    expect(parseTarget('[2001:db8::1]:444')).toMatchObject({ host: '2001:db8::1', tlsPort: 444 });
    for (const bad of ['ftp://a.example', 'a.example:0', 'a.example:99999', 'user@a.example', 'bad host', 'x'.repeat(400)]) expect(() => parseTarget(bad), bad).toThrow();
  });

  it('deny wins over allow; allow limits to its domains and blocks; both see the address connected to', () => {
    const allow = new HostList(['example.com', '203.0.113.0/24'], '--probe-allow');
    const deny = new HostList(['admin.example.com', '10.0.0.0/8'], '--probe-deny');
    expect(refusal('www.example.com', '198.51.100.1', allow, deny)).toBeUndefined();
    expect(refusal('other.org', '203.0.113.9', allow, deny)).toBeUndefined();
    expect(refusal('other.org', '198.51.100.1', allow, deny)).toMatch(/not in --probe-allow/);
    expect(refusal('x.admin.example.com', '198.51.100.1', allow, deny)).toMatch(/denied/);
    expect(refusal('www.example.com', '10.1.2.3', allow, deny)).toMatch(/denied/);
    expect(refusal('notexample.com', '198.51.100.1', allow, deny)).toMatch(/not in --probe-allow/);
  });

  it('--probe-resolve takes HOST[:PORT]=IP[:PORT]', () => {
    const m = parseResolve(['a.example:443=127.0.0.1:9443', 'b.example=::1']);
    expect(m.get('a.example:443')).toEqual({ address: '127.0.0.1', port: 9443 });
    expect(m.get('b.example:*')).toEqual({ address: '::1' });
    expect(() => parseResolve(['a.example=b.example'])).toThrow(/IP address/);
  });

  it('reads HSTS max-age', () => {
    expect(hstsMaxAge('max-age=31536000; includeSubDomains')).toBe(31536000);
    expect(hstsMaxAge('includeSubDomains; Max-Age="600"')).toBe(600);
    expect(hstsMaxAge('max-age=; preload')).toBeUndefined();
  });
});

describe('recorded redirect locations', () => {
  it('keep scheme, host, port and path; never a query, fragment or credentials', async () => {
    const { recordedLocation } = await import('../../src/sources/probe/http.js');
    expect(recordedLocation('https://shop.example.com:8443/login?session=SeCrEt123#frag')).toBe('https://shop.example.com:8443/login?<query not recorded>#<fragment not recorded>');
    expect(recordedLocation('https://user:hunter2@shop.example.com/')).toBe('https://<userinfo redacted>@shop.example.com/');
    expect(recordedLocation('/next?token=abc')).toBe('/next?<query not recorded>');
    expect(recordedLocation('https://shop.example.com/')).toBe('https://shop.example.com/');
  });
});
