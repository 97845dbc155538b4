import { defineRule } from '../../../src/evaluate/rule.js';
import { appsyncCacheFlag, APPSYNC_CACHE_REFERENCES } from '../../cache-no-backup/_appsync-cache.js';

/** See ../../cache-no-backup/_appsync-cache.ts for how the flag is read (omitted: always encrypted now; false: fails). */
export default defineRule({
  id: 'enc-rest/aws-appsync-api-cache',
  control: 'enc-rest',
  title: 'AppSync API caches are encrypted at rest',
  severity: 'medium',
  risk: 'A cache created with AtRestEncryptionEnabled false keeps cached GraphQL responses on unencrypted storage for as long as it exists; the setting cannot be changed afterwards.',
  remediation: {
    text: 'Remove AtRestEncryptionEnabled: false (or set it true) and replace the cache: the flag is fixed at creation.',
    cdk: "new appsync.CfnApiCache(this, 'Cache', { apiId: api.apiId, apiCachingBehavior: 'FULL_REQUEST_CACHING', type: 'SMALL', ttl: 300, atRestEncryptionEnabled: true, transitEncryptionEnabled: true })",
    cloudformation: 'Type: AWS::AppSync::ApiCache\nProperties:\n  AtRestEncryptionEnabled: true\n  TransitEncryptionEnabled: true',
  },
  references: APPSYNC_CACHE_REFERENCES,
  types: ['aws.appsync.api-cache'],
  // No live collector reads AppSync.
  sources: ['iac'],
  check(r) {
    return appsyncCacheFlag(r, 'AtRestEncryptionEnabled');
  },
});
