import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, get, must, ev, pass, fail, unknown, notApplicable, asArray, asRecord, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';

/**
 * An Amazon EFS volume of a task definition is mounted over NFS in plain text unless
 * `EFSVolumeConfiguration.TransitEncryption` is `ENABLED`: omitted, it is `DISABLED` (CloudFormation
 * reference, AWS::ECS::TaskDefinition EFSVolumeConfiguration: "If this parameter is omitted, the
 * default value of DISABLED is used"; the ECS API's EFSVolumeConfiguration says the same). An AWS Batch job
 * definition mounts EFS through the same ECS agent with the same switch and the same default (Batch API
 * EFSVolumeConfiguration: "If this parameter is omitted, the default value of DISABLED is used"), under
 * `ContainerProperties.Volumes[]`, `EcsProperties.TaskProperties[].Volumes[]` and each multi-node range's
 * `Container.Volumes[]`, spelt `EfsVolumeConfiguration`: judged alike.
 */
export default defineRule({
  id: 'tls-min/aws-ecs-task-definition-efs',
  control: 'tls-min',
  title: 'ECS tasks and Batch jobs mount EFS volumes with encryption in transit',
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
    'https://docs.aws.amazon.com/batch/latest/APIReference/API_EFSVolumeConfiguration.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-batch-jobdefinition-efsvolumeconfiguration.html',
  ],
  types: ['aws.ecs.task-definition', 'aws.batch.job-definition'],
  // The live ECS collector returns the volume, but no world in the test suite plants one yet: judged in templates
  // until a live task definition with an EFS volume is seeded (test/aws/e2e.test.ts asks each live rule for one).
  sources: ['iac'],
  check(r, { params }) {
    // (path prefix of a volume list, the list, the key of its EFS block)
    const lists: { base: string; volumes: unknown[]; key: string }[] = [];
    if (r.type === 'aws.batch.job-definition') {
      lists.push({ base: 'ContainerProperties.Volumes', volumes: asArray(known(r, 'ContainerProperties.Volumes')), key: 'EfsVolumeConfiguration' });
      asArray(known(r, 'EcsProperties.TaskProperties')).forEach((t, i) => lists.push({ base: `EcsProperties.TaskProperties[${i}].Volumes`, volumes: asArray(must(get(t, 'Volumes'), `EcsProperties.TaskProperties[${i}].Volumes`)), key: 'EfsVolumeConfiguration' }));
      asArray(known(r, 'NodeProperties.NodeRangeProperties')).forEach((n, i) => lists.push({ base: `NodeProperties.NodeRangeProperties[${i}].Container.Volumes`, volumes: asArray(must(get(n, 'Container.Volumes'), `NodeProperties.NodeRangeProperties[${i}].Container.Volumes`)), key: 'EfsVolumeConfiguration' }));
    } else lists.push({ base: 'Volumes', volumes: asArray(known(r, 'Volumes')), key: 'EFSVolumeConfiguration' });
    const verdicts: Verdict[] = [];
    let efs = 0;
    for (const { base, volumes, key } of lists) {
      volumes.forEach((v, i) => {
        const vol = asRecord(v);
        const cfg = vol[key];
        if (cfg === undefined || cfg === null) return;
        efs++;
        const name = typeof vol.Name === 'string' ? vol.Name : `${base}[${i}]`;
        const path = `${base}[${i}].${key}.TransitEncryption`;
        const raw = isUnresolved(cfg) ? cfg : asRecord(cfg).TransitEncryption;
        if (isUnresolved(raw)) {
          verdicts.push({ ...unknown(`cannot tell whether EFS volume ${name} is encrypted in transit`, ev(path, text(raw), 'ENABLED')), subId: name });
          return;
        }
        const value = raw === undefined ? 'DISABLED' : text(raw).toUpperCase();
        const item = ev(path, raw ?? null, 'ENABLED', raw === undefined ? 'omitted: DISABLED by default' : undefined);
        if (value !== 'ENABLED') verdicts.push({ ...fail(`EFS volume ${name} is mounted over plain NFS (TransitEncryption ${value})`, item), subId: name });
        else if (params.tlsMin === '1.3')
          verdicts.push({ ...unknown(`EFS volume ${name} is mounted over TLS, but the ${r.type === 'aws.batch.job-definition' ? 'job' : 'task'} definition does not set the TLS version the EFS client uses`, item, ev('(TLS versions)', 'not configurable', 'TLS 1.3 only')), subId: name });
      });
    }
    const key = lists[0]?.key ?? 'EFSVolumeConfiguration';
    if (efs === 0) return notApplicable('mounts no EFS volume', ev(lists[0]?.base ?? 'Volumes', lists.reduce((n, l) => n + l.volumes.length, 0), `an ${key}`));
    if (verdicts.length) return verdicts;
    return pass(`all ${efs} EFS volume(s) are mounted with encryption in transit`, ev(`${lists[0]?.base ?? 'Volumes'}[].${key}.TransitEncryption`, 'ENABLED', 'ENABLED'));
  },
});
