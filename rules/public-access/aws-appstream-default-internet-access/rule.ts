import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

/**
 * `EnableDefaultInternetAccess: true` on an AppStream 2.0 fleet, image builder or app block builder gives
 * every streaming instance a public IP address in a public subnet, reachable from and
 * talking straight to the internet, instead of going out through a NAT gateway in a
 * private subnet (omitted: false).
 */
export default defineRule({
  id: 'public-access/aws-appstream-default-internet-access',
  control: 'public-access',
  title: 'AppStream 2.0 fleets, image builders and app block builders do not get default internet access',
  severity: 'medium',
  risk: 'Streaming instances with public IP addresses are reachable from the internet and send user data out without passing a NAT gateway, firewall or proxy.',
  remediation: {
    text: 'Set EnableDefaultInternetAccess to false and place the fleet in private subnets with a NAT gateway for outbound access.',
    cdk: "new appstream.CfnFleet(this, 'Fleet', { instanceType, name, enableDefaultInternetAccess: false, vpcConfig: { subnetIds: privateSubnetIds } })",
    cloudformation: 'Type: AWS::AppStream::Fleet\nProperties:\n  EnableDefaultInternetAccess: false\n  VpcConfig:\n    SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-appstream-fleet.html',
    'https://docs.aws.amazon.com/appstream2/latest/developerguide/internet-access.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-appstream-appblockbuilder.html',
  ],
  types: ['aws.appstream.fleet', 'aws.appstream.image-builder', 'aws.appstream.app-block-builder'],
  // No live collector reads AppStream: judged in templates only.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'EnableDefaultInternetAccess');
    const item = ev('EnableDefaultInternetAccess', raw ?? null, false, raw === undefined ? 'omitted: no default internet access' : undefined);
    const on = raw === undefined || raw === null ? false : asBool(raw);
    if (on === undefined) return fail(`EnableDefaultInternetAccess ${text(raw)} is not a valid value`, { ...item, note: notAValidValue('EnableDefaultInternetAccess', text(raw), 'true or false') });
    if (on) return fail('default internet access is on: streaming instances get public IP addresses', item);
    return pass('no default internet access: streaming instances have no public IP addresses', item);
  },
});
