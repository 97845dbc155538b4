import { describe, it, expect } from 'vitest';
import { reportTimeProblem } from '../../src/sources/providers/aws/collectors/iam.js';
import { loadRules } from '../../src/evaluate/registry.js';
import { judge } from '../../src/evaluate/evaluate.js';
import { Inventory } from '../../src/model/inventory.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import type { Resource } from '../../src/model/resource.js';

const NOW = Date.parse('2026-12-06T06:00:00Z');
const day = 86_400_000;

describe('credential report time (issue 15)', () => {
  it('is sane within a day before the scan and a few minutes after (clock skew)', () => {
    expect(reportTimeProblem(new Date(NOW - 3 * 3_600_000).toISOString(), NOW)).toBeUndefined();
    expect(reportTimeProblem(new Date(NOW + 5 * 60_000).toISOString(), NOW)).toBeUndefined();
  });

  it('is not sane years ago, in the future, missing or unparsable, and says why', () => {
    expect(reportTimeProblem('2015-02-02T20:02:02.000Z', NOW)).toMatch(/^StaleReportTime: .*2015-02-02T20:02:02.000Z, 4324 days before this scan/);
    expect(reportTimeProblem(new Date(NOW + 2 * day).toISOString(), NOW)).toMatch(/^BadReportTime: .*after this scan's clock/);
    expect(reportTimeProblem(undefined, NOW)).toMatch(/^NoReportTime/);
    expect(reportTimeProblem('yesterday', NOW)).toMatch(/^BadReportTime/);
  });

  it('an insane report time makes the age-based rules unknown instead of "used -4325 days ago"', async () => {
    const rules = await loadRules();
    const user = (gaps?: Record<string, string>): Resource => ({
      type: 'aws.iam.user',
      provider: 'aws',
      source: 'live',
      id: 'arn:aws:iam::1:user/alice',
      properties: {
        Live: {
          CredentialReportGeneratedAt: '2015-02-02T20:02:02.000Z',
          CredentialReport: { PasswordEnabled: true, PasswordLastUsed: '2026-12-05T10:00:00Z', MfaActive: true, UserCreationTime: '2026-12-01T00:00:00Z', AccessKeys: [{ Slot: 1, Active: true, LastRotated: '2026-12-01T00:00:00Z' }] },
        },
      },
      location: {},
      relations: {},
      ...(gaps ? { gaps } : {}),
    });
    const ctx = { params: DEFAULT_PARAMETERS, inventory: new Inventory() };
    const problem = reportTimeProblem('2015-02-02T20:02:02.000Z', NOW)!;
    for (const id of ['iam-least-privilege/aws-unused-credentials', 'iam-least-privilege/aws-access-key-age']) {
      const rule = rules.find((r) => r.id === id)!;
      const insane = judge(rule, user({ 'Live.CredentialReportGeneratedAt': problem }), ctx);
      expect(insane.length).toBeGreaterThan(0);
      for (const v of insane) {
        expect(v.status, id).toBe('unknown');
        expect(v.message).toContain('StaleReportTime');
      }
      // Without the collector's gap the same facts read as recent use: the bug this guards against.
      expect(judge(rule, user(), ctx).every((v) => v.status === 'pass'), id).toBe(true);
    }
    // Rules that do not measure ages keep judging.
    const mfa = rules.find((r) => r.id === 'mfa/aws-iam-credential-report')!;
    expect(judge(mfa, user({ 'Live.CredentialReportGeneratedAt': problem }), ctx).map((v) => v.status)).toEqual(['pass']);
  });
});
