import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, unknown, notApplicable, asBool } from '../../../src/evaluate/facts.js';

/**
 * CIS AWS 3.6 / FSBP KMS.4. Live: `EnableKeyRotation` is kms:GetKeyRotationStatus,
 * read for customer-managed symmetric keys (AWS-managed keys rotate by design and are not collected).
 */
export default defineRule({
  id: 'enc-rest/aws-kms-key-rotation',
  control: 'enc-rest',
  title: 'Customer-managed symmetric KMS keys rotate their key material automatically',
  severity: 'medium',
  risk: 'Key material that never rotates stays in use for every object it ever encrypted; a leaked or weakened key exposes all of it.',
  remediation: {
    text: 'Turn on automatic rotation for customer-managed symmetric keys (yearly by default, or a shorter RotationPeriodInDays).',
    cdk: "new kms.Key(this, 'DataKey', { enableKeyRotation: true })",
    cloudformation: 'Type: AWS::KMS::Key\nProperties:\n  EnableKeyRotation: true',
    cli: 'aws kms enable-key-rotation --key-id KEY_ID',
  },
  references: ['https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html'],
  types: ['aws.kms.key'],
  sources: ['iac', 'live'],
  check(r) {
    const spec = known(r, 'KeySpec');
    if (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT')
      return notApplicable(`key spec ${String(spec)}: only symmetric encryption keys rotate automatically`, ev('KeySpec', spec, 'SYMMETRIC_DEFAULT'));
    if (r.source === 'live') {
      const state = known(r, 'Live.KeyState');
      if (state === 'PendingDeletion' || state === 'PendingReplicaDeletion') return notApplicable(`key is ${String(state)}`, ev('Live.KeyState', state));
      const origin = known(r, 'Live.Origin');
      if (origin === 'EXTERNAL' || origin === 'AWS_CLOUDHSM' || origin === 'EXTERNAL_KEY_STORE')
        return notApplicable(`key material origin ${String(origin)} cannot rotate automatically (rotate it by hand)`, ev('Live.Origin', origin));
    }
    const raw = known(r, 'EnableKeyRotation');
    const on = raw === undefined ? (r.source === 'iac' ? false : undefined) : asBool(raw);
    const note = raw === undefined && r.source === 'iac' ? 'omitted: AWS::KMS::Key EnableKeyRotation defaults to false' : r.source === 'live' ? 'kms:GetKeyRotationStatus KeyRotationEnabled' : undefined;
    const e = ev('EnableKeyRotation', raw ?? null, true, note);
    if (on === true) return pass('automatic key rotation is on', e);
    if (on === false) return fail('automatic key rotation is off', e);
    return unknown('the key rotation status was not read', e);
  },
});
