import { defineRule } from '../../../src/evaluate/rule.js';
import { ev, pass, fail, notApplicable } from '../../../src/evaluate/facts.js';
import { readStageCache } from '../../enc-rest/_apigateway-stage-cache.js';

/**
 * A REST API stage cache is an API Gateway-managed cache of the API's responses: entries live for
 * their TTL (300 s by default, at most 3600 s) and API Gateway offers no snapshot or backup of it, so
 * the cache promise (short-lived, encrypted, never backed up) rests on its encryption, read by the
 * same reading as enc-rest/aws-apigateway-stage-cache-encryption (../../enc-rest/_apigateway-stage-cache.ts).
 */
export default defineRule({
  id: 'cache-no-backup/aws-apigateway-stage-cache',
  control: 'cache-no-backup',
  title: 'API Gateway REST API stage caches encrypt the responses they hold',
  severity: 'medium',
  risk: 'A stage cache that does not encrypt cache data keeps API responses (personal data, tokens) unencrypted on the cache cluster, which the cache promise rules out.',
  remediation: {
    text: 'Set CacheDataEncrypted to true on the stage-wide method setting (/* and *) and on every method setting that enables caching, or turn the cache cluster off.',
    cdk: "new apigateway.RestApi(this, 'Api', { deployOptions: { cacheClusterEnabled: true, cachingEnabled: true, cacheDataEncrypted: true } })",
    cloudformation: "Type: AWS::ApiGateway::Stage\nProperties:\n  CacheClusterEnabled: true\n  MethodSettings:\n    - { ResourcePath: '/*', HttpMethod: '*', CachingEnabled: true, CacheDataEncrypted: true }",
  },
  references: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-stage-methodsetting.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/api-gw-cache-enabled-and-encrypted.html',
  ],
  types: ['aws.apigateway.stage', 'aws.apigateway.deployment'],
  // No live collector reads stages.
  sources: ['iac'],
  check(r) {
    const c = readStageCache(r);
    if (c.kind === 'no-stage') return notApplicable('deployment names no StageName, so it creates no stage (a separate AWS::ApiGateway::Stage is judged)', c.evidence);
    if (c.kind === 'no-cache') return notApplicable('no cache cluster: the stage caches nothing', c.evidence);
    const platform = ev('(platform)', 'no snapshots', undefined, 'platform-attested: API Gateway stage caches have no snapshot or backup feature; entries expire after their TTL (at most 3600 s)');
    const of = c.stage === undefined ? '' : ` of stage ${c.stage}`;
    return c.clear.length
      ? fail(`the cache${of} keeps responses unencrypted for ${c.clear.join(', ')}`, c.evidence, platform)
      : pass(`the cache${of} encrypts every cached method's responses; API Gateway keeps no backups of stage caches`, c.evidence, platform);
  },
});
