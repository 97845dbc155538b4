import { defineRule, type RuleContext, type Verdict } from '../../../src/evaluate/rule.js';
import { known, asArray, asBool, must, get, ev, pass, fail, unknown, notApplicable, text } from '../../../src/evaluate/facts.js';
import type { Resource } from '../../../src/model/resource.js';
import { isRef, isUnresolved } from '../../../src/model/values.js';
import { isBastionInstance, adminPortFromInternet, type GroupRef } from '../_ingress.js';
import { groupRefsAt, subnetMapsPublicIp } from '../_instance.js';
import { launchTemplateFor } from '../../../src/lib/launch-templates.js';

/**
 * Spot Fleet and EC2 Fleet instances, read as EC2 instances are (bastion-only/aws-ec2-instance-public-ip):
 * each Spot Fleet launch specification is an instance description (NetworkInterfaces with
 * AssociatePublicIpAddress, SubnetId, SecurityGroups), judged with the same reading: a public IP on a
 * host that is not the bastion fails; where the subnet (not in the template) decides the address, the
 * security groups decide whether an admin port would be reachable. A launch template configuration is
 * judged on its launch template (bastion-only/aws-ec2-launch-template-public-ip), as for Auto Scaling
 * groups; one outside the template is unknown.
 */
function publicAddress(r: Resource, spec: unknown, at: string, ctx: RuleContext): { value: boolean; why: string } | { unknown: string } {
  const nics = asArray(must(get(spec, 'NetworkInterfaces'), `${at}.NetworkInterfaces`));
  for (const [i, n] of nics.entries()) {
    const assoc = get(n, 'AssociatePublicIpAddress');
    if (isUnresolved(assoc)) return { unknown: `${at}.NetworkInterfaces[${i}].AssociatePublicIpAddress depends on ${assoc.expression}` };
    const v = asBool(assoc);
    if (v === true) return { value: true, why: `${at}.NetworkInterfaces[${i}].AssociatePublicIpAddress is true` };
    if (v === false && get(n, 'DeviceIndex') !== undefined && text(get(n, 'DeviceIndex')) === '0') return { value: false, why: 'the primary interface sets AssociatePublicIpAddress false' };
  }
  const subnetRef = get(spec, 'SubnetId') ?? (nics.length ? get(nics[0], 'SubnetId') : undefined);
  if (subnetRef === undefined || subnetRef === null) return { value: true, why: `${at} names no subnet: the fleet launches into default subnets, which assign public IPv4 addresses by default` };
  if (isUnresolved(subnetRef)) return { unknown: `the subnet depends on ${subnetRef.expression}` };
  const subnet = isRef(subnetRef) ? ctx.inventory.get(`${r.location.stack}/${subnetRef.logicalId}`) : undefined;
  if (!subnet || subnet.type !== 'aws.ec2.subnet') return { unknown: `subnet ${isRef(subnetRef) ? subnetRef.logicalId : text(subnetRef)} is not in the scanned templates` };
  return subnetMapsPublicIp(subnet);
}

function groupRefs(spec: unknown, at: string): GroupRef[] {
  const list = get(spec, 'SecurityGroups');
  return [
    ...(isUnresolved(list) ? [{ value: list, at: `${at}.SecurityGroups` }] : asArray(list).map((g, j) => ({ value: get(g, 'GroupId'), at: `${at}.SecurityGroups[${j}].GroupId` }))),
    ...asArray(get(spec, 'NetworkInterfaces')).flatMap((n, k) => groupRefsAt(get(n, 'Groups'), `${at}.NetworkInterfaces[${k}].Groups`)),
  ];
}

function judgeSpecification(r: Resource, spec: unknown, at: string, ctx: RuleContext): Verdict {
  const ip = publicAddress(r, spec, at, ctx);
  if ('unknown' in ip) {
    const reach = adminPortFromInternet(r, groupRefs(spec, at), ctx);
    if ('open' in reach && !reach.open)
      return pass(`whether the instances get public IPs is not in the template (${ip.unknown}), but no admin port is reachable from the internet: ${reach.why}`, ev(at, null, undefined, 'the subnet decides the public IP'), ev('(SSH/RDP from public addresses)', false, false, reach.why));
    return unknown(`cannot tell whether the instances get public IPs: ${ip.unknown}; ${'open' in reach ? reach.why : `and whether an admin port is open to the internet is not known either: ${reach.unknown}`}`, ev(at, null));
  }
  const bastion = isBastionInstance(r, ctx.params, ctx);
  const evidence = ev(`${at} (public IPv4)`, ip.value, bastion ? 'allowed on the bastion' : false, ip.why);
  if (!ip.value) return pass(`no public IP (${ip.why})`, evidence);
  if (bastion) return pass(`the bastion fleet gets public IPs (${ip.why}); its security groups must admit only the admin CIDRs`, evidence);
  return fail(`the fleet's instances are not the bastion and get public IPs: ${ip.why}`, evidence);
}

function judgeTemplateConfig(r: Resource, cfg: unknown, at: string, ctx: RuleContext): Verdict | undefined {
  const spec = must(get(cfg, 'LaunchTemplateSpecification'), `${at}.LaunchTemplateSpecification`);
  if (!spec || typeof spec !== 'object') return undefined;
  const lt = launchTemplateFor(r, spec as Record<string, unknown>, ctx.inventory);
  // Judged on the launch template, as for Auto Scaling groups: one finding per template, not per user.
  if (lt) return undefined;
  return unknown(`${at} launches from a launch template outside the scanned templates, whose network interfaces and groups are not known`, ev(`${at}.LaunchTemplateSpecification`, spec));
}

export default defineRule({
  id: 'bastion-only/aws-ec2-fleet-public-ip',
  control: 'bastion-only',
  title: 'Spot Fleet and EC2 Fleet instances get no public IP address unless they are the bastion',
  severity: 'high',
  risk: 'Fleet instances with public addresses can be reached from the internet directly whenever a security group admits it; administrative access then no longer has to pass through the bastion.',
  remediation: {
    text: 'Launch fleet instances into private subnets with AssociatePublicIpAddress false on the primary interface; reach them through the bastion or SSM Session Manager.',
    cloudformation: 'LaunchSpecifications:\n  - NetworkInterfaces:\n      - DeviceIndex: 0\n        AssociatePublicIpAddress: false\n        SubnetId: !Ref PrivateSubnet\n        Groups: [!Ref WorkerGroup]',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-spotfleet-spotfleetlaunchspecification.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html#vpc-public-ipv4-addresses',
  ],
  types: ['aws.ec2.spot-fleet', 'aws.ec2.ec2-fleet'],
  // No live collector reads fleet requests: judged in templates only.
  sources: ['iac'],
  check(r, ctx) {
    const verdicts: { subId: string; v: Verdict }[] = [];
    let configs: unknown[];
    let configsAt: string;
    if (r.type === 'aws.ec2.spot-fleet') {
      const base = 'SpotFleetRequestConfigData.LaunchSpecifications';
      asArray(known(r, base)).forEach((spec, i) => verdicts.push({ v: judgeSpecification(r, spec, `${base}[${i}]`, ctx), subId: `LaunchSpecifications[${i}]` }));
      configsAt = 'SpotFleetRequestConfigData.LaunchTemplateConfigs';
      configs = asArray(known(r, 'SpotFleetRequestConfigData.LaunchTemplateConfigs'));
    } else {
      configsAt = 'LaunchTemplateConfigs';
      configs = asArray(known(r, 'LaunchTemplateConfigs'));
    }
    configs.forEach((cfg, i) => {
      const v = judgeTemplateConfig(r, cfg, `${configsAt}[${i}]`, ctx);
      if (v) verdicts.push({ v, subId: `LaunchTemplateConfigs[${i}]` });
    });
    if (verdicts.length === 0) return notApplicable('the fleet launches only from launch templates in the template, which are judged themselves (bastion-only/aws-ec2-launch-template-public-ip)', ev(configsAt, `${configs.length} configurations`));
    return verdicts.length === 1 ? verdicts[0]!.v : verdicts.map(({ v, subId }) => ({ ...v, subId }));
  },
});
