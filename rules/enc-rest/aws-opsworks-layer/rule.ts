import { defineRule } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, notApplicable, get, asArray, asBool, text } from '../../../src/evaluate/facts.js';
import { judgeUnencryptableVolumes } from '../_block-devices.js';

/**
 * An OpsWorks layer gives every instance in it the EBS volumes its VolumeConfigurations describe;
 * each has an Encrypted flag (default false). An unencrypted one is judged as an EBS volume the
 * template does not encrypt (../_block-devices.ts): encrypted only if EBS encryption by default is on.
 */
export default defineRule({
  id: 'enc-rest/aws-opsworks-layer',
  control: 'enc-rest',
  title: 'OpsWorks layers encrypt the EBS volumes they attach',
  severity: 'medium',
  risk: 'Every instance of the layer keeps its data on EBS volumes, and their snapshots, in the clear.',
  remediation: {
    text: 'Set Encrypted: true on every entry of VolumeConfigurations, and turn on EBS encryption by default. OpsWorks Stacks reached end of life in May 2024: move the workload to EC2 or Systems Manager.',
    cloudformation: 'VolumeConfigurations:\n  - { MountPoint: /srv/data, NumberOfDisks: 1, Size: 50, Encrypted: true }',
  },
  references: ['https://docs.aws.amazon.com/opsworks/latest/APIReference/API_VolumeConfiguration.html', 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
  types: ['aws.opsworks.layer'],
  // The live collector does not read OpsWorks.
  sources: ['iac'],
  check(r) {
    const configs = asArray(known(r, 'VolumeConfigurations'));
    if (configs.length === 0) return notApplicable('the layer attaches no EBS volumes (no VolumeConfigurations): its instances are judged on their own (enc-rest/aws-opsworks-instance)', ev('VolumeConfigurations', null));
    const bad: string[] = [];
    let invalid: unknown;
    const evidence = configs.map((c, i) => {
      const raw = must(get(c, 'Encrypted'), `VolumeConfigurations[${i}].Encrypted`);
      const b = asBool(raw);
      if (raw !== undefined && raw !== null && b === undefined) invalid ??= raw;
      if (b !== true) bad.push(String(must(get(c, 'MountPoint'), `VolumeConfigurations[${i}].MountPoint`) ?? `#${i}`));
      return ev(`VolumeConfigurations[${i}].Encrypted`, raw ?? null, true, raw === undefined ? 'omitted: not encrypted' : undefined);
    });
    if (bad.length === 0) return pass(`the layer encrypts every EBS volume it attaches (${configs.length})`, ...evidence);
    if (invalid !== undefined) return fail(`VolumeConfigurations Encrypted ${text(invalid)} is not a boolean: the volume is not shown encrypted`, ...evidence);
    return judgeUnencryptableVolumes(r, bad, 'OpsWorks layer', ...evidence);
  },
});
