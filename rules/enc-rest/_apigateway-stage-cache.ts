/**
 * The one reading of a REST API stage's cache (AWS::ApiGateway::Stage, or the stage an
 * AWS::ApiGateway::Deployment creates through StageName + StageDescription; SAM's
 * AWS::Serverless::Api copies CacheClusterEnabled and MethodSettings onto the stage it generates):
 * is there a cache cluster, and which cached methods keep their responses unencrypted.
 *
 * Cache data is encrypted only when asked: "Encrypt cache data" is an opt-in of the stage's cache
 * settings (API Gateway Developer Guide, "Cache settings for REST APIs"), and AWS Config's
 * api-gw-cache-enabled-and-encrypted and Security Hub APIGateway.5 fail a stage cache that leaves
 * CacheDataEncrypted out. So the stage-wide setting (`/*` `*`, or StageDescription.CacheDataEncrypted)
 * must say true, and so must every setting that turns caching on. A deployment's stage-wide setting is
 * StageDescription.CacheDataEncrypted or, when that is omitted, its `/*` `*` MethodSettings entry.
 * Each fact is read with `known`: a parameter without a value, a condition or a dynamic reference
 * makes the verdict unknown rather than guessed.
 */
import type { Resource } from '../../src/model/resource.js';
import { known, ev, asArray, asRecord, asBool, } from '../../src/evaluate/facts.js';
import type { EvidenceItem as Evidence } from '../../src/evaluate/rule.js';

export type StageCacheReading =
  | { kind: 'no-stage'; evidence: Evidence }
  | { kind: 'no-cache'; evidence: Evidence }
  /** `clear`: the methods whose cached responses are not encrypted (empty: every cached method encrypted). */
  | { kind: 'cache'; stage?: string; clear: string[]; evidence: Evidence };

export function readStageCache(r: Resource): StageCacheReading {
  if (r.type === 'aws.apigateway.deployment') {
    const stageName = known(r, 'StageName');
    if (stageName === undefined || stageName === null || stageName === '')
      return { kind: 'no-stage', evidence: ev('StageName', null) };
    const cluster = asBool(known(r, 'StageDescription.CacheClusterEnabled'));
    if (cluster !== true) return { kind: 'no-cache', evidence: ev('StageDescription.CacheClusterEnabled', cluster ?? null) };
    const settings = asArray(known(r, 'StageDescription.MethodSettings')).map(asRecord);
    const clear = settings
      .map((s, i) => ({ s, i }))
      .filter(({ i }) => asBool(known(r, `StageDescription.MethodSettings[${i}].CachingEnabled`)) === true)
      .filter(({ i }) => asBool(known(r, `StageDescription.MethodSettings[${i}].CacheDataEncrypted`)) !== true)
      .map(({ s }) => `${String(s.HttpMethod)} ${String(s.ResourcePath)}`);
    // The stage-wide setting: StageDescription.CacheDataEncrypted, or (when that is omitted) a MethodSettings entry for
    // every resource and method (`/*`, `*`), as on a Stage. An explicit false beside a true entry is not settled: not encrypted.
    const top = known(r, 'StageDescription.CacheDataEncrypted');
    const wideEntry = settings.some(
      (_, i) =>
        known(r, `StageDescription.MethodSettings[${i}].ResourcePath`) === '/*' &&
        known(r, `StageDescription.MethodSettings[${i}].HttpMethod`) === '*' &&
        asBool(known(r, `StageDescription.MethodSettings[${i}].CacheDataEncrypted`)) === true,
    );
    if (asBool(top) !== true && !(top === undefined && wideEntry))
      clear.unshift('* /* (StageDescription.CacheDataEncrypted is not true: cache data is not encrypted by default)');
    return { kind: 'cache', stage: String(stageName), clear, evidence: ev('StageDescription.CacheDataEncrypted', clear.length ? clear : 'every cached method encrypted', true) };
  }
  const cluster = asBool(known(r, 'CacheClusterEnabled'));
  if (cluster !== true) return { kind: 'no-cache', evidence: ev('CacheClusterEnabled', cluster ?? null) };
  const settings = asArray(known(r, 'MethodSettings')).map(asRecord);
  // Each setting's method, path and caching flag read as facts: one the template does not settle is unknown.
  const stageWide = (i: number) => known(r, `MethodSettings[${i}].ResourcePath`) === '/*' && known(r, `MethodSettings[${i}].HttpMethod`) === '*';
  const must = settings.map((s, i) => ({ s, i })).filter(({ i }) => stageWide(i) || asBool(known(r, `MethodSettings[${i}].CachingEnabled`)) === true);
  const hasAll = must.some(({ i }) => stageWide(i));
  const clear = must.filter(({ i }) => asBool(known(r, `MethodSettings[${i}].CacheDataEncrypted`)) !== true).map(({ s }) => `${String(s.HttpMethod)} ${String(s.ResourcePath)}`);
  if (!hasAll) clear.unshift('* /* (no setting: cache data is not encrypted by default)');
  return { kind: 'cache', clear, evidence: ev('MethodSettings[].CacheDataEncrypted', clear.length ? clear : 'every cached method encrypted', true) };
}
