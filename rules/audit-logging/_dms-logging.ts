/**
 * DMS replication logging, read the same way for a replication task (`ReplicationTaskSettings`, JSON text)
 * and a DMS Serverless replication (`ReplicationSettings`, JSON text or an object): the replication writes
 * CloudWatch logs only when its settings say `Logging.EnableLogging: true` (default false). A flag the
 * template does not settle (a parameter, a dynamic reference) is unknown, in either form.
 */
import type { Resource } from '../../src/model/resource.js';
import type { Verdict } from '../../src/evaluate/rule.js';
import { known, asBool, asRecord, ev, pass, fail, notApplicable, text } from '../../src/evaluate/facts.js';

/**
 * `path`: the settings property; `what`: how messages name the resource ('task', 'replication');
 * `judgeWithoutSettings`: false leaves a resource written without any settings unjudged (not-applicable)
 * instead of failing it (the replication task's rule-zero reading).
 */
export function dmsLoggingVerdict(r: Resource, path: 'ReplicationTaskSettings' | 'ReplicationSettings', what: string, { judgeWithoutSettings = true } = {}): Verdict {
  const raw = known(r, path);
  if (raw === undefined || raw === null || raw === '') {
    const e = ev(path, null, '{"Logging": {"EnableLogging": true}}', 'omitted: Logging.EnableLogging defaults to false');
    return judgeWithoutSettings
      ? fail(`the ${what} has no settings: logging is off by default`, e)
      : notApplicable(`the ${what} is written without settings: DMS keeps ${what} logs off by default (Security Hub DMS.7), which this rule judges only where the settings are written`, e);
  }
  let settings: unknown = raw;
  if (typeof raw === 'string') {
    try {
      settings = JSON.parse(raw);
    } catch {
      return fail(`${path} is not valid JSON: DMS rejects it, and no logging is configured`, ev(path, text(raw).slice(0, 200), 'a JSON document'));
    }
  }
  // Written as an object, the flag is read through `known` (a parameter there is unknown); parsed from text, it is a literal.
  const flag = known(r, `${path}.Logging.EnableLogging`) ?? asRecord(asRecord(settings).Logging).EnableLogging;
  const e = ev(`${path}.Logging.EnableLogging`, flag ?? null, true, flag === undefined ? 'omitted: defaults to false' : undefined);
  return asBool(flag) === true ? pass(`the ${what} logs to CloudWatch Logs`, e) : fail(`${what} logging is off`, e);
}
