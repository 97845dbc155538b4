import { defineRule, type Verdict } from '../../../src/evaluate/rule.js';
import { known, must, get, asArray, ev, notApplicable, unknown } from '../../../src/evaluate/facts.js';
import { judgeAssignPublicIp } from '../_public-ip.js';

/**
 * A Batch job definition for Fargate (`PlatformCapabilities: [FARGATE]`) runs each job as an awsvpc
 * task; `NetworkConfiguration.AssignPublicIp` (ContainerProperties, or each of EcsProperties'
 * TaskProperties) gives the task a public address, default DISABLED. The same promise as ECS services
 * (FSBP ECS.2, house rule 3): a job with a public IP is reachable from the internet directly whenever
 * its security group allows it. On the EC2 platform (the default) the job runs on the compute
 * environment's instances, whose public IPs the EC2 rules judge: not applicable.
 */
export default defineRule({
  id: 'bastion-only/aws-batch-job-definition-public-ip',
  control: 'bastion-only',
  title: 'Batch Fargate job definitions do not give jobs public IP addresses',
  severity: 'high',
  risk: 'Every job of a Fargate job definition that assigns public IPs runs with an internet-routable address: it can be reached directly, not only through the bastion.',
  remediation: {
    text: 'Set NetworkConfiguration.AssignPublicIp DISABLED and run the compute environment in private subnets (with a NAT gateway or VPC endpoints to pull images).',
    cdk: "new batch.EcsJobDefinition(this, 'Job', { container: new batch.EcsFargateContainerDefinition(this, 'Container', { image, cpu: 1, memory: cdk.Size.gibibytes(2), assignPublicIp: false }) })",
    cloudformation: 'PlatformCapabilities: [FARGATE]\nContainerProperties:\n  NetworkConfiguration:\n    AssignPublicIp: DISABLED',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-batch-jobdefinition-networkconfiguration.html',
    'https://docs.aws.amazon.com/batch/latest/userguide/fargate.html',
  ],
  types: ['aws.batch.job-definition'],
  // No live collector reads Batch job definitions: judged in templates only.
  sources: ['iac'],
  check(r) {
    const caps = known(r, 'PlatformCapabilities');
    const list = asArray(caps).map((c, i) => must(c, `PlatformCapabilities[${i}]`));
    if (!list.includes('FARGATE'))
      return notApplicable(
        'runs on EC2 compute environments: jobs use the instances\' network, which the EC2 and Auto Scaling rules judge',
        ev('PlatformCapabilities', caps ?? null, undefined, caps === undefined ? 'omitted: EC2 by default' : undefined),
      );
    const places: { path: string; value: unknown }[] = [];
    const container = known(r, 'ContainerProperties');
    if (container !== undefined) places.push({ path: 'ContainerProperties.NetworkConfiguration.AssignPublicIp', value: known(r, 'ContainerProperties.NetworkConfiguration.AssignPublicIp') });
    const tasks = known(r, 'EcsProperties.TaskProperties');
    asArray(tasks).forEach((t, i) => {
      const at = `EcsProperties.TaskProperties[${i}].NetworkConfiguration.AssignPublicIp`;
      places.push({ path: at, value: must(get(must(t, `EcsProperties.TaskProperties[${i}]`), 'NetworkConfiguration.AssignPublicIp'), at) });
    });
    if (places.length === 0) return unknown('a Fargate job definition with neither ContainerProperties nor EcsProperties: its network settings are not in the template', ev('ContainerProperties', null));
    const verdicts: Verdict[] = places.map((p) => judgeAssignPublicIp(p.value, p.path, 'Fargate jobs', 'Fargate job', 'omitted: the default is DISABLED'));
    const failed = verdicts.find((v) => v.status === 'fail');
    if (failed) return failed;
    return places.length === 1 ? verdicts[0]! : { ...verdicts[0]!, message: `Fargate jobs get no public IP (${places.length} task properties)`, evidence: verdicts.flatMap((v) => v.evidence ?? []) };
  },
});
