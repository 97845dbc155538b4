import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable } from '../../../src/evaluate/facts.js';

export default defineRule({
  id: 'enc-rest/aws-kms-key',
  control: 'enc-rest',
  title: 'KMS keys that encrypt data are AES-256 (SYMMETRIC_DEFAULT)',
  severity: 'low',
  risk: 'An "AES-256 at rest" promise holds for KMS-encrypted stores only when the key is a symmetric AES-256-GCM key.',
  remediation: {
    text: 'Use KeySpec SYMMETRIC_DEFAULT (the default) with KeyUsage ENCRYPT_DECRYPT for keys that protect stored data.',
    cdk: "new kms.Key(this, 'DataKey', { keySpec: kms.KeySpec.SYMMETRIC_DEFAULT, enableKeyRotation: true })",
    cloudformation: 'Type: AWS::KMS::Key\nProperties:\n  KeySpec: SYMMETRIC_DEFAULT\n  KeyUsage: ENCRYPT_DECRYPT',
  },
  references: ['https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html'],
  types: ['aws.kms.key'],
  sources: ['iac', 'live'],
  check(r) {
    const spec = known(r, 'KeySpec');
    const usage = known(r, 'KeyUsage');
    // (usage matters only for asymmetric keys: symmetric keys always encrypt/decrypt)
    const s = typeof spec === 'string' && spec !== '' ? spec : 'SYMMETRIC_DEFAULT';
    const note = spec === undefined ? 'omitted: KMS creates SYMMETRIC_DEFAULT keys (AES-256-GCM)' : undefined;
    if (s === 'SYMMETRIC_DEFAULT') return pass('symmetric AES-256-GCM key', ev('KeySpec', spec ?? null, 'SYMMETRIC_DEFAULT', note));
    // RSA/SM2 keys default to, and may be set to, ENCRYPT_DECRYPT: they encrypt data, but not with AES-256.
    const u = typeof usage === 'string' && usage !== '' ? usage : 'ENCRYPT_DECRYPT';
    if (u === 'ENCRYPT_DECRYPT' && /^(RSA_|SM2)/.test(s))
      return fail(
        `key spec ${s} encrypts data with an asymmetric algorithm, not AES-256`,
        ev('KeySpec', s, 'SYMMETRIC_DEFAULT'),
        ev('KeyUsage', usage ?? null, undefined, usage === undefined ? 'omitted: asymmetric RSA/SM2 keys default to ENCRYPT_DECRYPT' : undefined),
      );
    return notApplicable(
      `key spec ${s} (usage ${String(usage ?? 'default')}) is an asymmetric or HMAC key: it signs, verifies or wraps, and does not encrypt stored data`,
      ev('KeySpec', s, 'SYMMETRIC_DEFAULT for data-encryption keys', 'not a data-encryption key: the AES-256 promise does not apply to it'),
    );
  },
});
