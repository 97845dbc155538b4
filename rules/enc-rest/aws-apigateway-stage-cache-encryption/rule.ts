import { defineRule } from '../../../src/evaluate/rule.js';
import { known, ev, pass, fail, notApplicable, asArray, asRecord, asBool } from '../../../src/evaluate/facts.js';

/**
 * FSBP APIGateway.5: a REST API stage with a cache encrypts the cached
 * responses: the all-methods setting (`/*`, `*`) and every setting that turns
 * caching on have CacheDataEncrypted. Templates only: the live collector does
 * not read stages. A deployment that creates its stage (StageName, StageDescription)
 * is judged the same way. Filed under enc-rest (until session 8 under platform-hardening):
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
    if (r.type === 'aws.apigateway.deployment') {
      // A deployment with a StageName creates that stage, configured by its StageDescription;
      // StageDescription.CacheDataEncrypted is the stage-wide (`* /*`) setting.
      const stageName = known(r, 'StageName');
      if (stageName === undefined || stageName === null || stageName === '')
        return notApplicable('deployment names no StageName, so it creates no stage (a separate AWS::ApiGateway::Stage is judged)', ev('StageName', null));
      const cluster = asBool(known(r, 'StageDescription.CacheClusterEnabled'));
      if (cluster !== true) return notApplicable('the stage the deployment creates has no cache cluster', ev('StageDescription.CacheClusterEnabled', cluster ?? null));
      const settings = asArray(known(r, 'StageDescription.MethodSettings')).map(asRecord);
      const clear = settings
        .map((s, i) => ({ s, i }))
        .filter(({ i }) => asBool(known(r, `StageDescription.MethodSettings[${i}].CachingEnabled`)) === true)
        .filter(({ i }) => asBool(known(r, `StageDescription.MethodSettings[${i}].CacheDataEncrypted`)) !== true)
        .map(({ s }) => `${String(s.HttpMethod)} ${String(s.ResourcePath)}`);
      if (asBool(known(r, 'StageDescription.CacheDataEncrypted')) !== true) clear.unshift('* /* (StageDescription.CacheDataEncrypted is not true: cache data is not encrypted by default)');
      const e = ev('StageDescription.CacheDataEncrypted', clear.length ? clear : 'every cached method encrypted', true);
      return clear.length ? fail(`cache data of stage ${String(stageName)} is not encrypted for ${clear.join(', ')}`, e) : pass(`cache data of stage ${String(stageName)} is encrypted for every cached method`, e);
    }
    const cluster = asBool(known(r, 'CacheClusterEnabled'));
    if (cluster !== true) return notApplicable('the stage has no cache cluster', ev('CacheClusterEnabled', cluster ?? null));
    const settings = asArray(known(r, 'MethodSettings')).map(asRecord);
    // Each setting's method, path and caching flag read as facts: one the template does not settle is unknown.
    const stageWide = (i: number) => known(r, `MethodSettings[${i}].ResourcePath`) === '/*' && known(r, `MethodSettings[${i}].HttpMethod`) === '*';
    const must = settings.map((s, i) => ({ s, i })).filter(({ i }) => stageWide(i) || asBool(known(r, `MethodSettings[${i}].CachingEnabled`)) === true);
    const hasAll = must.some(({ i }) => stageWide(i));
    const clear = must.filter(({ i }) => asBool(known(r, `MethodSettings[${i}].CacheDataEncrypted`)) !== true).map(({ s }) => `${String(s.HttpMethod)} ${String(s.ResourcePath)}`);
    if (!hasAll) clear.unshift('* /* (no setting: cache data is not encrypted by default)');
    const e = ev('MethodSettings[].CacheDataEncrypted', clear.length ? clear : 'every cached method encrypted', true);
    return clear.length ? fail(`cache data is not encrypted for ${clear.join(', ')}`, e) : pass('cache data is encrypted for every cached method', e);
  },
});
