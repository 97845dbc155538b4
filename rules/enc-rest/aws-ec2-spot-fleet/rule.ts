import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, must, asArray, get, ev, notApplicable } from '../../../src/evaluate/facts.js';
import { judgeMappings } from '../_block-devices.js';

const SPECS = 'SpotFleetRequestConfigData.LaunchSpecifications';

/**
 * FSBP EC2.173 (AWS Config ec2-spot-fleet-request-ct-encryption-at-rest): the launch specifications of a Spot Fleet request encrypt the EBS
 * volumes they attach. Each specification is judged like an instance's block device
 * mappings (../_block-devices.ts); one that maps none takes its root volume from the
 * AMI. Stricter than the Config rule, which fails only an explicit Encrypted false:
 * an omitted Encrypted is judged as enc-rest/aws-ec2-volume judges it. Fleets launched from launch templates are judged on the templates
 * (enc-rest/aws-ec2-launch-template).
 */
export default defineRule({
  id: 'enc-rest/aws-ec2-spot-fleet',
  control: 'enc-rest',
  title: 'Spot Fleet launch specifications encrypt their EBS volumes',
  severity: 'medium',
  risk: 'Every Spot Instance the fleet launches gets the volumes its launch specification describes: unencrypted ones keep their data, and every snapshot of it, in the clear.',
  remediation: {
    text: 'Set Ebs.Encrypted: true on every block device mapping of every launch specification (map the root device too), or launch the fleet from a launch template that does.',
    cdk: 'new ec2.CfnSpotFleet(this, "Fleet", { spotFleetRequestConfigData: { ..., launchSpecifications: [{ ..., blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: true } }] }] } })',
    cloudformation: 'LaunchSpecifications:\n  - ImageId: ami-0abcdef1234567890\n    BlockDeviceMappings:\n      - DeviceName: /dev/xvda\n        Ebs: { Encrypted: true }',
  },
  references: [
    'https://docs.aws.amazon.com/config/latest/developerguide/ec2-spot-fleet-request-ct-encryption-at-rest.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-spotfleet-spotfleetlaunchspecification.html',
  ],
  types: ['aws.ec2.spot-fleet'],
  // No live collector reads Spot Fleet requests: judged in templates only.
  sources: ['iac'],
  check(r) {
    const specs = asArray(known(r, SPECS));
    if (specs.length === 0)
      return notApplicable('the fleet launches from launch templates, which enc-rest/aws-ec2-launch-template judges', ev(SPECS, null, undefined, 'omitted: LaunchTemplateConfigs decide the volumes'));
    const verdicts: Verdict[] = specs.map((spec, i) => {
      const path = `${SPECS}[${i}].BlockDeviceMappings`;
      const mappings = asArray(must(get(spec, 'BlockDeviceMappings'), path));
      return { ...judgeMappings(r, mappings.map((m, j) => ({ mapping: m, at: `${path}[${j}]` })), path, `launch specification ${i}`), subId: `LaunchSpecifications[${i}]` };
    });
    return verdicts;
  },
});
