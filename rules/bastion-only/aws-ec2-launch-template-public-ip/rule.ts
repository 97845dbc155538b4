import { defineRule } from '../../../src/evaluate/rule.js';
import { known, asArray, asBool, must, get, ev, pass, fail, notApplicable } from '../../../src/evaluate/facts.js';
import { isBastionInstance } from '../_ingress.js';
import { launchTemplateUsers } from '../../../src/lib/launch-templates.js';

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
  references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-launchtemplate-networkinterface.html'],
  types: ['aws.ec2.launch-template'],
  sources: ['iac', 'live'],
  check(r, ctx) {
    const nics = asArray(known(r, 'LaunchTemplateData.NetworkInterfaces'));
    const idx = nics.findIndex((n, i) => asBool(must(get(n, 'AssociatePublicIpAddress'), `LaunchTemplateData.NetworkInterfaces[${i}].AssociatePublicIpAddress`)) === true);
    if (idx === -1) {
      const explicit = nics.some((n) => asBool(get(n, 'AssociatePublicIpAddress')) === false);
      return explicit
        ? pass('the template does not associate public IP addresses', ev('LaunchTemplateData.NetworkInterfaces', nics, 'AssociatePublicIpAddress false'))
        : notApplicable('the template leaves public addressing to the subnet it launches into (judged on instances)', ev('LaunchTemplateData.NetworkInterfaces', nics.length ? nics : null));
    }
    const path = `LaunchTemplateData.NetworkInterfaces[${idx}].AssociatePublicIpAddress`;
    // Launched only by instances of this template: each is judged with the template's interfaces
    // (bastion-only/aws-ec2-instance-public-ip), where being the bastion is known.
    const users = launchTemplateUsers(r, ctx.inventory);
    if (users.length > 0 && users.every((u) => u.type === 'aws.ec2.instance'))
      return notApplicable(`associates a public IP; judged on the instances launched from it (${users.map((u) => u.name ?? u.id).join(', ')})`, ev(path, true));
    if (isBastionInstance(r, ctx.params, ctx)) return pass('bastion launch template associates a public IP (allowed on the bastion)', ev(path, true));
    return fail('instances launched from this template get a public IP and are not the bastion', ev(path, true, false));
  },
});
