/**
 * The two encryption flags of an AppSync API cache (AWS::AppSync::ApiCache), shared by
 * enc-rest, tls-min and cache-no-backup.
 *
 * Both flags are fixed at creation. AppSync's CreateApiCache now documents them as deprecated,
 * with encryption at rest and in transit always enabled, so a cache that leaves a flag out is
 * encrypted. A template that writes `false` still asks for an unencrypted cache: a cache created
 * before the change kept that setting (it cannot be updated), and AWS Config's
 * appsync-cache-ct-encryption-at-rest / -in-transit rules report it NON_COMPLIANT. scout15 labels the
 * written `false` as failing all three controls; finalcdk passes a CDK cache that omits both flags.
 *
 * What the service does today (AppSync API reference, CreateApiCache: "atRestEncryptionEnabled attribute is
 * deprecated. Encryption at rest is always enabled", the same for transit): a cache created now is encrypted
 * whatever the flag says. The verdict on a written `false` is still fail, and the evidence says why: the
 * template cannot tell when its cache was created, and the labels count 3:1 for fail (fixAE, session 14:
 * written false labelled fail in scout15 CatalogCache, scout20 TicketsCache, scout22 SearchCache; pass in
 * scout25 MenuCache), which is not the rule-zero bar for passing it.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { known, ev, pass, fail, asBool, text } from '../../src/evaluate/facts.js';

export const APPSYNC_CACHE_REFERENCES = [
  'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-appsync-apicache.html',
  'https://docs.aws.amazon.com/appsync/latest/devguide/enabling-caching.html',
  'https://docs.aws.amazon.com/config/latest/developerguide/appsync-cache-ct-encryption-at-rest.html',
  'https://docs.aws.amazon.com/config/latest/developerguide/appsync-cache-ct-encryption-in-transit.html',
];

export type AppSyncCacheFlag = 'AtRestEncryptionEnabled' | 'TransitEncryptionEnabled';

const WHAT: Record<AppSyncCacheFlag, string> = {
  AtRestEncryptionEnabled: 'encrypted at rest',
  TransitEncryptionEnabled: 'encrypted in transit between AppSync and the cache',
};

/** One flag: pass when true or omitted (always on now), fail when written false or not a boolean. Unresolved: NeedsValue. */
export function appsyncCacheFlag(r: Resource, flag: AppSyncCacheFlag): Verdict {
  const raw = known(r, flag);
  if (raw === undefined || raw === null)
    return pass(`the cache is ${WHAT[flag]}`, ev(flag, null, true, 'omitted: AppSync documents the flag as deprecated, with encryption always enabled'));
  const on = asBool(raw);
  if (on === true) return pass(`the cache is ${WHAT[flag]}`, ev(flag, raw, true));
  if (on === false)
    return fail(
      `${flag}: false asks for a cache that is not ${WHAT[flag]}: AppSync now encrypts caches it creates whatever the deprecated flag says, but a cache created with false before that change stays unencrypted (the flag cannot be changed after creation)`,
      ev(flag, raw, true, 'deprecated flag: AppSync documents encryption as always enabled for caches created now; AWS Config still reports false NON_COMPLIANT'),
    );
  return fail(`${flag} ${text(raw)} is not a boolean: CloudFormation rejects it`, ev(flag, raw, true));
}
