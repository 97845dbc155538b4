import { defineRule } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import type { RuleContext } from '../../../src/evaluate/rule.js';
import { known, asArray, asBool, get, ev, pass, fail, unknown, text, globMatch, tagsOf } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { adminPortFromInternet, isBastionRoleName, bastionPathKept } from '../_ingress.js';
import { autoScalingSubnets, autoScalingIpv6, groupRefsAt } from '../_instance.js';

/**
 * The bastion, as for instances and launch templates (claims profile `bastion`): by
 * name (the configuration's or a group's that launches from it), or by the tags its
 * Auto Scaling groups give the instances (a launch configuration has no tags of its own).
 */
function isBastion(r: Resource, ctx: RuleContext): boolean {
  const b = ctx.params.bastion;
  const groups = ctx.inventory.related(r, 'autoScalingGroups');
  const names = [r, ...groups].flatMap((x) => [x.name, x.location.logicalId, x.location.constructPath]);
  const lcName = get(r.properties, 'LaunchConfigurationName');
  if (typeof lcName === 'string') names.push(lcName);
  if (names.some((n) => typeof n === 'string' && (b.names.some((g) => globMatch(g, n)) || isBastionRoleName(n)))) return true;
  const want = Object.entries(b.tags);
  return want.length > 0 && groups.some((g) => {
    const tags = tagsOf(g);
    return want.every(([k, v]) => tags[k] !== undefined && globMatch(v, tags[k]!));
  });
}

export default defineRule({
  id: 'bastion-only/aws-autoscaling-launch-configuration-public-ip',
  control: 'bastion-only',
  title: 'Launch configurations do not give non-bastion instances public IP addresses',
  severity: 'high',
  risk: 'Every instance an Auto Scaling group launches from a configuration that associates a public address is reachable from the internet directly, outside the bastion path.',
  remediation: {
    text: 'Set AssociatePublicIpAddress false and launch into private subnets (or move to a launch template with the same setting: launch configurations are deprecated).',
    cdk: "new autoscaling.AutoScalingGroup(this, 'Asg', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, associatePublicIpAddress: false, ... })",
    cloudformation: 'Type: AWS::AutoScaling::LaunchConfiguration\nProperties:\n  AssociatePublicIpAddress: false',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-autoscaling-launchconfiguration.html#cfn-autoscaling-launchconfiguration-associatepublicipaddress'],
  types: ['aws.autoscaling.launch-configuration'],
  // No live collector reads Auto Scaling yet: judged in templates only.
  sources: ['iac'],
  check(r, ctx) {
    const own = get(r.properties, 'AssociatePublicIpAddress');
    const raw = isUnresolved(own) ? undefined : known(r, 'AssociatePublicIpAddress');
    const bastion = isBastion(r, ctx);
    if (raw !== undefined && raw !== null) {
      const v = asBool(raw);
      if (v === undefined)
        return fail(`AssociatePublicIpAddress ${text(raw)} is not a valid value: whether instances get public IPs is not settled`, ev('AssociatePublicIpAddress', raw, false, notAValidValue('AssociatePublicIpAddress', text(raw), 'true or false')));
      if (!v) {
        // fixL: no public IPv4, but a subnet that assigns IPv6 addresses and routes them to an internet gateway makes them public.
        const v6 = autoScalingIpv6(ctx.inventory.related(r, 'autoScalingGroups'), ctx);
        const kept6 = 'value' in v6 && v6.value && !bastion ? bastionPathKept(r, groupRefsAt(get(r.properties, 'SecurityGroups'), 'SecurityGroups'), ctx) : undefined;
        if (kept6) return pass(`instances launched from it are reachable over IPv6 (${(v6 as { why: string }).why}) and are not the bastion, but ${kept6}`, ev('AssociatePublicIpAddress', raw, false), ev('(SSH/RDP from the internet)', false, false, kept6));
        if ('value' in v6 && v6.value && !bastion) return fail(`instances launched from it get no public IPv4 address but are reachable over IPv6 and are not the bastion: ${v6.why}`, ev('AssociatePublicIpAddress', raw, false));
        if ('unknown' in v6) {
          const reach = adminPortFromInternet(r, groupRefsAt(get(r.properties, 'SecurityGroups'), 'SecurityGroups'), ctx);
          if (!('open' in reach) || reach.open) return unknown(`no public IPv4 address, but ${v6.unknown}; ${'open' in reach ? reach.why : reach.unknown}`, ev('AssociatePublicIpAddress', raw, false));
        }
        return pass('instances launched from it get no public IP address', ev('AssociatePublicIpAddress', raw, false));
      }
      if (bastion) return pass('bastion launch configuration associates a public IP (allowed on the bastion)', ev('AssociatePublicIpAddress', raw, 'allowed on the bastion'));
      const kept = bastionPathKept(r, groupRefsAt(get(r.properties, 'SecurityGroups'), 'SecurityGroups'), ctx);
      if (kept) return pass(`instances launched from this configuration get a public IP and are not the bastion, but ${kept}`, ev('AssociatePublicIpAddress', raw), ev('(SSH/RDP from the internet)', false, false, kept));
      return fail('instances launched from this configuration get a public IP and are not the bastion', ev('AssociatePublicIpAddress', raw, false));
    }
    const d: ReturnType<typeof autoScalingSubnets> = isUnresolved(own)
      ? { unknown: `AssociatePublicIpAddress depends on ${own.expression}` }
      : autoScalingSubnets(ctx.inventory.related(r, 'autoScalingGroups'), ctx);
    if ('unknown' in d) {
      // Whatever the subnet decides, a public address matters only if an admin port is open to public addresses.
      const reach = adminPortFromInternet(r, groupRefsAt(get(r.properties, 'SecurityGroups'), 'SecurityGroups'), ctx);
      if ('open' in reach && !reach.open)
        return pass(
          `whether its instances get public IPs is not in the template (${d.unknown}), but no admin port is reachable from the internet: ${reach.why}`,
          ev('AssociatePublicIpAddress', isUnresolved(own) ? own.expression : null, undefined, isUnresolved(own) ? 'not resolved' : 'omitted: the subnet\'s MapPublicIpOnLaunch decides'),
          ev('(SSH/RDP from public addresses)', false, false, reach.why),
        );
      return unknown(
        `${isUnresolved(own) ? 'whether its instances get public IPs is not known' : 'AssociatePublicIpAddress is omitted and the subnet decides'}: ${d.unknown}; ${'open' in reach ? reach.why : `and whether an admin port is open to the internet is not known either: ${reach.unknown}`}`,
        ev('AssociatePublicIpAddress', isUnresolved(own) ? own.expression : null, false, isUnresolved(own) ? 'not resolved' : 'omitted: the subnet\'s MapPublicIpOnLaunch decides'),
      );
    }
    const e = ev('AssociatePublicIpAddress', null, bastion ? 'allowed on the bastion' : false, `omitted: ${d.why}`);
    if (!d.value) return pass(`no public IP: ${d.why}`, e);
    if (bastion) return pass(`the bastion gets a public IP (${d.why})`, e);
    const kept = bastionPathKept(r, groupRefsAt(get(r.properties, 'SecurityGroups'), 'SecurityGroups'), ctx);
    if (kept) return pass(`instances launched from it get a public IP (${d.why}) and are not the bastion, but ${kept}`, e, ev('(SSH/RDP from the internet)', false, false, kept));
    return fail(`instances launched from it get a public IP and are not the bastion: ${d.why}`, e);
  },
});
