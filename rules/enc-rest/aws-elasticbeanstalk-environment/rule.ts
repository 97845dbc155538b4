import { defineRule } from '../../../src/evaluate/rule.js';
import type { Resource } from '../../../src/model/resource.js';
import type { Inventory } from '../../../src/model/inventory.js';
import { ev, pass, fail, unknown, must, get, asArray, asBool } from '../../../src/evaluate/facts.js';
import { isRef } from '../../../src/model/values.js';
import { beanstalkOptions, EB_OPTIONS_DOCS } from '../../https-redirect/_beanstalk.js';

/**
 * Beanstalk launches its instances from the platform AMI, whose snapshots are
 * not encrypted, and its options (RootVolumeType, RootVolumeSize,
 * BlockDeviceMappings) have no encryption setting: the root volume is encrypted
 * only when EBS encryption by default is on in the target account and region,
 * which a template cannot show. Same reading as an EC2 instance without block
 * device mappings (enc-rest/aws-ec2-instance).
 */
/**
 * A custom AMI built in the same template by EC2 Image Builder (`ImageId:
 * !GetAtt Image.ImageId`): its recipe's block device mappings say whether the
 * AMI's snapshots are encrypted. undefined when the AMI is not such an image.
 */
function builtImageEncryption(env: Resource, ami: unknown, inventory: Inventory): { encrypted: boolean; what: string; path: string } | undefined {
  if (!isRef(ami)) return undefined;
  const image = inventory.get(`${env.location.stack}/${ami.logicalId}`);
  if (image?.type !== 'aws.imagebuilder.image') return undefined;
  const recipeRef = get(image.properties, 'ImageRecipeArn');
  if (!isRef(recipeRef)) return undefined;
  const recipe = inventory.get(`${env.location.stack}/${recipeRef.logicalId}`);
  if (recipe?.type !== 'aws.imagebuilder.image-recipe') return undefined;
  const mappings = asArray(must(get(recipe.properties, 'BlockDeviceMappings'), `${recipeRef.logicalId}.BlockDeviceMappings`));
  const ebs = mappings.map((m, i) => ({ i, enc: must(get(m, 'Ebs.Encrypted'), `${recipeRef.logicalId}.BlockDeviceMappings[${i}].Ebs.Encrypted`), hasEbs: get(m, 'Ebs') !== undefined })).filter((m) => m.hasEbs);
  const what = `Image Builder image ${ami.label} (recipe ${recipeRef.label})`;
  const path = `${recipeRef.logicalId}.BlockDeviceMappings[].Ebs.Encrypted`;
  if (ebs.length === 0) return undefined;
  return { encrypted: ebs.every((m) => asBool(m.enc) === true), what, path };
}

export default defineRule({
  id: 'enc-rest/aws-elasticbeanstalk-environment',
  control: 'enc-rest',
  title: 'Elastic Beanstalk instance volumes are encrypted at rest',
  severity: 'medium',
  risk: 'The instances keep the application bundle, logs, temporary uploads and any local data on an unencrypted root volume.',
  remediation: {
    text: 'Turn on EBS encryption by default in every account and region that runs the environment (Beanstalk has no option to encrypt its volumes), or use a custom AMI with an encrypted root snapshot (aws:autoscaling:launchconfiguration ImageId).',
    cdk: "new elasticbeanstalk.CfnEnvironment(this, 'Env', { ..., optionSettings: [{ namespace: 'aws:autoscaling:launchconfiguration', optionName: 'ImageId', value: encryptedAmiId }] })",
    cloudformation: "OptionSettings:\n  - { Namespace: 'aws:autoscaling:launchconfiguration', OptionName: ImageId, Value: ami-with-encrypted-root }",
  },
  references: [EB_OPTIONS_DOCS, 'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html'],
  types: ['aws.elasticbeanstalk.environment'],
  // The live collector does not read Elastic Beanstalk.
  sources: ['iac'],
  check(r, { inventory }) {
    const o = beanstalkOptions(r, inventory);
    const image = o.get('aws:autoscaling:launchconfiguration', 'ImageId');
    if (image !== undefined) {
      const ami = must(image.value, image.path);
      const built = builtImageEncryption(r, ami, inventory);
      if (built?.encrypted === true) return pass(`the instances boot from ${built.what}, whose recipe encrypts every EBS volume`, ev(image.path, ami), ev(built.path, true, true));
      if (built?.encrypted === false) return fail(`the instances boot from ${built.what}, whose recipe leaves an EBS volume unencrypted`, ev(image.path, ami), ev(built.path, false, true));
      return unknown('the instances boot from a custom AMI: its root snapshot\'s encryption is not in the template', ev(image.path, ami));
    }
    return fail(
      'the instances boot from the platform AMI, whose root snapshot is unencrypted, and Beanstalk has no option to encrypt the volume: it is encrypted only if EBS encryption by default is on in the target account and region',
      ev('aws:autoscaling:launchconfiguration ImageId', null, 'an AMI with an encrypted root snapshot, or EBS encryption by default', 'omitted: the platform AMI'),
    );
  },
});
