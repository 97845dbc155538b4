import { defineRule } from '../../../src/evaluate/rule.js';
import { pass, fail, notApplicable } from '../../../src/evaluate/facts.js';
import { readStageCache } from '../_apigateway-stage-cache.js';

/**
 * FSBP APIGateway.5: a REST API stage with a cache encrypts the cached
 * responses: the all-methods setting (`/*`, `*`) and every setting that turns
 * caching on have CacheDataEncrypted (the reading: ../_apigateway-stage-cache.ts).
 * Templates only: the live collector does not read stages. A deployment that
 * creates its stage (StageName, StageDescription) is judged the same way. Filed under enc-rest (until session 8 under platform-hardening):
 * Security Hub files APIGateway.5 under "Encryption of data-at-rest", and the
 * cached responses are the API's data.
 */
export default defineRule({
  id: 'enc-rest/aws-apigateway-stage-cache-encryption',
  control: 'enc-rest',
  title: 'API Gateway REST API stage caches are encrypted at rest',
  severity: 'medium',
  risk: 'Cached responses may hold personal data or tokens; unencrypted, they sit in clear on the cache cluster.',
  remediation: {
    text: 'Set CacheDataEncrypted to true in the stage method settings for /* and * and for every method that enables caching.',
    cdk: "new apigateway.RestApi(this, 'Api', { deployOptions: { cachingEnabled: true, cacheDataEncrypted: true } })",
    cloudformation: "Type: AWS::ApiGateway::Stage\nProperties:\n  CacheClusterEnabled: true\n  MethodSettings:\n    - { ResourcePath: '/*', HttpMethod: '*', CachingEnabled: true, CacheDataEncrypted: true }",
  },
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html'],
  types: ['aws.apigateway.stage', 'aws.apigateway.deployment'],
  sources: ['iac'],
  check(r) {
    const c = readStageCache(r);
    if (c.kind === 'no-stage') return notApplicable('deployment names no StageName, so it creates no stage (a separate AWS::ApiGateway::Stage is judged)', c.evidence);
    if (c.kind === 'no-cache')
      return notApplicable(r.type === 'aws.apigateway.deployment' ? 'the stage the deployment creates has no cache cluster' : 'the stage has no cache cluster', c.evidence);
    const of = c.stage === undefined ? '' : ` of stage ${c.stage}`;
    return c.clear.length ? fail(`cache data${of} is not encrypted for ${c.clear.join(', ')}`, c.evidence) : pass(`cache data${of} is encrypted for every cached method`, c.evidence);
  },
});
