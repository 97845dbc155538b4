/**
 * ELBv2, per region: load balancers (with attributes), listeners (with the
 * TLS protocols their SSL policy accepts, from DescribeSSLPolicies), and
 * non-default listener rules, related listener ↔ load balancer ↔ rules.
 */
import {
  ElasticLoadBalancingV2Client,
  paginateDescribeLoadBalancers,
  paginateDescribeListeners,
  paginateDescribeRules,
  DescribeLoadBalancerAttributesCommand,
  DescribeSSLPoliciesCommand,
  type Listener,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Resource } from '../../../../model/resource.js';
import { relate } from '../../../../model/inventory.js';
import { mapLimit } from '../../common/limit.js';
import { type AwsScope, call, pages, liveResource, addGap, gapOf, compact } from './context.js';

/** API actions are already in CloudFormation's shape; drop the API-only `Order` defaults only when absent. */
function actions(list: Listener['DefaultActions']): Record<string, unknown>[] {
  return (list ?? []).map((a) => compact({ ...a } as Record<string, unknown>));
}

export async function collectElbv2(scope: AwsScope, region: string, concurrency: number): Promise<void> {
  const elb = scope.clients.get('elbv2', region, ElasticLoadBalancingV2Client);
  const lbs = await pages(scope, 'elasticloadbalancing:DescribeLoadBalancers', region, () => paginateDescribeLoadBalancers({ client: elb, pageSize: 400 }, {}));
  if (lbs.error) return;
  const all = lbs.pages.flatMap((p) => (p.data.LoadBalancers ?? []).map((lb) => ({ lb, raw: p.raw })));
  if (all.length === 0) return;

  const listeners: Resource[] = [];
  await mapLimit(all, concurrency, async ({ lb, raw }) => {
    const lbArn = lb.LoadBalancerArn!;
    const [attrs, ls] = await Promise.all([
      call(scope, 'elasticloadbalancing:DescribeLoadBalancerAttributes', region, () => elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: lbArn }))),
      pages(scope, 'elasticloadbalancing:DescribeListeners', region, () => paginateDescribeListeners({ client: elb, pageSize: 400 }, { LoadBalancerArn: lbArn })),
    ]);
    const r = liveResource(
      scope,
      'aws.elbv2.load-balancer',
      lbArn,
      region,
      compact({
        Name: lb.LoadBalancerName,
        Type: lb.Type,
        Scheme: lb.Scheme,
        IpAddressType: lb.IpAddressType,
        Subnets: lb.AvailabilityZones?.map((z) => z.SubnetId).filter(Boolean),
        SecurityGroups: lb.SecurityGroups,
        LoadBalancerAttributes: attrs.ok ? (attrs.data.Attributes ?? []).map((a) => ({ Key: a.Key, Value: a.Value })) : undefined,
        Live: compact({ DNSName: lb.DNSName, VpcId: lb.VpcId, State: lb.State?.Code }),
      }),
      raw,
      lb,
      lb.LoadBalancerName,
    );
    r.raw!.push(attrs.raw);
    if (!attrs.ok) addGap(r, 'LoadBalancerAttributes', gapOf(attrs, 'elasticloadbalancing:DescribeLoadBalancerAttributes'));
    if (ls.error) addGap(r, 'Live.Listeners', `${ls.error.code}: elasticloadbalancing:DescribeListeners: ${ls.error.message}`);
    for (const p of ls.pages) {
      for (const l of p.data.Listeners ?? []) {
        const lr = liveResource(
          scope,
          'aws.elbv2.listener',
          l.ListenerArn!,
          region,
          compact({
            LoadBalancerArn: lbArn,
            Protocol: l.Protocol,
            Port: l.Port,
            SslPolicy: l.SslPolicy,
            Certificates: l.Certificates?.map((c) => compact({ CertificateArn: c.CertificateArn })),
            AlpnPolicy: l.AlpnPolicy,
            DefaultActions: actions(l.DefaultActions),
          }),
          p.raw,
          l,
        );
        relate(lr, 'loadBalancer', lbArn);
        relate(r, 'listeners', lr.id);
        listeners.push(lr);
      }
    }
    scope.emit(r);
  });

  // The TLS versions of every policy in use, from the provider itself.
  const used = [...new Set(listeners.map((l) => l.properties.SslPolicy).filter((x): x is string => typeof x === 'string'))];
  const protocols = new Map<string, string[]>();
  let policyGap: string | undefined;
  if (used.length) {
    const pol = await call(scope, 'elasticloadbalancing:DescribeSSLPolicies', region, () => elb.send(new DescribeSSLPoliciesCommand({ Names: used })));
    if (pol.ok) {
      for (const p of pol.data.SslPolicies ?? []) if (p.Name) protocols.set(p.Name, p.SslProtocols ?? []);
    } else policyGap = gapOf(pol, 'elasticloadbalancing:DescribeSSLPolicies');
  }

  await mapLimit(listeners, concurrency, async (l) => {
    const pol = l.properties.SslPolicy;
    if (typeof pol === 'string') {
      const p = protocols.get(pol);
      if (p) l.properties.Live = { ...((l.properties.Live as object | undefined) ?? {}), SslPolicyProtocols: p };
      else if (policyGap) addGap(l, 'Live.SslPolicyProtocols', policyGap);
    }
    const rules = await pages(scope, 'elasticloadbalancing:DescribeRules', region, () => paginateDescribeRules({ client: elb, pageSize: 400 }, { ListenerArn: l.id }));
    if (rules.error) addGap(l, 'Live.Rules', `${rules.error.code}: elasticloadbalancing:DescribeRules: ${rules.error.message}`);
    for (const p of rules.pages) {
      for (const rule of p.data.Rules ?? []) {
        if (rule.IsDefault) continue;
        const rr = liveResource(
          scope,
          'aws.elbv2.listener-rule',
          rule.RuleArn!,
          region,
          compact({
            ListenerArn: l.id,
            Priority: rule.Priority !== undefined && /^\d+$/.test(rule.Priority) ? Number(rule.Priority) : rule.Priority,
            Conditions: rule.Conditions,
            Actions: actions(rule.Actions),
          }),
          p.raw,
          rule,
        );
        relate(rr, 'listener', l.id);
        relate(l, 'rules', rr.id);
        scope.emit(rr);
      }
    }
    scope.emit(l);
  });
}
