import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, unknown, get, asArray, text } from '../../../src/evaluate/facts.js';
import { isRef } from '../../../src/model/values.js';
import { notAValidValue } from '../../../src/lib/tls.js';
import { judgeUnencryptableVolumes } from '../_block-devices.js';

/**
 * OpsWorks Stacks launches its instances itself, and its API has no encryption option for the
 * volumes it creates: the EBS root device (RootDeviceType ebs) and the EBS block device mappings
 * (their EbsBlockDevice has no Encrypted field) are encrypted only when EBS encryption by default is
 * on (../_block-devices.ts). An instance-store root is not an EBS volume. RootDeviceType omitted
 * takes the stack's DefaultRootDeviceType, whose default is instance-store. The layer's EBS volumes
 * (VolumeConfigurations) are judged on the layer (enc-rest/aws-opsworks-layer); registered volumes
 * (Volumes) where they are defined.
 */
export default defineRule({
  id: 'enc-rest/aws-opsworks-instance',
  control: 'enc-rest',
  title: 'OpsWorks instances create no unencrypted EBS volumes',
  severity: 'medium',
  risk: 'The instance keeps the application, its logs and local data on EBS volumes that are unencrypted unless the account encrypts EBS by default.',
  remediation: {
    text: 'Turn on EBS encryption by default in every account and region that runs the stack (OpsWorks has no option to encrypt the volumes it creates), or keep data on encrypted layer volumes (VolumeConfigurations with Encrypted: true). OpsWorks Stacks reached end of life in May 2024: move the workload to EC2 or Systems Manager.',
    cloudformation: "Layer:\n  Type: AWS::OpsWorks::Layer\n  Properties:\n    VolumeConfigurations:\n      - { MountPoint: /srv/data, NumberOfDisks: 1, Size: 50, Encrypted: true }",
  },
  references: ['https://docs.aws.amazon.com/opsworks/latest/APIReference/API_CreateInstance.html', 'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html'],
  types: ['aws.opsworks.instance'],
  // The live collector does not read OpsWorks.
  sources: ['iac'],
  check(r, { inventory }) {
    const own = known(r, 'RootDeviceType');
    let root = own;
    let rootPath = 'RootDeviceType';
    if (own === undefined || own === null) {
      const stackId = known(r, 'StackId');
      const stack = isRef(stackId) ? inventory.get(`${r.location.stack}/${stackId.logicalId}`) : undefined;
      if (stack?.type !== 'aws.opsworks.stack')
        return unknown('RootDeviceType is omitted and the OpsWorks stack is not in this template: its DefaultRootDeviceType decides the root device', ev('StackId', stackId));
      rootPath = `Stack(${stack.location.logicalId ?? ''}).DefaultRootDeviceType`;
      root = must(get(stack.properties, 'DefaultRootDeviceType'), rootPath) ?? 'instance-store';
    }
    const kind = typeof root === 'string' ? root.toLowerCase() : root;
    if (kind !== 'ebs' && kind !== 'instance-store')
      return fail(`the root device type ${text(root)} is not a valid value: whether the root device is an EBS volume is not settled`, ev(rootPath, root, 'ebs or instance-store', notAValidValue('RootDeviceType', text(root), 'ebs or instance-store')));
    const volumes: string[] = [];
    const evidence = [ev(rootPath, root, undefined, own === undefined || own === null ? 'RootDeviceType omitted: the stack default (instance-store unless the stack says otherwise)' : undefined)];
    if (kind === 'ebs') {
      volumes.push('the root device');
      // As for an EC2 instance: a custom AMI's root snapshot may be encrypted, which the template does not show.
      const ami = known(r, 'AmiId');
      if (ami !== undefined && ami !== null) evidence.push(ev('AmiId', ami, undefined, 'a custom AMI: its root volume is encrypted only if the AMI snapshot is, which the template does not show'));
    }
    asArray(known(r, 'BlockDeviceMappings')).forEach((m, i) => {
      const ebs = must(get(m, 'Ebs'), `BlockDeviceMappings[${i}].Ebs`);
      if (ebs === undefined || ebs === null) return; // instance store (VirtualName) or NoDevice
      volumes.push(String(must(get(m, 'DeviceName'), `BlockDeviceMappings[${i}].DeviceName`) ?? `#${i}`));
      evidence.push(ev(`BlockDeviceMappings[${i}].Ebs`, ebs, undefined, 'OpsWorks EBS block devices have no encryption option'));
    });
    if (volumes.length === 0) return pass('the instance has an instance-store root and maps no EBS volumes of its own', ...evidence);
    return judgeUnencryptableVolumes(r, volumes, 'OpsWorks instance', ...evidence);
  },
});
