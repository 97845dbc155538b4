/**
 * Stores that always encrypt at rest and take the key type as a setting of its
 * own (Step Functions Type, Managed Flink KeyType, HealthLake CmkType, Verified
 * Access CustomerManagedKeyEnabled, Synthetics EncryptionMode) beside the key.
 * Without a customer-managed-key claim the store passes on the service's own
 * statement and nothing is read (an unset parameter does not make a certain
 * pass unknown). Under the claim, the setting must choose the customer key and
 * name one that is not an AWS managed key (`alias/aws/…`).
 */
import type { Resource } from '../../src/model/resource.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import type { Parameters } from '../../src/evaluate/claims-profile.js';
import { known, ev, pass, fail, asBool, text } from '../../src/evaluate/facts.js';

/** A KMS alias reserved for AWS managed keys, written bare or as an alias ARN. */
const AWS_MANAGED_ALIAS = /(?:^|:)alias\/aws\//;

export interface ChosenKey {
  /** Where the service says so, for the evidence. */
  attested: string;
  /** The setting that chooses the key type, and what its omission means. */
  modePath: string;
  omitted: string;
  /** Values that choose a customer managed key, and the other valid values (`boolean`: true chooses it). */
  customer: string[] | 'boolean';
  others?: string[];
  keyPath: string;
}

export function judgeChosenKey(r: Resource, params: Parameters, o: ChosenKey): Verdict {
  const platform = ev('(platform)', 'always encrypted', undefined, `platform-attested: ${o.attested}`);
  if (!params.requireCustomerManagedKeys) return pass('always encrypted at rest', platform);
  const raw = known(r, o.modePath);
  const expected = o.customer === 'boolean' ? true : o.customer.join(' | ');
  if (raw === undefined || raw === null) return fail(`encrypted with ${o.omitted}, but the claim requires customer-managed keys`, platform, ev(o.modePath, null, expected, `omitted: ${o.omitted}`));
  let chosen: boolean | undefined;
  if (o.customer === 'boolean') chosen = asBool(raw);
  else if (typeof raw === 'string' && o.customer.includes(raw)) chosen = true;
  else if (typeof raw === 'string' && (o.others ?? []).includes(raw)) chosen = false;
  if (chosen === undefined) {
    const valid = o.customer === 'boolean' ? 'true, false' : [...o.customer, ...(o.others ?? [])].join(', ');
    return fail(`${o.modePath} ${text(raw)} is not a valid value`, ev(o.modePath, raw, expected, `valid values: ${valid}`));
  }
  if (!chosen) return fail('encrypted with a key the service owns or manages, but the claim requires customer-managed keys', platform, ev(o.modePath, raw, expected));
  const key = known(r, o.keyPath);
  if (key === undefined || key === null || key === '') return fail('a customer managed key is chosen but none is named', ev(o.modePath, raw), ev(o.keyPath, key ?? null, 'a customer-managed KMS key'));
  // An `alias/aws/…` key (by alias or alias ARN) is an AWS managed key, whatever the mode says (as judgePlatformEncrypted's managedKeyAlias).
  if (typeof key === 'string' && AWS_MANAGED_ALIAS.test(key.trim()))
    return fail('the key named is an AWS managed key (alias/aws/…), but the claim requires customer-managed keys', ev(o.modePath, raw), ev(o.keyPath, key, 'a customer-managed KMS key'));
  return pass('encrypted at rest with the customer managed key given', ev(o.modePath, raw), ev(o.keyPath, key));
}
