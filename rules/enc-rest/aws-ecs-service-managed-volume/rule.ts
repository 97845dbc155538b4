import { defineRule } from '../../../src/evaluate/rule.js';
import type { Verdict } from '../../../src/evaluate/rule.js';
import { known, must, ev, pass, fail, unknown, notApplicable, asArray, asRecord, asBool, text } from '../../../src/evaluate/facts.js';

/**
 * An ECS service can have ECS create an EBS volume for each task
 * (VolumeConfigurations[].ManagedEBSVolume). Like AWS::EC2::Volume, the volume
 * is encrypted only when Encrypted is true or EBS encryption by default is on
 * in the account and region, which a template cannot show; a volume created
 * from a snapshot takes the snapshot's encryption.
 */
export default defineRule({
  id: 'enc-rest/aws-ecs-service-managed-volume',
  control: 'enc-rest',
  title: 'EBS volumes that ECS services attach to their tasks are encrypted',
  severity: 'high',
  risk: 'Each task of the service gets a fresh EBS volume holding whatever the task writes; unencrypted, that data and any snapshot of it sit in the clear.',
  remediation: {
    text: 'Set Encrypted: true on every ManagedEBSVolume of the service (with KmsKeyId where the claim requires customer-managed keys), and turn on EBS encryption by default.',
    cdk: "new ecs.ServiceManagedVolume(this, 'Scratch', { name: 'scratch', managedEBSVolume: { size: cdk.Size.gibibytes(20), encrypted: true, kmsKeyId: key } })",
    cloudformation: 'VolumeConfigurations:\n  - Name: scratch\n    ManagedEBSVolume:\n      RoleArn: !GetAtt EcsInfraRole.Arn\n      SizeInGiB: "20"\n      Encrypted: true',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecs-service-servicemanagedebsvolumeconfiguration.html',
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ebs-kms-encryption.html',
  ],
  types: ['aws.ecs.service'],
  // The live ECS collector does not read volume configurations: judged in templates only.
  sources: ['iac'],
  check(r, { params }) {
    const configs = asArray(known(r, 'VolumeConfigurations'));
    if (!configs.length) return notApplicable('the service has ECS create no EBS volumes', ev('VolumeConfigurations', null));
    return configs.map((c, i): Verdict & { subId: string } => {
      const base = `VolumeConfigurations[${i}]`;
      const rec = asRecord(must(c, base));
      const name = text(rec.Name ?? i);
      const withSub = (v: Verdict) => ({ ...v, subId: `VolumeConfigurations[${name}]` });
      const vol = must(rec.ManagedEBSVolume, `${base}.ManagedEBSVolume`);
      if (vol === undefined || vol === null) return withSub(notApplicable(`volume ${name} names no managed EBS volume`, ev(`${base}.ManagedEBSVolume`, null)));
      const v = asRecord(vol);
      const path = `${base}.ManagedEBSVolume.Encrypted`;
      const raw = must(v.Encrypted, path);
      const on = raw === undefined || raw === null ? undefined : asBool(raw);
      if (raw !== undefined && raw !== null && on === undefined) return withSub(fail(`volume ${name}: Encrypted ${text(raw)} is not a valid value`, ev(path, raw, true, 'valid values: true, false')));
      if (on === true) {
        if (!params.requireCustomerManagedKeys) return withSub(pass(`volume ${name} is encrypted`, ev(path, raw, true)));
        const key = must(v.KmsKeyId, `${base}.ManagedEBSVolume.KmsKeyId`);
        if (key === undefined || key === null || key === '')
          return withSub(fail(`volume ${name} is encrypted with the account's default EBS key, but the claim requires customer-managed keys`, ev(path, raw, true), ev(`${base}.ManagedEBSVolume.KmsKeyId`, null, 'a customer-managed KMS key', "omitted: EBS uses the account's default EBS key, aws/ebs unless changed")));
        return withSub(pass(`volume ${name} is encrypted with the KMS key given`, ev(path, raw, true), ev(`${base}.ManagedEBSVolume.KmsKeyId`, key)));
      }
      const snapshot = must(v.SnapshotId, `${base}.ManagedEBSVolume.SnapshotId`);
      if (on === undefined && snapshot !== undefined && snapshot !== null)
        return withSub(unknown(`volume ${name} is created from snapshot ${text(snapshot)}, whose encryption it takes; the template does not show it`, ev(path, null, true), ev(`${base}.ManagedEBSVolume.SnapshotId`, snapshot)));
      if (on === undefined)
        return withSub(fail(`the template does not encrypt volume ${name}; it is encrypted only if EBS encryption by default is on in the target account and region`, ev(path, null, true, 'omitted: depends on the account-level EBS encryption-by-default setting, which the template cannot show')));
      return withSub(fail(`volume ${name} is not encrypted (Encrypted false; only EBS encryption by default would override it)`, ev(path, raw, true)));
    });
  },
});
