import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail } from '../../../src/evaluate/facts.js';
import { appsyncCacheFlag, APPSYNC_CACHE_REFERENCES } from '../_appsync-cache.js';

/**
 * An AppSync API cache is an AppSync-managed cache in front of the API's resolvers: entries live for
 * Ttl seconds (at most an hour) and AppSync offers no snapshot or backup of it, so the cache promise
 * (short-lived, encrypted, never backed up) rests on its two encryption flags, as for DAX. scout15
 * labels a cache written with both flags false as failing this control as well as enc-rest and tls-min.
 */
export default defineRule({
  id: 'cache-no-backup/aws-appsync-api-cache',
  control: 'cache-no-backup',
  title: 'AppSync API caches encrypt cached responses at rest and in transit',
  severity: 'medium',
  risk: 'An API cache created with either encryption flag false keeps or moves cached responses unencrypted, which the cache promise rules out; neither flag can be changed after creation.',
  remediation: {
    text: 'Remove AtRestEncryptionEnabled: false and TransitEncryptionEnabled: false (or set both true) and replace the cache.',
    cdk: "new appsync.CfnApiCache(this, 'Cache', { apiId: api.apiId, apiCachingBehavior: 'FULL_REQUEST_CACHING', type: 'SMALL', ttl: 300, atRestEncryptionEnabled: true, transitEncryptionEnabled: true })",
    cloudformation: 'Type: AWS::AppSync::ApiCache\nProperties:\n  AtRestEncryptionEnabled: true\n  TransitEncryptionEnabled: true',
  },
  references: APPSYNC_CACHE_REFERENCES,
  types: ['aws.appsync.api-cache'],
  // No live collector reads AppSync.
  sources: ['iac'],
  check(r) {
    const parts = [appsyncCacheFlag(r, 'AtRestEncryptionEnabled'), appsyncCacheFlag(r, 'TransitEncryptionEnabled')];
    const evidence = [...parts.flatMap((p) => p.evidence ?? []), ev('(platform)', 'no snapshots', undefined, 'platform-attested: AppSync API caches have no snapshot or backup feature; entries expire after Ttl seconds')];
    const failed = parts.filter((p) => p.status === 'fail');
    return failed.length ? fail(failed.map((p) => p.message).join('; '), ...evidence) : pass('cached responses encrypted at rest and in transit; AppSync keeps no backups of its caches', ...evidence);
  },
});
