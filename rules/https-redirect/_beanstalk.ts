/**
 * Elastic Beanstalk option settings, read once per environment: the
 * environment's own `OptionSettings` over those of the saved configuration
 * (`AWS::ElasticBeanstalk::ConfigurationTemplate`) it names in `TemplateName`
 * (the environment's value wins, as Beanstalk applies them). Shared by the
 * Beanstalk rules of https-redirect, tls-min, bastion-only, enc-rest and
 * audit-logging.
 *
 * An option absent from both is Beanstalk's documented default, unless the
 * environment names a saved configuration the scanned templates do not hold
 * (or one built from another source): then an absent option may be set there,
 * and `outside` says why it cannot be told.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Inventory } from '../../src/model/inventory.js';
import { get, must, text, asBool } from '../../src/evaluate/facts.js';
import { isRef } from '../../src/model/values.js';

export const EB_OPTIONS_DOCS = 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html';
export const EB_ALB_DOCS = 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environments-cfg-alb.html';
export const EB_CLB_DOCS = 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environments-cfg-clb.html';

export interface EbOption {
  value: unknown;
  /** Where it was read, for evidence: `OptionSettings[3]` or `PortalTemplate.OptionSettings[0]`. */
  path: string;
}

export interface EbOptions {
  /** The option, or undefined when neither the environment nor its saved configuration sets it. */
  get(namespace: string, name: string): EbOption | undefined;
  /** Every option of a namespace (by OptionName), environment over saved configuration. */
  namespace(namespace: string): Map<string, EbOption>;
  /** Namespaces set, for listeners: `aws:elbv2:listener:443`. */
  namespaces(): string[];
  /** Why an absent option cannot be taken as the default (a saved configuration outside the templates). */
  outside?: string;
}

function readSettings(list: unknown, prefix: string, into: Map<string, Map<string, EbOption>>): void {
  const items = must(list, `${prefix}OptionSettings`);
  if (!Array.isArray(items)) return;
  for (const [i, item] of items.entries()) {
    const path = `${prefix}OptionSettings[${i}]`;
    const ns = text(must(get(item, 'Namespace'), `${path}.Namespace`));
    const name = text(must(get(item, 'OptionName'), `${path}.OptionName`));
    let m = into.get(ns);
    if (!m) into.set(ns, (m = new Map()));
    m.set(name, { value: get(item, 'Value'), path: `${path}.Value` });
  }
}

/** The options of an environment (or of a saved configuration on its own). */
export function beanstalkOptions(r: Resource, inventory: Inventory): EbOptions {
  const merged = new Map<string, Map<string, EbOption>>();
  let outside: string | undefined;
  if (r.type === 'aws.elasticbeanstalk.environment') {
    const templateName = must(get(r.properties, 'TemplateName'), 'TemplateName');
    if (templateName !== undefined) {
      const tpl = inventory.related(r, 'configurationTemplate')[0];
      if (!tpl) outside = `the environment uses saved configuration ${isRef(templateName) ? templateName.label : text(templateName)}, which is not in the scanned templates`;
      else {
        readSettings(get(tpl.properties, 'OptionSettings'), `${tpl.location.logicalId ?? tpl.id}.`, merged);
        const src = get(tpl.properties, 'SourceConfiguration');
        if (src !== undefined) outside = `saved configuration ${tpl.location.logicalId ?? tpl.id} starts from another configuration (SourceConfiguration), which vouch does not read`;
      }
    }
  } else if (get(r.properties, 'SourceConfiguration') !== undefined) {
    outside = 'the saved configuration starts from another configuration (SourceConfiguration), which vouch does not read';
  }
  const own = new Map<string, Map<string, EbOption>>();
  readSettings(get(r.properties, 'OptionSettings'), '', own);
  for (const [ns, m] of own) {
    const into = merged.get(ns) ?? new Map<string, EbOption>();
    for (const [k, v] of m) into.set(k, v);
    merged.set(ns, into);
  }
  return {
    get: (ns, name) => merged.get(ns)?.get(name),
    namespace: (ns) => merged.get(ns) ?? new Map(),
    namespaces: () => [...merged.keys()],
    ...(outside ? { outside } : {}),
  };
}

export type EbLoadBalancer = 'application' | 'network' | 'classic' | 'unset';

/**
 * What serves the environment: a worker (no HTTP front end), one instance, or a
 * load balancer of a type (`unset`: the option is absent; the Beanstalk API
 * has defaulted it to classic, the console and EB CLI to application).
 */
export function beanstalkFrontEnd(r: Resource, o: EbOptions): { kind: 'worker' } | { kind: 'single' } | { kind: 'lb'; type: EbLoadBalancer; path?: string } | { kind: 'invalid'; why: string } {
  const tier = must(get(r.properties, 'Tier.Name'), 'Tier.Name');
  if (tier !== undefined && text(tier).toLowerCase() === 'worker') return { kind: 'worker' };
  const env = o.get('aws:elasticbeanstalk:environment', 'EnvironmentType');
  const envType = env === undefined ? 'LoadBalanced' : text(must(env.value, env.path));
  if (envType === 'SingleInstance') return { kind: 'single' };
  if (envType !== 'LoadBalanced') return { kind: 'invalid', why: `EnvironmentType ${envType} is not a valid value (LoadBalanced, SingleInstance)` };
  const lb = o.get('aws:elasticbeanstalk:environment', 'LoadBalancerType');
  if (lb === undefined) return { kind: 'lb', type: 'unset' };
  const t = text(must(lb.value, lb.path));
  if (t === 'application' || t === 'network' || t === 'classic') return { kind: 'lb', type: t, path: lb.path };
  return { kind: 'invalid', why: `LoadBalancerType ${t} is not a valid value (classic, application, network)` };
}

/** A boolean option: its value, the default when absent, or the raw text when it is not a boolean. */
export function ebBool(o: EbOptions, ns: string, name: string, dflt: boolean): { value: boolean | undefined; raw: unknown; path: string; set: boolean } {
  const opt = o.get(ns, name);
  if (opt === undefined) return { value: dflt, raw: undefined, path: `${ns} ${name}`, set: false };
  const raw = must(opt.value, opt.path);
  return { value: asBool(raw), raw, path: opt.path, set: true };
}

export interface EbListener {
  family: 'elbv2' | 'elb';
  port: string;
  namespace: string;
  enabled: { value: boolean | undefined; raw: unknown; path: string; set: boolean };
  protocol: string;
  protocolPath: string;
  protocolSet: boolean;
}

/**
 * The listeners Beanstalk gives a load balancer: the default one on port 80
 * (present unless disabled; HTTP on an ALB or a Classic load balancer, TCP on
 * an NLB) and one per `aws:elbv2:listener:<port>` / `aws:elb:listener:<port>`
 * namespace set.
 */
export function beanstalkListeners(o: EbOptions, family: 'elbv2' | 'elb', network = false): EbListener[] {
  const base = family === 'elbv2' ? 'aws:elbv2:listener' : 'aws:elb:listener';
  const defaultNs = family === 'elbv2' ? `${base}:default` : base;
  const protoKey = family === 'elbv2' ? 'Protocol' : 'ListenerProtocol';
  const namespaces = new Set([defaultNs, ...o.namespaces().filter((ns) => ns.startsWith(`${base}:`))]);
  const out: EbListener[] = [];
  for (const ns of namespaces) {
    const port = ns === defaultNs ? '80' : ns.slice(base.length + 1);
    const proto = o.get(ns, protoKey);
    const protocol = proto === undefined ? (network ? 'TCP' : 'HTTP') : text(must(proto.value, proto.path));
    out.push({ family, port, namespace: ns, enabled: ebBool(o, ns, 'ListenerEnabled', true), protocol, protocolPath: proto?.path ?? `${ns} ${protoKey}`, protocolSet: proto !== undefined });
  }
  return out;
}

export const EB_TLS_PROTOCOLS = ['HTTPS', 'SSL', 'TLS'];
export const EB_PLAIN_PROTOCOLS = ['HTTP', 'TCP', 'UDP', 'TCP_UDP'];
