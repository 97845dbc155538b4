/** Judging a boolean "publicly accessible" property whose omission takes a documented service default. */
import type { Resource } from '../../src/model/resource.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { known, asBool, ev, pass, fail, text } from '../../src/evaluate/facts.js';
import { notAValidValue } from '../../src/lib/tls.js';

export interface PublicFlag {
  /** The property (`PubliclyAccessible`). */
  path: string;
  /** What the service does when the property is omitted. */
  defaultPublic: boolean;
  /** The evidence note for an omitted property: the documented default. */
  omittedNote: string;
  /** `instance`, `cluster`, ... for messages. */
  what: string;
}

export function judgePublicFlag(r: Resource, f: PublicFlag): Verdict {
  const raw = known(r, f.path);
  const omitted = raw === undefined || raw === null;
  const v = omitted ? f.defaultPublic : asBool(raw);
  if (v === undefined)
    return fail(`${f.path} ${text(raw)} is not a valid value: whether the ${f.what} is public is not settled`, ev(f.path, raw, false, notAValidValue(f.path, text(raw), 'true or false')));
  const evidence = ev(f.path, omitted ? null : raw, false, omitted ? f.omittedNote : undefined);
  return v ? fail(`${f.what} is publicly accessible${omitted ? ' (the service default when the property is omitted)' : ''}`, evidence) : pass(`${f.what} is not publicly accessible${omitted ? ' (service default)' : ''}`, evidence);
}
