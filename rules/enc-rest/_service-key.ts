/**
 * Services that always encrypt what they store, with a key the service manages unless a
 * KMS key is named (CloudWatch Logs, Secrets Manager, SageMaker endpoints and domains,
 * CloudTrail Lake): encryption at rest holds whatever the template says, and only a
 * claim that requires customer-managed keys can fail. One reading for all of them.
 */
import { get, ev, pass, fail, unknown, text } from '../../src/evaluate/facts.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { isUnresolved } from '../../src/model/values.js';

export interface ServiceKeyFacts {
  /** The property naming the KMS key (`KmsKeyId`). */
  path: string;
  /** What is encrypted, for messages: `log data`, `the secret value`. */
  what: string;
  /** The key used when none is named, as the service documents it. */
  defaultKey: string;
  /** An alias that names the AWS managed key when written out (`alias/aws/secretsmanager`). */
  managedAlias?: string;
}

export function judgeServiceKey(properties: unknown, facts: ServiceKeyFacts, requireCustomerManagedKeys: boolean | undefined): Verdict {
  const key = get(properties, facts.path);
  if (isUnresolved(key)) {
    // Encryption does not depend on the key: a key from a parameter only leaves open whose key it is.
    if (requireCustomerManagedKeys) return unknown('the KMS key comes from a value the template does not settle: whether it is customer-managed is not known', ev(facts.path, key, 'a customer-managed KMS key'));
    return pass(`${facts.what} encrypted at rest with the KMS key given`, ev(facts.path, key));
  }
  const named = key !== undefined && key !== null && key !== '' && !(facts.managedAlias && text(key).endsWith(facts.managedAlias));
  if (named) return pass(`${facts.what} encrypted at rest with the KMS key given`, ev(facts.path, key));
  const evidence = ev(facts.path, key ?? null, requireCustomerManagedKeys ? 'a customer-managed KMS key' : undefined, key === undefined || key === null || key === '' ? `omitted: ${facts.defaultKey}` : `${text(key)} is the AWS managed key`);
  return requireCustomerManagedKeys
    ? fail(`${facts.what} is encrypted with a key AWS manages, but the claim requires customer-managed keys`, evidence)
    : pass(`${facts.what} encrypted at rest (${facts.defaultKey.replace(/^[^:]*: /, '')})`, evidence);
}
