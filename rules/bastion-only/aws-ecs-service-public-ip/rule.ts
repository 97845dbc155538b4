import { defineRule, type RuleContext, type Verdict } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import { known, must, get, asArray, notApplicable, ev, fail, unknown } from '../../../src/evaluate/facts.js';
import { judgeAssignPublicIp } from '../_public-ip.js';
import { placedIpv6Reachable } from '../_ipv6.js';


/**
 * FSBP ECS.2 (services) and ECS.16 (task sets): tasks get no public IP address.
 * The same promise as the EC2 public-IP rules: a task with a public address is
 * reachable from the internet directly whenever its security group allows it.
 * Omitted means DISABLED (the CloudFormation and ECS API default). Tasks an EventBridge rule, an
 * EventBridge Scheduler schedule or a pipe runs (EcsParameters / EcsTaskParameters) are the same
 * tasks with the same setting and default.
 *
 * fixT: with no public IPv4 address, a task is still public when its subnet gives its interface a global
 * IPv6 address and routes IPv6 to an internet gateway (../_ipv6.ts, the decision the EC2 rules make).
 */

/** A pass on AssignPublicIp, re-judged on the IPv6 reach of the subnets the tasks land in (`subnetsPath`). */
function withIpv6(v: Verdict, r: Resource, subnetsPath: string, subnets: unknown, ctx: RuleContext): Verdict {
  if (v.status !== 'pass') return v;
  const v6 = placedIpv6Reachable(r, subnets, subnetsPath, ctx);
  const evidence = [...(v.evidence ?? []), ev(subnetsPath, subnets ?? null, 'subnets whose IPv6 addresses the internet cannot reach', 'unknown' in v6 ? v6.unknown : v6.why)];
  if ('unknown' in v6) return { ...unknown(`tasks get no public IPv4 address, but whether they are reachable over IPv6 is not known: ${v6.unknown}`, ...evidence), ...(v.subId ? { subId: v.subId } : {}) };
  if (v6.value) return { ...fail(`tasks get no public IPv4 address but a global IPv6 address the internet can reach: ${v6.why}`, ...evidence), ...(v.subId ? { subId: v.subId } : {}) };
  return v;
}

/** Where scheduled and event-driven ECS tasks carry AssignPublicIp, by type: the target list and the path inside one target. */
const TASK_TARGETS: Record<string, { list: string; inner: string; single: boolean }> = {
  'aws.events.rule': { list: 'Targets', inner: 'EcsParameters.NetworkConfiguration.AwsVpcConfiguration.AssignPublicIp', single: false },
  'aws.scheduler.schedule': { list: 'Target', inner: 'EcsParameters.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp', single: true },
  'aws.pipes.pipe': { list: 'TargetParameters', inner: 'EcsTaskParameters.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp', single: true },
};
export default defineRule({
  id: 'bastion-only/aws-ecs-service-public-ip',
  control: 'bastion-only',
  title: 'ECS services, task sets and scheduled tasks do not give tasks public IP addresses',
  severity: 'high',
  risk: 'Every task of a service that assigns public IPs, or that runs in a subnet giving it an IPv6 address routed to an internet gateway, has an internet-routable address: it can be reached directly, not only through its load balancer or the bastion.',
  remediation: {
    text: 'Set AwsvpcConfiguration.AssignPublicIp DISABLED and run the tasks in private subnets (IPv6 routed to an egress-only internet gateway, or no IPv6 addresses assigned; a NAT gateway or VPC endpoints to pull images).',
    cdk: "new ecs.FargateService(this, 'Service', { cluster, taskDefinition, assignPublicIp: false, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } })",
    cloudformation: 'NetworkConfiguration:\n  AwsvpcConfiguration:\n    AssignPublicIp: DISABLED\n    Subnets: [!Ref PrivateSubnet]',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecs-service-awsvpcconfiguration.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html',
  ],
  types: ['aws.ecs.service', 'aws.ecs.task-set', 'aws.events.rule', 'aws.scheduler.schedule', 'aws.pipes.pipe'],
  // No live collector reads ECS services: judged in templates only.
  sources: ['iac'],
  check(r, ctx) {
    const tt = TASK_TARGETS[r.type];
    if (tt) {
      const raw = must(get(r.properties, tt.list), tt.list);
      const targets = tt.single ? (raw === undefined ? [] : [{ t: raw, at: tt.list }]) : asArray(raw).map((t, i) => ({ t, at: `${tt.list}[${i}]` }));
      const out: Verdict[] = [];
      for (const { t, at } of targets) {
        const ecs = must(get(must(t, at), tt.inner.split('.')[0]!), `${at}.${tt.inner.split('.')[0]}`);
        if (ecs === undefined || ecs === null) continue;
        const path = `${at}.${tt.inner}`;
        const subnetsPath = `${at}.${tt.inner.replace(/AssignPublicIp$/, 'Subnets')}`;
        const judged = { ...judgeAssignPublicIp(must(get(t, tt.inner), path), path, 'tasks', 'task', 'omitted: the default is DISABLED'), subId: at };
        out.push(withIpv6(judged, r, subnetsPath, get(t, tt.inner.replace(/AssignPublicIp$/, 'Subnets')), ctx));
      }
      return out.length ? out : notApplicable('runs no ECS task');
    }
    // The service spells it AwsvpcConfiguration, the task set AwsVpcConfiguration.
    const PATH = r.type === 'aws.ecs.task-set' ? 'NetworkConfiguration.AwsVpcConfiguration.AssignPublicIp' : 'NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp';
    const SUBNETS = PATH.replace(/AssignPublicIp$/, 'Subnets');
    const v4 = judgeAssignPublicIp(known(r, PATH), PATH, 'tasks', 'task', 'omitted: the default is DISABLED; in bridge or host mode tasks use the container instance\'s network, which the EC2 rules judge');
    return withIpv6(v4, r, SUBNETS, get(r.properties, SUBNETS), ctx);
  },
});
