import type { Verdict } from '../../src/evaluate/rule.js';
import type { Resource } from '../../src/model/resource.js';
import { known, asArray, ev, pass, fail, unknown, notApplicable, describe } from '../../src/evaluate/facts.js';
import { managedPolicyArnKind } from '../../src/lib/iam.js';

/**
 * The shared reading of `ManagedPolicyArns` for rules that fail on certain AWS
 * managed policies (admin, *FullAccess): one verdict per offending ARN, unknown
 * per ARN whose policy name cannot be read (a hidden name, a value that is not
 * an ARN), pass when every attached policy is read and none matches.
 */
export function judgeManagedPolicyArns(
  r: Resource,
  o: {
    /** The offending policy's name, or undefined. */
    match: (arn: unknown) => string | undefined;
    expected: string;
    unknownMessage: (path: string, expression: string) => string;
    failMessage: (name: string) => string;
    noneMessage: string;
    /** Where the ARNs are: a role's `ManagedPolicyArns`, or an Identity Center permission set's `ManagedPolicies`. */
    property?: 'ManagedPolicyArns' | 'ManagedPolicies';
  },
): Verdict | Verdict[] {
  const property = o.property ?? 'ManagedPolicyArns';
  const arns = asArray(known(r, property));
  if (arns.length === 0) return notApplicable('no managed policies attached', ev(property, null));
  const out: Verdict[] = [];
  arns.forEach((a, i) => {
    const path = `${property}[${i}]`;
    const kind = managedPolicyArnKind(a);
    if ('unknown' in kind) {
      out.push({ ...unknown(o.unknownMessage(path, String(describe(a))), ev(path, a, o.expected)), subId: path });
      return;
    }
    const name = o.match(a);
    if (name) out.push({ ...fail(o.failMessage(name), ev(path, a, o.expected)), subId: `${property}:${name}` });
  });
  if (out.length) return out;
  return pass(`${arns.length} managed polic${arns.length === 1 ? 'y' : 'ies'} attached, ${o.noneMessage}`, ev(property, arns.map(describe), o.expected));
}
