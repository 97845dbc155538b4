/** Turning policy-document problems (src/lib/iam.ts) into verdicts. */
import type { Verdict } from '../../src/evaluate/rule.js';
import { ev, fail, unknown, pass, must } from '../../src/evaluate/facts.js';
import { isUnresolved } from '../../src/model/values.js';
import { policyProblems, statementsOf, PolicyShapeError, type PolicyStatement } from '../../src/lib/iam.js';

const EXPECTED = 'no Allow of *, service:* (on any resource), NotAction/NotResource, or escalation or write actions on *';

/** Verdicts for one document at `path`; `prefix` distinguishes several documents on one resource. */
export function judgeDocument(doc: unknown, path: string, prefix = '', opts: { resourceless?: readonly string[] } = {}): Verdict[] {
  try {
    return policyProblems(doc, prefix, opts).map((p) => ({
      ...(p.status === 'fail' ? fail(p.message, ev(path, p.statement, EXPECTED)) : unknown(p.message, ev(path, p.statement, EXPECTED))),
      subId: p.subId,
    }));
  } catch (e) {
    if (e instanceof PolicyShapeError) return [{ ...unknown(`${path}: ${e.message}`, ev(path, doc)), subId: `${prefix}Statement` }];
    throw e;
  }
}

export function passDocuments(count: number, path: string): Verdict {
  return pass(`${count} polic${count === 1 ? 'y' : 'ies'} grant nothing over-broad`, ev(path, `${count} document(s)`, EXPECTED));
}

/** The statements of the document at `path`, or an `unknown` verdict when its shape cannot be read (unresolved `Statement`...). */
export function statementsOrUnknown(doc: unknown, path: string): { statements: PolicyStatement[] } | { verdict: Verdict } {
  try {
    return { statements: statementsOf(doc) };
  } catch (e) {
    if (e instanceof PolicyShapeError) return { verdict: unknown(`${path}: ${e.message}`, ev(path, doc)) };
    throw e;
  }
}

/**
 * A policy document as the rule should read it: a JSON string built with
 * `Fn::Sub`/`Fn::Join` keeps its shape and is parsed from it (src/lib/iam.ts);
 * any other unresolved value makes the check `unknown` through `must`.
 */
export function documentValue(v: unknown, path: string): unknown {
  if (isUnresolved(v) && v.shape !== undefined) return v;
  return must(v, path);
}
