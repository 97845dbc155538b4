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
import { resourceScope, regionalServicePrincipal } from '../../src/lib/iam.js';

/**
 * What a principal (or a pin: SourceAccount, SourceArn, PrincipalOrgID) the template builds names:
 * - `as-written`: a literal or a template resource's `Ref`, read as it is by the caller (`*` included);
 * - `definite`: built only from pseudo parameters and template resources: one value, known to be the
 *   stack's own account or resource although its digits are not;
 * - `one-unknown`: an IAM/STS ARN with a piece computed from a parameter, mapping or import
 *   (`arn:aws:iam::${ElbAccount}:root`): IAM refuses a wildcard inside a principal ARN, so it names one
 *   principal and never everyone, but which one is not known;
 * - `anything`: computed as a whole (`!Ref ReaderPrincipal`): it could be `*`.
 * The one reading behind `isDefiniteShape` (pins and principals that must be known) and
 * `principalCouldBeEveryone` (policy principals: could this be everyone?).
 */
export type PrincipalReading = 'as-written' | 'definite' | 'one-unknown' | 'anything';

export function readPrincipal(v: unknown): PrincipalReading {
  if (!isUnresolved(v)) return 'as-written';
  if (v.shape !== undefined && resourceScope(v).kind === 'specific') return 'definite';
  // A service principal built from the region (`logs.${AWS::Region}.amazonaws.com`): one AWS service, never the public.
  if (regionalServicePrincipal(v) !== undefined) return 'definite';
  if (v.shape !== undefined && /^arn:[^:]*:(iam|sts)::/.test(v.shape)) return 'one-unknown';
  return 'anything';
}

/** A value built only from pseudo parameters and template resources (one definite value). */
export function isDefiniteShape(v: unknown): boolean {
  return readPrincipal(v) === 'definite';
}

/**
 * Could this principal value be `*`? Only one computed as a whole: a literal (`*` included) is read as
 * written by the caller, and a built ARN names one principal (see `readPrincipal`).
 */
export function principalCouldBeEveryone(p: unknown): boolean {
  return readPrincipal(p) === 'anything';
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
