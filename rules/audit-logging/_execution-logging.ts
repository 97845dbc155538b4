/**
 * API Gateway REST execution logging (FSBP APIGateway.1): the method setting for every resource and
 * method (`ResourcePath: /*`, `HttpMethod: *`) logs at ERROR or INFO. On an `AWS::ApiGateway::Stage`
 * it is `MethodSettings`; on an `AWS::ApiGateway::Deployment` that creates its stage, `StageDescription`
 * carries `LoggingLevel` for every method and `MethodSettings` of its own (the latter wins). Off by
 * default. An unresolved level throws `NeedsValue` (the caller decides what an unknown means).
 */
import type { Resource } from '../../src/model/resource.js';
import { known, asArray, asRecord, ev } from '../../src/evaluate/facts.js';
import type { EvidenceItem } from '../../src/evaluate/rule.js';

export const EXECUTION_LEVELS = ['ERROR', 'INFO'];

export interface ExecutionLogging {
  /** The level for every method, or undefined when none is set (off). */
  level: unknown;
  on: boolean;
  evidence: EvidenceItem;
}

export function executionLogging(r: Resource): ExecutionLogging {
  const base = r.type === 'aws.apigateway.deployment' ? 'StageDescription.' : '';
  const settings = asArray(known(r, `${base}MethodSettings`)).map(asRecord);
  const i = settings.findIndex((s) => s.ResourcePath === '/*' && s.HttpMethod === '*');
  const path = i >= 0 ? `${base}MethodSettings[${i}].LoggingLevel` : base ? 'StageDescription.LoggingLevel' : 'MethodSettings[/*,*].LoggingLevel';
  const level = i >= 0 ? known(r, path) : base ? known(r, path) : undefined;
  const note = level === undefined || level === null ? 'no logging level for all resources and methods: execution logging is off by default' : undefined;
  const on = typeof level === 'string' && EXECUTION_LEVELS.includes(level);
  return { level: level ?? undefined, on, evidence: ev(path, level ?? null, 'ERROR or INFO', note) };
}
