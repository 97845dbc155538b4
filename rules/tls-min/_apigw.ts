/** Judging an API Gateway security policy against the TLS floor. */
import type { Verdict } from '../../src/evaluate/rule.js';
import type { TlsVersion } from '../../src/evaluate/claims-profile.js';
import { ev, pass, fail, unknown } from '../../src/evaluate/facts.js';
import { apiGatewayPolicyMinTls, meetsFloor, notAValidValue } from '../../src/lib/tls.js';

export function judgeApiGatewayPolicy(policy: string, path: string, floor: TlsVersion, what: string, note?: string): Verdict {
  const expected = `TLS ${floor} or newer`;
  const cls = apiGatewayPolicyMinTls(policy);
  if (!cls)
    return fail(
      `${what}: security policy ${policy} is not a valid API Gateway security policy`,
      ev(path, policy, expected, notAValidValue('SecurityPolicy', policy, 'TLS_1_0, TLS_1_2 or a SecurityPolicy_TLS1x_… name')),
    );
  const evidence = ev(path, policy, expected, note ?? `policy ${policy} accepts TLS ${cls.min} and newer${cls.confirmed ? '' : ' (inferred from its name)'}`);
  if (!meetsFloor(cls.min, floor)) return fail(`${what}: security policy ${policy} accepts TLS ${cls.min}, below the promised ${floor}`, evidence);
  if (!cls.confirmed && floor === '1.3')
    return unknown(`${what}: security policy ${policy} is TLS 1.3 by name, but AWS does not document that it refuses 1.2`, evidence);
  return pass(`${what}: security policy ${policy} accepts TLS ${cls.min}+`, evidence);
}
