/** Whether a value written on one resource (a logging configuration's target ARN) names another. */
import type { Resource } from '../../src/model/resource.js';
import { isBranches, isRef, isUnresolved } from '../../src/model/values.js';

/**
 * `yes` for a Ref/GetAtt of `target` or a text built from it, `maybe` for a value vouch cannot resolve
 * (a parameter, an import) or a condition whose branches differ, `no` for a Ref/GetAtt of something
 * else; `undefined` for a literal string, which only the caller can match (by the target's name).
 */
export function refersTo(v: unknown, target: Resource): 'yes' | 'no' | 'maybe' | undefined {
  if (isBranches(v)) {
    const a = refersTo(v.whenTrue, target);
    const b = refersTo(v.whenFalse, target);
    return a === b ? a : 'maybe';
  }
  if (isRef(v)) return v.logicalId === target.location.logicalId ? 'yes' : 'no';
  if (isUnresolved(v)) {
    const refs = (v.refs ?? []).filter((x): x is string => x !== undefined).map((x) => x.split('.')[0]);
    if (refs.includes(target.location.logicalId ?? '')) return 'yes';
    return refs.length ? 'no' : 'maybe';
  }
  return typeof v === 'string' ? undefined : 'no';
}
