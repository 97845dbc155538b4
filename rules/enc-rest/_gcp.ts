/** Google default encryption at rest: what every GCP enc-rest rule says when no customer key is set. */
import { ev, fail, pass } from '../../src/evaluate/facts.js';
import type { Verdict } from '../../src/evaluate/rule.js';

export const GOOGLE_DEFAULT_NOTE =
  'Google encrypts all customer data at rest with AES-256 by default (platform-attested: cloud.google.com/docs/security/encryption/default-encryption); there is no unencrypted state';

/** Verdict for a store whose customer-managed key (if any) is `key` at `path`. */
export function gcpAtRest(what: string, path: string, key: unknown, requireCmek: boolean, kind = 'CMEK'): Verdict {
  if (typeof key === 'string' && key) return pass(`${what} is encrypted with a customer-managed key (${kind})`, ev(path, key, 'AES-256 (Google default or customer-managed key)'));
  if (requireCmek)
    return fail(`${what} uses Google default encryption (AES-256), but the claim requires customer-managed keys`, ev(path, null, 'a Cloud KMS key', GOOGLE_DEFAULT_NOTE));
  return pass(`${what} is encrypted with Google default encryption (AES-256, platform-attested)`, ev(path, null, 'AES-256 (Google default or customer-managed key)', GOOGLE_DEFAULT_NOTE));
}
