import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, notApplicable, asArray, asRecord, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';

/**
 * An Amazon EFS volume of a task definition is mounted over NFS in plain text unless
 * `EFSVolumeConfiguration.TransitEncryption` is `ENABLED`: omitted, it is `DISABLED` (CloudFormation
 * reference, AWS::ECS::TaskDefinition EFSVolumeConfiguration: "If this parameter is omitted, the
 * default value of DISABLED is used"; the ECS API's EFSVolumeConfiguration says the same).
 */
export default defineRule({
  id: 'tls-min/aws-ecs-task-definition-efs',
  control: 'tls-min',
  title: 'ECS tasks mount EFS volumes with encryption in transit',
  severity: 'medium',
  risk: 'Without transit encryption the task reads and writes the file system over plain NFS: anyone on the network path can read or alter the files.',
  remediation: {
    text: 'Set Volumes[].EFSVolumeConfiguration.TransitEncryption to ENABLED (required anyway for IAM authorization or an access point).',
    cdk: "taskDefinition.addVolume({ name: 'assets', efsVolumeConfiguration: { fileSystemId: fs.fileSystemId, transitEncryption: 'ENABLED' } })",
    cloudformation: 'Volumes:\n  - Name: assets\n    EFSVolumeConfiguration:\n      FilesystemId: !Ref FileSystem\n      TransitEncryption: ENABLED',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-taskdefinition-efsvolumeconfiguration.html',
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html',
  ],
  types: ['aws.ecs.task-definition'],
  // The live ECS collector returns the volume, but no world in the test suite plants one yet: judged in templates
  // until a live task definition with an EFS volume is seeded (test/aws/e2e.test.ts asks each live rule for one).
  sources: ['iac'],
  check(r, { params }) {
    const volumes = asArray(known(r, 'Volumes'));
    const verdicts: Verdict[] = [];
    let efs = 0;
    volumes.forEach((v, i) => {
      const vol = asRecord(v);
      const cfg = vol.EFSVolumeConfiguration;
      if (cfg === undefined || cfg === null) return;
      efs++;
      const name = typeof vol.Name === 'string' ? vol.Name : `#${i}`;
      const path = `Volumes[${i}].EFSVolumeConfiguration.TransitEncryption`;
      const raw = isUnresolved(cfg) ? cfg : asRecord(cfg).TransitEncryption;
      if (isUnresolved(raw)) {
        verdicts.push({ ...unknown(`cannot tell whether EFS volume ${name} is encrypted in transit`, ev(path, text(raw), 'ENABLED')), subId: name });
        return;
      }
      const value = raw === undefined ? 'DISABLED' : text(raw).toUpperCase();
      const item = ev(path, raw ?? null, 'ENABLED', raw === undefined ? 'omitted: DISABLED by default' : undefined);
      if (value !== 'ENABLED') verdicts.push({ ...fail(`EFS volume ${name} is mounted over plain NFS (TransitEncryption ${value})`, item), subId: name });
      else if (params.tlsMin === '1.3')
        verdicts.push({ ...unknown(`EFS volume ${name} is mounted over TLS, but the task definition does not set the TLS version the EFS client uses`, item, ev('(TLS versions)', 'not configurable', 'TLS 1.3 only')), subId: name });
    });
    if (efs === 0) return notApplicable('mounts no EFS volume', ev('Volumes', volumes.length, 'an EFSVolumeConfiguration'));
    if (verdicts.length) return verdicts;
    return pass(`all ${efs} EFS volume(s) are mounted with encryption in transit`, ev('Volumes[].EFSVolumeConfiguration.TransitEncryption', 'ENABLED', 'ENABLED'));
  },
});
