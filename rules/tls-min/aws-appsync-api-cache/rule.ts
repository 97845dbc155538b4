import { defineRule } from '../../../src/evaluate/rule.js';
import { appsyncCacheFlag, APPSYNC_CACHE_REFERENCES } from '../../cache-no-backup/_appsync-cache.js';

/** See ../../cache-no-backup/_appsync-cache.ts for how the flag is read (omitted: always encrypted now; false: fails). */
export default defineRule({
  id: 'tls-min/aws-appsync-api-cache',
  control: 'tls-min',
  title: 'AppSync API caches are encrypted in transit',
  severity: 'medium',
  risk: 'A cache created with TransitEncryptionEnabled false receives and returns cached GraphQL responses between AppSync and the cache nodes in plain text; the setting cannot be changed afterwards.',
  remediation: {
    text: 'Remove TransitEncryptionEnabled: false (or set it true) and replace the cache: the flag is fixed at creation.',
    cdk: "new appsync.CfnApiCache(this, 'Cache', { apiId: api.apiId, apiCachingBehavior: 'FULL_REQUEST_CACHING', type: 'SMALL', ttl: 300, transitEncryptionEnabled: true })",
    cloudformation: 'Type: AWS::AppSync::ApiCache\nProperties:\n  TransitEncryptionEnabled: true',
  },
  references: APPSYNC_CACHE_REFERENCES,
  types: ['aws.appsync.api-cache'],
  // No live collector reads AppSync.
  sources: ['iac'],
  check(r) {
    return appsyncCacheFlag(r, 'TransitEncryptionEnabled');
  },
});
