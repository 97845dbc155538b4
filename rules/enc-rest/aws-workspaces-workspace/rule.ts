import { defineRule } from '../../../src/evaluate/rule.js';
import { get, asBool, ev, pass, fail, unknown, text } from '../../../src/evaluate/facts.js';
import { isUnresolved } from '../../../src/model/values.js';
import type { EvidenceItem } from '../../../src/evaluate/rule.js';

const VOLUMES = [
  { path: 'RootVolumeEncryptionEnabled', name: 'root volume (C: or /)' },
  { path: 'UserVolumeEncryptionEnabled', name: 'user volume (D: or /home)' },
] as const;

/**
 * A WorkSpace's root and user volumes are encrypted only when asked: both flags default
 * to false, and encryption can be chosen only when the WorkSpace is created (Security Hub
 * WorkSpaces.1 and .2). With a flag on and no VolumeEncryptionKey, the AWS managed key
 * aws/workspaces is used.
 */
export default defineRule({
  id: 'enc-rest/aws-workspaces-workspace',
  control: 'enc-rest',
  title: 'WorkSpaces encrypt their root and user volumes (with a customer-managed key when the claim asks)',
  severity: 'medium',
  risk: "A WorkSpace without volume encryption keeps the user's desktop, profile, downloads and cached credentials on unencrypted EBS volumes; encryption cannot be added to an existing WorkSpace.",
  remediation: {
    text: 'Create the WorkSpace with RootVolumeEncryptionEnabled: true and UserVolumeEncryptionEnabled: true (and VolumeEncryptionKey for a customer-managed key); an existing WorkSpace must be rebuilt as a new, encrypted one.',
    cdk: "new workspaces.CfnWorkspace(this, 'Desk', { bundleId, directoryId, userName, rootVolumeEncryptionEnabled: true, userVolumeEncryptionEnabled: true, volumeEncryptionKey: key.keyArn })",
    cloudformation: 'Type: AWS::WorkSpaces::Workspace\nProperties:\n  RootVolumeEncryptionEnabled: true\n  UserVolumeEncryptionEnabled: true\n  VolumeEncryptionKey: !GetAtt DeskKey.Arn',
  },
  references: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-workspaces-workspace.html',
    'https://docs.aws.amazon.com/workspaces/latest/adminguide/encrypt-workspaces.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/workspaces-controls.html',
  ],
  types: ['aws.workspaces.workspace'],
  // The live collector does not read WorkSpaces.
  sources: ['iac'],
  check(r, { params }) {
    const off: EvidenceItem[] = [];
    const open: EvidenceItem[] = [];
    const on: EvidenceItem[] = [];
    for (const v of VOLUMES) {
      const raw = get(r.properties, v.path);
      if (isUnresolved(raw)) open.push(ev(v.path, raw, true));
      else if (asBool(raw) === true) on.push(ev(v.path, raw, true));
      else off.push(ev(v.path, raw ?? null, true, raw === undefined ? `omitted: the ${v.name} is not encrypted by default` : asBool(raw) === false ? undefined : `${text(raw)} is not a valid value (true or false)`));
    }
    const names = (items: EvidenceItem[]) => items.map((e) => VOLUMES.find((v) => v.path === e.path)!.name).join(' and ');
    if (off.length) return fail(`the ${names(off)} ${off.length > 1 ? 'are' : 'is'} not encrypted at rest`, ...off, ...open, ...on);
    if (open.length) return unknown(`whether the ${names(open)} ${open.length > 1 ? 'are' : 'is'} encrypted depends on ${open.map((e) => text(e.observed)).join(', ')}`, ...open, ...on);
    const key = get(r.properties, 'VolumeEncryptionKey');
    if (params.requireCustomerManagedKeys) {
      if (isUnresolved(key)) return unknown('the KMS key comes from a value the template does not settle: whether it is customer-managed is not known', ...on, ev('VolumeEncryptionKey', key, 'a customer-managed KMS key'));
      if (key === undefined || key === null || key === '' || /alias\/aws\/workspaces$/.test(text(key)))
        return fail('volumes are encrypted with the AWS managed key aws/workspaces, but the claim requires customer-managed keys', ...on, ev('VolumeEncryptionKey', key ?? null, 'a customer-managed KMS key'));
    }
    return pass(`root and user volumes encrypted (${key === undefined ? 'AWS managed key aws/workspaces' : 'the KMS key given'})`, ...on, ev('VolumeEncryptionKey', key ?? null));
  },
});
