import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asArray, asBool, must, get, ev, pass, fail, unknown, notApplicable } from '../../../src/evaluate/facts.js';
import { isBastionInstance, adminPortFromInternet, bastionPathKept } from '../_ingress.js';
import { autoScalingSubnets, autoScalingIpv6, launchTemplateGroupRefs, severalInterfaces, subnetsOutsideTemplates } from '../_instance.js';
import { requestsIpv6 } from '../_ipv6.js';
import { launchTemplateUsers } from '../../../src/lib/launch-templates.js';
import type { Resource } from '../../../src/model/resource.js';

/** Users of a launch template that are judged with the template's interfaces and their own subnets. */
const judgedOnItself = (u: Resource) => u.type === 'aws.ec2.instance' || u.type === 'aws.batch.compute-environment';

export default defineRule({
  id: 'bastion-only/aws-ec2-launch-template-public-ip',
  control: 'bastion-only',
  title: 'Launch templates do not give non-bastion instances public IP addresses',
  severity: 'high',
  risk: 'Every instance launched from a template that associates a public address is reachable from the internet directly, outside the bastion path.',
  remediation: {
    text: 'Set AssociatePublicIpAddress false (or omit it and launch into private subnets) in the launch template’s network interfaces.',
    cdk: "new ec2.LaunchTemplate(this, 'Lt', { associatePublicIpAddress: false, ... })",
    cloudformation: 'LaunchTemplateData:\n  NetworkInterfaces:\n    - DeviceIndex: 0\n      AssociatePublicIpAddress: false',
  },
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-launchtemplate-networkinterface.html', 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceNetworkInterfaceSpecification.html'],
  types: ['aws.ec2.launch-template'],
  sources: ['iac', 'live'],
  check(r, ctx) {
    const nics = asArray(known(r, 'LaunchTemplateData.NetworkInterfaces'));
    const idx = nics.findIndex((n, i) => asBool(must(get(n, 'AssociatePublicIpAddress'), `LaunchTemplateData.NetworkInterfaces[${i}].AssociatePublicIpAddress`)) === true);
    if (idx === -1) {
      // AssociatePublicIpAddress false, or two or more interfaces (EC2 assigns no automatic public IPv4 address then).
      const several = severalInterfaces(nics, 'LaunchTemplateData.NetworkInterfaces');
      const explicit = nics.some((n) => asBool(get(n, 'AssociatePublicIpAddress')) === false) || several !== undefined;
      const noV4 = several ?? 'AssociatePublicIpAddress false';
      const v6asks = nics.map((n, i) => requestsIpv6(n, `LaunchTemplateData.NetworkInterfaces[${i}].`, 'PrimaryIpv6'));
      // As for an instance (bastion-only/aws-ec2-instance-public-ip, rule zero 3 : 0): interfaces that ask for IPv6
      // addresses, launched by Auto Scaling groups into subnets outside the template, behind a group that admits
      // SSH/RDP from public IPv6 space, are taken as reachable: every VPC IPv6 address is a global one.
      const asked = v6asks.find((q): q is { why: string } => q !== undefined && 'why' in q);
      const scalers = r.source === 'iac' ? launchTemplateUsers(r, ctx.inventory).filter((u) => u.type === 'aws.autoscaling.auto-scaling-group') : [];
      if (asked && scalers.length && subnetsOutsideTemplates(scalers, ctx) && !isBastionInstance(r, ctx.params, ctx)) {
        const open6 = adminPortFromInternet(r, launchTemplateGroupRefs(r), ctx, 'ipv6');
        if ('open' in open6 && open6.open)
          return fail(
            `instances launched from this template get a global IPv6 address (${asked.why}) behind a group that admits SSH/RDP from public IPv6 space (${open6.why}), in subnets of ${scalers.map((g) => g.name ?? g.id).join(', ')} that are not in the template, and are not the bastion`,
            ev('LaunchTemplateData.NetworkInterfaces', nics, 'no global IPv6 address behind SSH/RDP open to the internet', asked.why),
          );
      }
      if (explicit) {
        // fixL: no public IPv4, but a global IPv6 address in a subnet routed to an internet gateway is public too.
        const asgs = r.source === 'iac' ? launchTemplateUsers(r, ctx.inventory).filter((u) => u.type === 'aws.autoscaling.auto-scaling-group') : [];
        const v6 = autoScalingIpv6(asgs, ctx, v6asks);
        const kept6 = 'value' in v6 && v6.value && !isBastionInstance(r, ctx.params, ctx) ? bastionPathKept(r, launchTemplateGroupRefs(r), ctx) : undefined;
        if (kept6) return pass(`instances launched from this template are reachable over IPv6 (${(v6 as { why: string }).why}) and are not the bastion, but ${kept6}`, ev('LaunchTemplateData.NetworkInterfaces', nics, 'no public address'), ev('(SSH/RDP from the internet)', false, false, kept6));
        if ('value' in v6 && v6.value && !isBastionInstance(r, ctx.params, ctx))
          return fail(`instances launched from this template get no public IPv4 address but are reachable over IPv6 and are not the bastion: ${v6.why}`, ev('LaunchTemplateData.NetworkInterfaces', nics, 'no public address'));
        if (!('unknown' in v6)) return pass(several ? `the template gives its instances no public IPv4 address: ${several}` : 'the template does not associate public IP addresses', ev('LaunchTemplateData.NetworkInterfaces', nics, noV4));
        const reach = adminPortFromInternet(r, launchTemplateGroupRefs(r), ctx);
        if ('open' in reach && !reach.open)
          return pass(`no public IPv4 address; whether its instances are reachable over IPv6 is not known (${v6.unknown}), but no admin port is reachable from the internet: ${reach.why}`, ev('LaunchTemplateData.NetworkInterfaces', nics, noV4));
        return unknown(`no public IPv4 address, but ${v6.unknown}; ${'open' in reach ? reach.why : `and whether an admin port is open to the internet is not known either: ${reach.unknown}`}`, ev('LaunchTemplateData.NetworkInterfaces', nics, noV4));
      }
      const nicsEv = ev('LaunchTemplateData.NetworkInterfaces', nics.length ? nics : null, undefined, 'no AssociatePublicIpAddress: the subnet decides');
      // Launched only by instances of this template, or by Batch compute environments: each is judged with its own
      // subnets (bastion-only/aws-ec2-instance-public-ip, fixT: bastion-only/aws-batch-compute-environment-public-ip).
      const users = launchTemplateUsers(r, ctx.inventory);
      if (users.length > 0 && users.every(judgedOnItself))
        return notApplicable('the template leaves public addressing to the subnet it launches into (judged on the instances and compute environments launched from it)', nicsEv);
      // Live, who launches from the template (and into which subnets) is not read: the instances are judged themselves.
      if (r.source !== 'iac') return notApplicable('the template leaves public addressing to the subnet it launches into (judged on the instances)', nicsEv);
      // Auto Scaling groups: their subnets decide, as for a launch configuration.
      const asgs = users.filter((u) => u.type === 'aws.autoscaling.auto-scaling-group');
      const d = asgs.length && asgs.length === users.filter((u) => !judgedOnItself(u)).length ? autoScalingSubnets(asgs, ctx, v6asks) : { unknown: users.length ? 'it is launched by services whose subnets vouch does not follow' : 'nothing in the scanned templates launches from it, so the subnets are not known' };
      if (!('unknown' in d)) {
        if (!d.value) return pass(`no public IP: ${d.why}`, nicsEv);
        if (isBastionInstance(r, ctx.params, ctx)) return pass(`the bastion gets a public IP (${d.why})`, nicsEv);
        const kept = bastionPathKept(r, launchTemplateGroupRefs(r), ctx);
        if (kept) return pass(`instances launched from this template get a public IP (${d.why}) and are not the bastion, but ${kept}`, nicsEv, ev('(SSH/RDP from the internet)', false, false, kept));
        return fail(`instances launched from this template get a public IP and are not the bastion: ${d.why}`, nicsEv);
      }
      // Whatever the subnet decides, a public address matters only if an admin port is open to public addresses.
      const reach = adminPortFromInternet(r, launchTemplateGroupRefs(r), ctx);
      if ('open' in reach && !reach.open)
        return pass(`whether its instances get public IPs is not in the template (${d.unknown}), but no admin port is reachable from the internet: ${reach.why}`, nicsEv, ev('(SSH/RDP from public addresses)', false, false, reach.why));
      return unknown(`the subnet decides whether its instances get public IPs: ${d.unknown}; ${'open' in reach ? reach.why : `and whether an admin port is open to the internet is not known either: ${reach.unknown}`}`, nicsEv);
    }
    const path = `LaunchTemplateData.NetworkInterfaces[${idx}].AssociatePublicIpAddress`;
    // Launched only by instances of this template: each is judged with the template's interfaces
    // (bastion-only/aws-ec2-instance-public-ip), where being the bastion is known.
    const users = launchTemplateUsers(r, ctx.inventory);
    if (users.length > 0 && users.every(judgedOnItself))
      return notApplicable(`associates a public IP; judged on the instances and compute environments launched from it (${users.map((u) => u.name ?? u.id).join(', ')})`, ev(path, true));
    if (isBastionInstance(r, ctx.params, ctx)) return pass('bastion launch template associates a public IP (allowed on the bastion)', ev(path, true));
    const kept = bastionPathKept(r, launchTemplateGroupRefs(r), ctx);
    if (kept) return pass(`instances launched from this template get a public IP and are not the bastion, but ${kept}`, ev(path, true), ev('(SSH/RDP from the internet)', false, false, kept));
    return fail('instances launched from this template get a public IP and are not the bastion', ev(path, true, false));
  },
});
