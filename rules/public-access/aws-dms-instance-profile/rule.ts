import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, asBool, text } from '../../../src/evaluate/facts.js';
import { notAValidValue } from '../../../src/lib/tls.js';

/**
 * A DMS Schema Conversion instance profile (AWS::DMS::InstanceProfile) with PubliclyAccessible true
 * runs the conversion in the network with a public IP address, holding the credentials of the source
 * and target data providers. Omitted, the documented defaults disagree: the CloudFormation resource
 * schema says false, the CreateInstanceProfile API reference says true. Neither is settled by the
 * template, so an omitted flag is unknown (fail closed), not a pass.
 */
export default defineRule({
  id: 'public-access/aws-dms-instance-profile',
  control: 'public-access',
  title: 'DMS Schema Conversion instance profiles are not publicly accessible',
  severity: 'high',
  risk: 'A public instance profile gives DMS Schema Conversion a public IP address while it connects to, and holds credentials for, the databases being converted.',
  remediation: {
    text: 'Set PubliclyAccessible: false and place the profile in private subnets through SubnetGroupIdentifier.',
    cdk: "new dms.CfnInstanceProfile(this, 'Conversion', { publiclyAccessible: false, subnetGroupIdentifier: subnetGroup.ref, vpcSecurityGroups: [sg.securityGroupId] })",
    cloudformation: 'Type: AWS::DMS::InstanceProfile\nProperties:\n  PubliclyAccessible: false\n  SubnetGroupIdentifier: !Ref PrivateSubnetGroup',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dms-instanceprofile.html',
    'https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateInstanceProfile.html',
    'https://docs.aws.amazon.com/dms/latest/userguide/instance-profiles.html',
  ],
  types: ['aws.dms.instance-profile'],
  // No live collector reads DMS: judged in templates only.
  sources: ['iac'],
  check(r) {
    const raw = known(r, 'PubliclyAccessible');
    if (raw === undefined || raw === null)
      return unknown(
        'PubliclyAccessible is not set and the documented defaults disagree (CloudFormation: false; the DMS API: true)',
        ev('PubliclyAccessible', null, false, 'omitted: the resource schema gives false, CreateInstanceProfile says "The default value is true"'),
      );
    const v = asBool(raw);
    if (v === undefined) return fail(`PubliclyAccessible ${text(raw)} is not a valid value`, ev('PubliclyAccessible', raw, false, notAValidValue('PubliclyAccessible', text(raw), 'true or false')));
    return v ? fail('the instance profile is publicly accessible (a public IP address)', ev('PubliclyAccessible', raw, false)) : pass('the instance profile has only a private IP address', ev('PubliclyAccessible', raw, false));
  },
});
