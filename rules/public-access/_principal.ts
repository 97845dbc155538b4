/**
 * Principals and pins written with pseudo parameters. `!Ref AWS::AccountId`,
 * `!Sub '${AWS::AccountId}'` and `arn:${AWS::Partition}:iam::${AWS::AccountId}:root`
 * name the stack's own account (or one role of it): a definite principal, never
 * `*`, although the account number is not known. The same reading as resource
 * ARNs (`resourceScope` in src/lib/iam): only pseudo parameters and template
 * resources may be unresolved; a parameter or an import could be anything, so
 * reading one throws `NeedsValue` (the finding is `unknown`).
 */
import type { Resource } from '../../src/model/resource.js';
import { get, gapFor, NeedsValue } from '../../src/evaluate/facts.js';
import { isUnresolved } from '../../src/model/values.js';
import { resourceScope } from '../../src/lib/iam.js';

/** A value built only from pseudo parameters and template resources (one definite value). */
export function isDefiniteShape(v: unknown): boolean {
  return isUnresolved(v) && v.shape !== undefined && resourceScope(v).kind === 'specific';
}

/**
 * The property at `path`, where a value built from pseudo parameters is returned as is (it names one
 * principal, account or source); a gap, or a value depending on a parameter or import, throws `NeedsValue`.
 */
export function definite(r: Resource, path: string): unknown {
  const gap = gapFor(r, path);
  if (gap) throw new NeedsValue(path, gap);
  const v = get(r.properties, path);
  if (isUnresolved(v) && !isDefiniteShape(v)) throw new NeedsValue(path, v.expression);
  return v;
}

/** How a value is shown in a message: a built value by its expression. */
export function shown(v: unknown): string {
  return isUnresolved(v) ? v.expression : String(v);
}
