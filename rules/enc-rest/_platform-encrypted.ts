/**
 * Stores the service always encrypts at rest (MemoryDB, Timestream, FSx,
 * Amazon MQ, Keyspaces, Kinesis Video): nothing in a template can turn the
 * encryption off, so the rule passes with the service's own statement as
 * evidence. What a claim can still ask for is a customer-managed KMS key; the
 * key property is read only then, so a key from an unset parameter does not
 * make an otherwise certain pass unknown.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import type { Parameters } from '../../src/evaluate/claims-profile.js';
import { known, ev, pass, fail } from '../../src/evaluate/facts.js';

export interface PlatformEncryption {
  /** Where the service says so, for the evidence ('MemoryDB Developer Guide: "at-rest encryption is always enabled"'). */
  attested: string;
  /** The property naming a customer-managed key, when the service takes one. */
  keyPath?: string;
  /** Why no customer key is possible, when keyPath is absent or this resource cannot take one. */
  noCustomerKey?: string;
}

export function judgePlatformEncrypted(r: Resource, params: Parameters, o: PlatformEncryption): Verdict {
  const platform = ev('(platform)', 'always encrypted', undefined, `platform-attested: ${o.attested}`);
  if (!params.requireCustomerManagedKeys) return pass('always encrypted at rest', platform);
  if (!o.keyPath || o.noCustomerKey)
    return fail(`always encrypted, but ${o.noCustomerKey ?? 'the service offers no customer-managed key'}, and the claim requires customer-managed keys`, platform);
  const key = known(r, o.keyPath);
  if (key === undefined || key === null || key === '')
    return fail('encrypted with a key the service manages, but the claim requires customer-managed keys', platform, ev(o.keyPath, null, 'a customer-managed KMS key'));
  return pass('always encrypted at rest, with the KMS key given', platform, ev(o.keyPath, key));
}
