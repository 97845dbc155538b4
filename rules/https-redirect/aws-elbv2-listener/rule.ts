import { defineRule } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import { known, must, ev, pass, fail, notApplicable, asArray, asNumber, get, text, NeedsValue } from '../../../src/evaluate/facts.js';

/** Ports where a plain TCP listener carries HTTP traffic in practice. */
const PLAIN_WEB_PORTS = new Set(['80', '8080']);

/** The action that answers the request: the last one by Order (authenticate-* come first). */
function terminalAction(actions: unknown[]): Record<string, unknown> | undefined {
  const list = actions.filter((a): a is Record<string, unknown> => !!a && typeof a === 'object');
  list.sort((a, b) => (asNumber(a.Order) ?? 0) - (asNumber(b.Order) ?? 0));
  return list.filter((a) => !text(a.Type ?? '').startsWith('authenticate-')).pop();
}

/** Does this action list end in a redirect to HTTPS? Returns why not, or undefined. */
function redirectProblem(actions: unknown[], path: string, listenerPort?: string): string | undefined {
  const a = terminalAction(actions);
  if (!a) return `${path}: no action`;
  const type = must(a.Type, `${path}.Type`);
  if (type !== 'redirect') return `${path}: action is ${text(type)}, not a redirect`;
  const cfg = (a.RedirectConfig ?? {}) as Record<string, unknown>;
  const proto = must(cfg.Protocol, `${path}.RedirectConfig.Protocol`);
  // `#{protocol}` (the default) keeps the request's own protocol: HTTP stays HTTP.
  if (text(proto ?? '#{protocol}').toUpperCase() !== 'HTTPS') return `${path}: redirects to protocol ${text(proto ?? '#{protocol}')}, not HTTPS`;
  // RedirectConfig.Port: "1 to 65535 or #{port}"; a component not set keeps its original value, so an omitted
  // Port is `#{port}`, the port the request came in on. On this plain-HTTP listener that sends the client to
  // https://host:80 (or whatever its HTTP port is), where no TLS listener answers: the redirect is broken.
  const port = must(cfg.Port, `${path}.RedirectConfig.Port`);
  const omitted = port === undefined || port === null || port === '';
  const target = omitted ? '#{port}' : text(port).trim();
  if (target !== '#{port}' && (listenerPort === undefined || target !== listenerPort)) return undefined;
  const how = omitted ? 'RedirectConfig has no Port, so it keeps #{port}' : `RedirectConfig.Port is ${target}`;
  return `${path}: redirects to HTTPS on the listener's own plain-HTTP port${listenerPort ? ` ${listenerPort}` : ''} (${how}), where no TLS listener answers`;
}

/** A rule that matches every request (path `*` or `/*` and nothing else). */
function isCatchAll(rule: Resource): boolean {
  // Read as facts: a field or pattern the template does not settle (a {{resolve:ssm:…}} reference) throws
  // NeedsValue, so whether the rule catches every request is unknown rather than "no".
  const at = `${rule.name ?? rule.id}.Conditions`;
  const conds = asArray(must(get(rule.properties, 'Conditions'), at));
  return (
    conds.length > 0 &&
    conds.every((c, i) => {
      const cc = must(c, `${at}[${i}]`) as Record<string, unknown>;
      const values = asArray(must(get(cc, 'PathPatternConfig.Values') ?? cc.Values, `${at}[${i}].Values`)).map((v, j) => must(v, `${at}[${i}].Values[${j}]`));
      return must(cc.Field, `${at}[${i}].Field`) === 'path-pattern' && values.length > 0 && values.every((v) => v === '*' || v === '/*');
    })
  );
}

export default defineRule({
  id: 'https-redirect/aws-elbv2-listener',
  control: 'https-redirect',
  title: 'Load balancer HTTP listeners only redirect to HTTPS',
  severity: 'high',
  risk: 'An HTTP listener that forwards to targets serves content over an unencrypted channel, breaking "any HTTP connection is redirected to HTTPS".',
  remediation: {
    text: 'Make the HTTP listener default action a redirect to HTTPS (port 443, HTTP_301), and give every listener rule on it the same redirect.',
    cdk: "lb.addRedirect({ sourcePort: 80, targetPort: 443 }) // or listener with defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true })",
    cloudformation:
      'DefaultActions:\n  - Type: redirect\n    RedirectConfig: { Protocol: HTTPS, Port: "443", StatusCode: HTTP_301 }',
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-elasticloadbalancingv2-listener-redirectconfig.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-elasticloadbalancingv2-listenerrule-redirectconfig.html',
  ],
  types: ['aws.elbv2.listener'],
  sources: ['iac', 'live'],
  check(r, { inventory }) {
    const protocol = known(r, 'Protocol');
    if (protocol === 'TCP' || protocol === 'TCP_UDP') {
      // A Network Load Balancer passes TCP through and cannot redirect (controls catalog §3.1 "NLB TCP:80":
      // FAIL unless the target redirects, which a template does not show). Plain TCP on the web ports of an
      // internet-facing NLB is a plain-HTTP entry point; TCP on other ports, or an internal NLB, is not one.
      // Labels: 2 fail : 0 pass over every set (vault12 PlainReaderListener, scout25 FirmwareTcp80).
      const port = known(r, 'Port');
      if (!PLAIN_WEB_PORTS.has(text(port).trim())) return notApplicable(`listener protocol ${text(protocol)} on port ${text(port)} is not a plain-HTTP web port`, ev('Protocol', protocol), ev('Port', port));
      const lb = inventory.related(r, 'loadBalancer')[0];
      if (!lb) throw new NeedsValue('LoadBalancerArn', 'a load balancer outside the template (its scheme is not known)');
      const scheme = known(lb, 'Scheme') ?? 'internet-facing';
      if (scheme === 'internal') return notApplicable('TCP listener of an internal load balancer: not an internet-facing entry point', ev('Protocol', protocol), ev(`${lb.name ?? lb.id}.Scheme`, scheme));
      return fail(
        `internet-facing ${text(protocol)} listener on port ${text(port)} passes plain HTTP through: a Network Load Balancer cannot redirect to HTTPS (only a TLS listener, or the targets themselves, could)`,
        ev('Protocol', protocol, 'TLS'),
        ev('Port', port),
        ev(`${lb.name ?? lb.id}.Scheme`, scheme, 'internal'),
      );
    }
    if (protocol !== 'HTTP') return notApplicable(`listener protocol ${text(protocol ?? '(none)')} is not plain HTTP`, ev('Protocol', protocol));
    const rules = inventory.related(r, 'rules');
    // The listener's own port, when written: a redirect to HTTPS on that same port is as broken as `#{port}`.
    const ownPort = typeof r.properties.Port === 'number' || typeof r.properties.Port === 'string' ? String(r.properties.Port).trim() : undefined;
    const problems: string[] = [];
    let undecided: NeedsValue | undefined;
    const defaultProblem = redirectProblem(asArray(known(r, 'DefaultActions')), 'DefaultActions', ownPort);
    if (defaultProblem) {
      // Rules are evaluated before the default action: when a catch-all rule redirects every
      // request, the default (forward, fixed-response, ...) is never reached. Any other rule that
      // does not redirect is reported below on its own.
      let unsettled: NeedsValue | undefined;
      const covered = rules.some((rule) => {
        if (redirectProblem(asArray(must(rule.properties.Actions, `${rule.name}.Actions`)), 'Actions', ownPort)) return false;
        try {
          return isCatchAll(rule);
        } catch (e) {
          if (!(e instanceof NeedsValue)) throw e;
          unsettled ??= e;
          return false;
        }
      });
      // A redirecting rule that may catch every request: the default action may never be reached.
      if (!covered && unsettled) undecided = unsettled;
      else if (!covered) problems.push(defaultProblem);
    }
    for (const rule of rules) {
      const p = redirectProblem(asArray(must(rule.properties.Actions, `${rule.name}.Actions`)), `rule ${rule.name ?? rule.id} Actions`, ownPort);
      if (p) problems.push(p);
    }
    const evidence = [ev('DefaultActions', known(r, 'DefaultActions'), 'redirect to HTTPS')];
    for (const rule of rules) evidence.push(ev(`rule ${rule.name ?? rule.id}.Actions`, rule.properties.Actions, 'redirect to HTTPS'));
    if (!problems.length && undecided) throw undecided;
    return problems.length
      ? fail(`HTTP listener serves requests without redirecting to HTTPS: ${problems.join('; ')}`, ...evidence)
      : pass(`HTTP listener redirects every request to HTTPS${rules.length ? ` (default action and ${rules.length} rules)` : ''}`, ...evidence);
  },
});
