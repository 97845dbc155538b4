/**
 * Hostile input against the input paths added in session 14 (fixP4): the cron reader for DLM / AWS Backup
 * schedules, Backup selections by parameters, IAM principals related by name, credentials by Fn::GetAtt in
 * Sub/Join text, JSON settings documents, private-named subnet parameters.
 *
 * Measured (fixP4, 2 cores, `node bin/vouch check`, /usr/bin/time):
 * - cron: `cron(` followed by 4,000 spaces took 25 s in the expression regex (a lazy group between two `\s*`,
 *   cubic); 200,000 spaces never finished (killed after 10 min, ignoring SIGTERM while busy). The expression is
 *   now taken apart without a backtracking regex and capped at 256 characters (EventBridge's limit; DLM's is
 *   106): the 12.5 MB template of 18 such schedules × 4 counts is judged in 0.45 s, 117 MB.
 * - Fn::Sub text of 100 KB of `a${a` (every `${` without a closing brace): the resolver's `\$\{([^}]*)\}` took
 *   9 s, the secret scan's hole regex 4.4 s more (the 400 KB template of three such texts 7.4 s); now only the text
 *   up to the last `}` is matched and the holes are found in one pass: 0.98 s, 84 MB.
 * - Names split into words (`([A-Z]+)([A-Z][a-z])`, in nameWords, kebab and the data-set kebab) were quadratic on
 *   a run of capitals: a 100 KB environment-variable name 14 s; now a lookahead, linear, the same words.
 * - DLM RetainRule.Count 1e309 (Infinity), 2.5 or a 400-digit string made Infinity or fractional runs; they
 *   are now invalid values like any count that is no whole number.
 */
import { describe, it, expect } from 'vitest';
import { cronGaps, MAX_EXPRESSION } from '../../rules/backup-retention/_cron.js';
import { retainDays } from '../../rules/backup-retention/_dlm.js';
import { subHoles } from '../../src/sources/iac/template-secrets.js';
import { nameWords } from '../../src/lib/secrets.js';
import { kebab } from '../../src/sources/iac/types.js';
import { Resolver } from '../../src/sources/iac/intrinsics.js';
import { isUnresolved } from '../../src/model/values.js';

describe('the cron reader', () => {
  it('reads no expression longer than AWS accepts, and says so', () => {
    expect(MAX_EXPRESSION).toBe(256);
    const long = `cron(${Array.from({ length: 200 }, (_, i) => i % 60).join(',')} 0 * * ? *)`;
    expect(cronGaps(long)).toEqual({ why: `it is longer than the 256 characters AWS accepts` });
    // Within the cap the same list is read.
    expect('gaps' in cronGaps('cron(0,15,30,45 0 * * ? *)')).toBe(true);
  });

  it('spaces and tabs in the brackets (the cubic regex shape) are read at once, inside the cap as outside it', () => {
    for (const pad of [' '.repeat(240), ' \t'.repeat(120), ' '.repeat(100_000)]) {
      const started = performance.now();
      for (const e of [`cron(${pad}x`, `cron(${pad}x)`, `cron(${pad})x`, `cron(${pad}0 5 * * ? *${pad.slice(0, 10)})`]) expect(cronGaps(e)).toHaveProperty('why');
      // Was 25 s for 4,000 spaces: anything near a second is the old regex back.
      expect(performance.now() - started).toBeLessThan(1_000);
    }
    // Spaces around the fields are still allowed.
    expect(cronGaps('cron(  0 5 * * ? *  )')).toEqual({ gaps: [1440] });
    expect(cronGaps('CRON(0 5 * * ? *)')).toEqual({ gaps: [1440] });
    expect(cronGaps('cron(0 5 * * ? *))')).toHaveProperty('why');
  });

  it('fields at their limits, steps past the range, numbers like 1e309 and unicode digits', () => {
    expect(cronGaps('cron(0/99 0/99 */99 */99 ? *)')).toHaveProperty('gaps');
    expect(cronGaps('cron(1e309 5 * * ? *)')).toHaveProperty('why');
    expect(cronGaps('cron(０ ５ * * ? *)')).toHaveProperty('why');
    expect(cronGaps('cron(0-59 0-23 1-28 1-12 ? *)')).toEqual({ why: 'it runs too often on named days of the month for vouch to work out' });
  });
});

describe('DLM retention by count', () => {
  const create = { CronExpression: 'cron(0 5 * * ? *)' };
  it('a count that is no whole number (Infinity, a fraction, 400 digits) is invalid, not Infinity days', () => {
    for (const count of [Number.POSITIVE_INFINITY, 2.5, '9'.repeat(400), 1e300]) {
      const d = retainDays({ Count: count }, create, 'schedule s');
      expect(d, String(count)).toMatchObject({ invalid: true });
      expect(retainDays({ Count: count }, { Interval: 24, IntervalUnit: 'HOURS' }, 'schedule s')).toMatchObject({ invalid: true });
    }
    expect(retainDays({ Count: 7 }, create, 'schedule s')).toEqual([7, 7]);
    expect(retainDays({ Count: '7' }, create, 'schedule s')).toEqual([7, 7]);
  });

  it('a long schedule is shown clipped in the message', () => {
    const cron = `cron(${' '.repeat(5_000)}x)`;
    const d = retainDays({ Count: 3 }, { CronExpression: cron }, 'schedule s');
    expect('why' in d && d.why.length).toBeLessThan(400);
    expect('why' in d && d.why).toMatch(/\(5007 characters\)/);
  });
});

describe('Sub text and names on long adversarial strings', () => {
  const open = 'a${a'.repeat(25_000);

  it('Fn::Sub holes are found in one pass, as the regex found them', () => {
    const started = performance.now();
    expect(subHoles(open)).toBe(open);
    expect(subHoles(`${open}}`)).toBe('a\u0001');
    expect(performance.now() - started).toBeLessThan(1_000);
    for (const t of ['${A}-${!B}-${C.D}', '$${x}', '${a${b}c}', '${!a}${b', 'x}${', '${}'])
      expect(subHoles(t), t).toBe(t.replace(/\$\{(?!!)[^}]*\}/g, '\u0001'));
  });

  it('the resolver reads a 100 KB Sub text without a closing brace at once, and still resolves what is closed', () => {
    const r = new Resolver({ parameters: { P: 'v' }, unknownParameters: new Set(['Q']), mappings: {}, conditions: {}, resources: new Set() });
    const started = performance.now();
    expect(r.resolve({ 'Fn::Sub': open })).toBe(open);
    expect(r.resolve({ 'Fn::Sub': `\${P}-${open}` })).toBe(`v-${open}`);
    expect(isUnresolved(r.resolve({ 'Fn::Sub': `${open}\${Q}` }))).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('a run of 100,000 capitals splits into words at once, as before', () => {
    const started = performance.now();
    expect(nameWords(`${'A'.repeat(100_000)}x`).map((w) => w.length)).toEqual([99_999, 2]);
    expect(kebab(`${'A'.repeat(100_000)}b`)).toHaveLength(100_002); // 'aaa…a-ab'
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(nameWords('HTTPServerPassword')).toEqual(['http', 'server', 'password']);
    expect(kebab('RequestLogsBucket')).toBe('request-logs-bucket');
    expect(kebab('DBInstanceARN')).toBe('db-instance-arn');
  });
});
