import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, notApplicable, get } from '../../../src/evaluate/facts.js';
import type { EvidenceItem } from '../../../src/evaluate/rule.js';
import { requireCollected } from '../../../src/lib/gcp.js';

type Obj = Record<string, unknown>;
const redirects = (x: unknown) => (x as Obj | undefined)?.httpsRedirect === true;

/** Every route of a URL map that serves content instead of redirecting to HTTPS. */
function servingRoutes(map: Obj): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  if (!redirects(map.defaultUrlRedirect)) out.push(ev('defaultUrlRedirect.httpsRedirect', get(map, 'defaultUrlRedirect.httpsRedirect') ?? null, true, map.defaultService ? `default route serves ${String(map.defaultService)}` : undefined));
  const matchers = Array.isArray(map.pathMatchers) ? (map.pathMatchers as Obj[]) : [];
  matchers.forEach((pm, i) => {
    const at = `pathMatchers[${i}]`;
    if (pm.defaultService || pm.defaultRouteAction || (pm.defaultUrlRedirect && !redirects(pm.defaultUrlRedirect)))
      out.push(ev(`${at}.defaultUrlRedirect`, pm.defaultUrlRedirect ?? null, { httpsRedirect: true }, pm.defaultService ? `serves ${String(pm.defaultService)}` : undefined));
    ((pm.pathRules as Obj[] | undefined) ?? []).forEach((pr, j) => {
      if (!redirects(pr.urlRedirect)) out.push(ev(`${at}.pathRules[${j}]`, { paths: pr.paths, service: pr.service ?? null, urlRedirect: pr.urlRedirect ?? null }, { urlRedirect: { httpsRedirect: true } }));
    });
    ((pm.routeRules as Obj[] | undefined) ?? []).forEach((rr, j) => {
      if (!redirects(rr.urlRedirect)) out.push(ev(`${at}.routeRules[${j}]`, { priority: rr.priority, service: rr.service ?? null, urlRedirect: rr.urlRedirect ?? null }, { urlRedirect: { httpsRedirect: true } }));
    });
  });
  return out;
}

export default defineRule({
  id: 'https-redirect/gcp-forwarding-rule',
  control: 'https-redirect',
  title: 'External HTTP forwarding rules only redirect to HTTPS',
  severity: 'high',
  risk: 'An external forwarding rule on a target HTTP proxy whose URL map routes to a backend serves content over plain HTTP.',
  remediation: {
    text: 'Point the HTTP forwarding rule at a target HTTP proxy whose URL map only redirects (defaultUrlRedirect.httpsRedirect: true, no path matcher serving a backend), or delete the HTTP frontend.',
    cli: 'gcloud compute url-maps import web-map-http --source=redirect.yaml --global  # defaultUrlRedirect: {httpsRedirect: true, redirectResponseCode: MOVED_PERMANENTLY_DEFAULT}',
  },
  references: ['https://cloud.google.com/load-balancing/docs/https/setting-up-http-https-redirect'],
  types: ['gcp.compute.forwarding-rule'],
  sources: ['live'],
  check(r, { inventory }) {
    requireCollected(r);
    const target = known(r, 'target');
    if (typeof target !== 'string' || !/\/targetHttpProxies\//.test(target)) return undefined; // HTTPS/SSL/TCP frontends: no plain-HTTP surface here
    const scheme = String(known(r, 'loadBalancingScheme') ?? 'EXTERNAL');
    if (scheme.startsWith('INTERNAL'))
      return notApplicable(`internal (${scheme}) HTTP forwarding rule: not an internet-facing entry point`, ev('loadBalancingScheme', scheme));
    const proxy = inventory.related(r, 'target')[0];
    if (!proxy) return unknown(`target HTTP proxy ${target} was not collected`, ev('target', target));
    requireCollected(proxy);
    const mapLink = known(proxy, 'urlMap');
    const map = inventory.related(proxy, 'urlMap')[0];
    if (!map) return unknown(`URL map ${String(mapLink)} was not collected`, ev('target', target), ev(`${proxy.name}.urlMap`, mapLink ?? null));
    requireCollected(map);
    const serving = servingRoutes(map.properties);
    const head = [ev('target', target), ev(`${proxy.name}.urlMap`, mapLink ?? null)];
    if (serving.length === 0) return pass(`HTTP frontend ${r.name} (${String(get(r.properties, 'IPAddress') ?? '')}) only redirects to HTTPS via URL map ${map.name}`, ...head, ev(`${map.name}.defaultUrlRedirect.httpsRedirect`, true, true));
    return fail(`HTTP frontend ${r.name} serves content over plain HTTP: URL map ${map.name} has ${serving.length} route(s) without an HTTPS redirect`, ...head, ...serving.map((e) => ({ ...e, path: `${map.name}.${e.path}` })));
  },
});
