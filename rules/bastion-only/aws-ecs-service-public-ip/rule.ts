import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, must, get, asArray, notApplicable } from '../../../src/evaluate/facts.js';
import { judgeAssignPublicIp } from '../_public-ip.js';


/**
 * FSBP ECS.2 (services) and ECS.16 (task sets): tasks get no public IP address.
 * The same promise as the EC2 public-IP rules: a task with a public address is
 * reachable from the internet directly whenever its security group allows it.
 * Omitted means DISABLED (the CloudFormation and ECS API default). Tasks an EventBridge rule, an
 * EventBridge Scheduler schedule or a pipe runs (EcsParameters / EcsTaskParameters) are the same
 * tasks with the same setting and default.
 */

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
  risk: 'Every task of a service that assigns public IPs has an internet-routable address: it can be reached directly, not only through its load balancer or the bastion.',
  remediation: {
    text: 'Set AwsvpcConfiguration.AssignPublicIp DISABLED and run the tasks in private subnets (with a NAT gateway or VPC endpoints to pull images).',
    cdk: "new ecs.FargateService(this, 'Service', { cluster, taskDefinition, assignPublicIp: false, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } })",
    cloudformation: 'NetworkConfiguration:\n  AwsvpcConfiguration:\n    AssignPublicIp: DISABLED\n    Subnets: [!Ref PrivateSubnet]',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecs-service-awsvpcconfiguration.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html',
  ],
  types: ['aws.ecs.service', 'aws.ecs.task-set', 'aws.events.rule', 'aws.scheduler.schedule', 'aws.pipes.pipe'],
  // No live collector reads ECS services: judged in templates only.
  sources: ['iac'],
  check(r) {
    const tt = TASK_TARGETS[r.type];
    if (tt) {
      const raw = must(get(r.properties, tt.list), tt.list);
      const targets = tt.single ? (raw === undefined ? [] : [{ t: raw, at: tt.list }]) : asArray(raw).map((t, i) => ({ t, at: `${tt.list}[${i}]` }));
      const out: Verdict[] = [];
      for (const { t, at } of targets) {
        const ecs = must(get(must(t, at), tt.inner.split('.')[0]!), `${at}.${tt.inner.split('.')[0]}`);
        if (ecs === undefined || ecs === null) continue;
        const path = `${at}.${tt.inner}`;
        out.push({ ...judgeAssignPublicIp(must(get(t, tt.inner), path), path, 'tasks', 'task', 'omitted: the default is DISABLED'), subId: at });
      }
      return out.length ? out : notApplicable('runs no ECS task');
    }
    // The service spells it AwsvpcConfiguration, the task set AwsVpcConfiguration.
    const PATH = r.type === 'aws.ecs.task-set' ? 'NetworkConfiguration.AwsVpcConfiguration.AssignPublicIp' : 'NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp';
    return judgeAssignPublicIp(known(r, PATH), PATH, 'tasks', 'task', 'omitted: the default is DISABLED; in bridge or host mode tasks use the container instance\'s network, which the EC2 rules judge');
  },
});
