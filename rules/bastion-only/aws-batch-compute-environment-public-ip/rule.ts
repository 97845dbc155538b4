import { defineRule, type RuleContext } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import { known, asArray, asBool, must, get, ev, pass, fail, unknown, notApplicable, text } from '../../../src/evaluate/facts.js';
import { isRef, isUnresolved } from '../../../src/model/values.js';
import { privateNamedSubnetParameter } from '../../../src/lib/network.js';
import { adminPortFromInternet } from '../_ingress.js';
import { groupRefsAt, subnetMapsPublicIp } from '../_instance.js';
import { ipv6Reachable, placedIpv6Reachable, requestsIpv6 } from '../_ipv6.js';
import { launchTemplateFor } from '../../../src/lib/launch-templates.js';
import { notAValidValue } from '../../../src/lib/tls.js';

/**
 * The hosts a managed Batch compute environment launches into its subnets (ComputeResources.Subnets),
 * judged as EC2 instances are (bastion-only/aws-ec2-instance-public-ip). EC2 and Spot: Batch launches
 * ECS container instances there, which get a public IPv4 address where the subnet maps one ("Managed
 * compute environments launch Amazon ECS container instances into the VPC and subnets that you specify
 * ... do not have public IP addresses because the subnets you've chosen do not provide them by default",
 * AWS Batch User Guide, compute environments) or where the launch template's interface asks for one;
 * and (fixT) a global IPv6 address the internet can reach where the subnet assigns IPv6 addresses and
 * routes ::/0 to an internet gateway (../_ipv6.ts). Fargate and Fargate Spot: each job is an awsvpc task
 * whose public IPv4 address its job definition decides (bastion-only/aws-batch-job-definition-public-ip);
 * its IPv6 address comes from the subnet, judged here. A subnet outside the scanned templates leaves the
 * address open: then, as for instances, only an admin port open to public addresses makes it unknown.
 */
/** The interfaces of the launch template the environment names, and where they are read. */
function templateNics(r: Resource, ctx: RuleContext): { nics: unknown[]; at: string } | { unknown: string } | undefined {
  const spec = get(r.properties, 'ComputeResources.LaunchTemplate');
  if (spec === undefined || spec === null) return undefined;
  if (isUnresolved(spec) || typeof spec !== 'object') return { unknown: `ComputeResources.LaunchTemplate depends on ${isUnresolved(spec) ? spec.expression : text(spec)}` };
  const lt = launchTemplateFor(r, spec as Record<string, unknown>, ctx.inventory);
  if (!lt) return { unknown: 'its launch template is not in the scanned templates' };
  const at = `LaunchTemplate(${lt.name ?? lt.location.logicalId ?? lt.id}).LaunchTemplateData.NetworkInterfaces`;
  return { nics: asArray(must(get(lt.properties, 'LaunchTemplateData.NetworkInterfaces'), at)), at };
}

/** Does an EC2 or Spot environment's instance get an address the internet can reach? */
function instanceAddress(r: Resource, ctx: RuleContext): { value: boolean; why: string } | { unknown: string } {
  const lt = templateNics(r, ctx);
  if (lt && 'unknown' in lt) return lt;
  const nics = lt?.nics ?? [];
  for (const [i, n] of nics.entries()) {
    const assoc = get(n, 'AssociatePublicIpAddress');
    if (isUnresolved(assoc)) return { unknown: `${lt!.at}[${i}].AssociatePublicIpAddress depends on ${assoc.expression}` };
    if (asBool(assoc) === true) return { value: true, why: `${lt!.at}[${i}].AssociatePublicIpAddress is true` };
  }
  const v6asks = nics.map((n, i) => requestsIpv6(n, `${lt!.at}[${i}].`, 'PrimaryIpv6'));
  const subnets = get(r.properties, 'ComputeResources.Subnets');
  // A parameter the template names as private subnets is taken as such (src/lib/network.ts: rule zero, session 14).
  const askedV6 = v6asks.some((q) => q !== undefined);
  const named = (s: unknown) => (askedV6 ? undefined : privateNamedSubnetParameter(s));
  if (isUnresolved(subnets) && !named(subnets)) return { unknown: `ComputeResources.Subnets depends on ${subnets.expression}` };
  const list = isUnresolved(subnets) ? [subnets] : asArray(subnets);
  if (list.length === 0) return { unknown: 'ComputeResources.Subnets names no subnet (a managed EC2 environment requires them)' };
  const quiet: string[] = [];
  for (const [i, s] of list.entries()) {
    const privateName = named(s);
    if (privateName) {
      quiet.push(`parameter ${privateName}, which the template names as private`);
      continue;
    }
    if (isUnresolved(s)) return { unknown: `ComputeResources.Subnets[${i}] depends on ${s.expression}` };
    const subnet = isRef(s) ? ctx.inventory.get(`${r.location.stack}/${s.logicalId}`) : undefined;
    if (!subnet || subnet.type !== 'aws.ec2.subnet') return { unknown: `subnet ${isRef(s) ? s.label : text(s)} is not in the scanned templates` };
    const v4 = subnetMapsPublicIp(subnet, r);
    const assocFalse = nics.some((n) => asBool(get(n, 'AssociatePublicIpAddress')) === false && text(get(n, 'DeviceIndex')) === '0');
    if (v4.value && !assocFalse) return v4;
    const v6 = ipv6Reachable(v6asks, subnet, ctx);
    if ('unknown' in v6) return { unknown: `in subnet ${isRef(s) ? s.label : text(s)}: ${v6.unknown}` };
    if (v6.value) return { value: true, why: `in subnet ${isRef(s) ? s.label : text(s)}: ${v6.why}` };
    quiet.push(isRef(s) ? s.label : text(s));
  }
  return { value: false, why: `its subnets (${quiet.join(', ')}) give the instances no public IPv4 address and no IPv6 address the internet can reach` };
}

export default defineRule({
  id: 'bastion-only/aws-batch-compute-environment-public-ip',
  control: 'bastion-only',
  title: 'Batch compute environments do not place their hosts where the internet can reach them',
  severity: 'high',
  risk: 'Every instance or Fargate job a compute environment runs in a subnet that maps public IPv4 addresses, or that assigns IPv6 addresses and routes them to an internet gateway, can be reached from the internet directly whenever its security group allows it, outside the bastion path.',
  remediation: {
    text: 'Run the environment in private subnets (MapPublicIpOnLaunch false; IPv6 routed to an egress-only internet gateway, or no IPv6 addresses), with a NAT gateway or VPC endpoints for the ECS and ECR endpoints.',
    cdk: "new batch.ManagedEc2EcsComputeEnvironment(this, 'Env', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } })",
    cloudformation: 'ComputeResources:\n  Type: EC2\n  Subnets: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]',
  },
  references: [
    'https://docs.aws.amazon.com/batch/latest/userguide/compute_environments.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-batch-computeenvironment-computeresources.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html',
  ],
  types: ['aws.batch.compute-environment'],
  // The live collector does not read AWS Batch.
  sources: ['iac'],
  check(r, ctx) {
    const kind = known(r, 'Type');
    if (typeof kind === 'string' && kind.toUpperCase() === 'UNMANAGED')
      return notApplicable('an unmanaged compute environment runs instances you launch yourself: they are judged where they are defined', ev('Type', kind));
    const type = known(r, 'ComputeResources.Type');
    const platform = typeof type === 'string' ? type.toUpperCase() : undefined;
    const subnets = get(r.properties, 'ComputeResources.Subnets');
    if (platform === 'FARGATE' || platform === 'FARGATE_SPOT') {
      const v6 = placedIpv6Reachable(r, subnets, 'ComputeResources.Subnets', ctx);
      const e = ev('ComputeResources.Subnets', subnets ?? null, 'subnets whose IPv6 addresses the internet cannot reach', 'unknown' in v6 ? v6.unknown : v6.why);
      if ('unknown' in v6) return unknown(`whether its Fargate jobs are reachable over IPv6 is not known: ${v6.unknown}`, e);
      if (v6.value) return fail(`its Fargate jobs get a global IPv6 address the internet can reach: ${v6.why}`, e);
      return pass(`its Fargate jobs get no IPv6 address the internet can reach (${v6.why}); their public IPv4 address is judged on the job definitions`, e);
    }
    if (platform !== 'EC2' && platform !== 'SPOT') {
      if (type === undefined || type === null) return unknown('ComputeResources.Type is omitted (a managed environment requires it): what it launches is not said', ev('ComputeResources.Type', null, 'EC2, SPOT, FARGATE or FARGATE_SPOT'));
      // A value outside the closed set cannot deploy as written: it fails, as enc-rest/aws-batch-compute-environment judges it.
      return fail(`ComputeResources.Type ${text(type)} is not a valid value: where the environment places its hosts is not settled`, ev('ComputeResources.Type', type, 'EC2, SPOT, FARGATE or FARGATE_SPOT', notAValidValue('ComputeResources.Type', text(type), 'EC2, SPOT, FARGATE or FARGATE_SPOT')));
    }
    const address = instanceAddress(r, ctx);
    const subnetsEv = ev('ComputeResources.Subnets', subnets ?? null, 'private subnets');
    if ('unknown' in address) {
      // Whatever the subnet decides, a public address matters only if an admin port is open to public addresses.
      const reach = adminPortFromInternet(r, groupRefsAt(get(r.properties, 'ComputeResources.SecurityGroupIds'), 'ComputeResources.SecurityGroupIds'), ctx);
      if ('open' in reach && !reach.open)
        return pass(`whether its instances get a public address is not in the template (${address.unknown}), but no admin port is reachable from the internet: ${reach.why}`, subnetsEv, ev('(SSH/RDP from public addresses)', false, false, reach.why));
      return unknown(`cannot tell whether its instances get a public address: ${address.unknown}; ${'open' in reach ? reach.why : `and whether an admin port is open to the internet is not known either: ${reach.unknown}`}`, subnetsEv);
    }
    const e = ev('(public address)', address.value, false, address.why);
    return address.value ? fail(`the instances it launches are reachable from the internet: ${address.why}`, e) : pass(`no public address: ${address.why}`, e);
  },
});
