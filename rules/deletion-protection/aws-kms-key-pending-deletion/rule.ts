import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail } from '../../../src/evaluate/facts.js';

/** FSBP KMS.3. Live only: a key scheduled for deletion takes everything it encrypted with it when the wait ends. */
export default defineRule({
  id: 'deletion-protection/aws-kms-key-pending-deletion',
  control: 'deletion-protection',
  title: 'No customer-managed KMS key is scheduled for deletion unnoticed',
  severity: 'high',
  risk: 'When the waiting period ends the key is gone, and every object, volume and backup it encrypted can never be decrypted again.',
  remediation: { text: 'If the key is still needed, cancel the deletion; if it is not, record why it is safe (suppress this finding with the reason).', cli: 'aws kms cancel-key-deletion --key-id KEY_ID' },
  references: ['https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html'],
  types: ['aws.kms.key'],
  sources: ['live'],
  check(r) {
    const state = known(r, 'Live.KeyState');
    const e = ev('Live.KeyState', state ?? null, 'not PendingDeletion', 'kms:DescribeKey');
    if (state === undefined) return { status: 'unknown', message: 'kms:DescribeKey did not report the key state', evidence: [e] };
    return state === 'PendingDeletion' || state === 'PendingReplicaDeletion' ? fail(`the key is ${String(state)}`, e) : pass(`the key is ${String(state)}`, e);
  },
});
