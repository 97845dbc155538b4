/** Judging an awsvpc task's AssignPublicIp (ECS services and task sets, Batch Fargate jobs). */
import type { Verdict } from '../../src/evaluate/rule.js';
import { ev, pass, fail, text } from '../../src/evaluate/facts.js';
import { notAValidValue } from '../../src/lib/tls.js';

/**
 * `raw` is the AssignPublicIp value read at `path` (already resolved); `what` names the tasks in
 * messages (`one` a single one of them). Omitted means DISABLED (the CloudFormation, ECS and Batch API default); a value other
 * than ENABLED/DISABLED is not a valid value and fails (whether the tasks get public IPs is not settled).
 */
export function judgeAssignPublicIp(raw: unknown, path: string, what: string, one: string, omittedNote: string): Verdict {
  if (raw === undefined || raw === null) return pass(`${what} get no public IP of their own (AssignPublicIp omitted: DISABLED by default)`, ev(path, null, 'DISABLED', omittedNote));
  if (raw === 'DISABLED') return pass(`${what} get no public IP`, ev(path, raw, 'DISABLED'));
  if (raw === 'ENABLED') return fail(`every ${one} gets a public IP address`, ev(path, raw, 'DISABLED'));
  return fail(`AssignPublicIp ${text(raw)} is not a valid value: whether ${what} get public IPs is not settled`, ev(path, raw, 'DISABLED', notAValidValue('AssignPublicIp', text(raw), 'ENABLED, DISABLED')));
}
