import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { loadRules } from '../src/evaluate/registry.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS, mergeParameters } from '../src/evaluate/claims-profile.js';
import { loadIac } from '../src/sources/iac/load.js';
import { isElbLogAccount, ELB_LOG_ACCOUNT_BY_REGION } from '../src/lib/elb-log-accounts.js';

const rules = await loadRules();
const rule = rules.find((r) => r.id === 'audit-logging/aws-s3-bucket-access-logging')!;
const dir = 'rules/audit-logging/aws-s3-bucket-access-logging/fixtures';

/** The rule's status per logical id for a template loaded without a region (a bare template). */
function statuses(file: string): Record<string, string> {
  const inventory = loadIac([join(dir, file)], {});
  const findings = evaluate(inventory, [rule], { controls: [rule.control], ctx: { params: mergeParameters(DEFAULT_PARAMETERS, undefined, false), inventory } });
  return Object.fromEntries(findings.map((f) => [f.resource.id.split('/').pop(), f.status]));
}

describe('ELB access-log buckets granted to the regional ELB account (no region known)', () => {
  it('reads a mapping keyed by AWS::Region whose every value is an ELB account as the ELB log writer', () => {
    const s = statuses('pass-elb-account-log-targets.yaml');
    expect(s.MappedWriterLogs).toBe('not-applicable');
    expect(s.MappedIdLogs).toBe('not-applicable');
    expect(s.LiteralWriterLogs).toBe('not-applicable');
  });

  it('does not when one value of the column is another account, or the grant is not a write', () => {
    const s = statuses('fail-not-elb-account-log-targets.yaml');
    expect(s.MixedMapBucket).toBe('fail');
    expect(s.PartnerDropBucket).toBe('fail');
    expect(s.ReadByElbAccount).toBe('fail');
  });

  it('knows the documented accounts and no others', () => {
    expect(isElbLogAccount(ELB_LOG_ACCOUNT_BY_REGION['eu-west-1'])).toBe(true);
    expect(isElbLogAccount('111122223333')).toBe(false);
    expect(isElbLogAccount(undefined)).toBe(false);
  });
});
