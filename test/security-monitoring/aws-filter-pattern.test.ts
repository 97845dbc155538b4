/**
 * The CloudWatch Logs filter-pattern matcher behind CIS AWS 4.1–4.15: patterns
 * are parsed and run against sample CloudTrail events, so equivalent patterns
 * written differently are recognized and near-misses are not.
 */
import { describe, it, expect } from 'vitest';
import { parseFilterPattern, matchesEvent, type Json } from '../../rules/security-monitoring/_aws-filter-pattern.js';
import { EVENT_CLASSES } from '../../rules/security-monitoring/_aws-cis-events.js';
import rule from '../../rules/security-monitoring/aws-cloudwatch-security-alarms/rule.js';
import type { Resource } from '../../src/model/resource.js';
import { Inventory } from '../../src/model/inventory.js';

function matches(pattern: string, event: Json): boolean {
  const p = parseFilterPattern(pattern);
  if (!p.ok) throw new Error(p.why);
  return matchesEvent(p.expr, event);
}

describe('filter pattern parsing', () => {
  it('reads selectors, quoted and bare values, wildcards, numbers and the IS / EXISTS forms', () => {
    const e = { eventName: 'AttachRolePolicy', errorCode: 'Client.UnauthorizedOperation', n: 5, a: { b: [{ c: 'x' }] }, flag: false, none: null };
    expect(matches('{ $.eventName = AttachRolePolicy }', e)).toBe(true);
    expect(matches('{ $.eventName = "Attach*" }', e)).toBe(true);
    expect(matches('{ $.eventName = "*Role*" }', e)).toBe(true);
    expect(matches('{ $.eventName = "attachrolepolicy" }', e)).toBe(false);
    expect(matches('{ $.errorCode = "*UnauthorizedOperation" }', e)).toBe(true);
    expect(matches('{ $.n > 4 && $.n <= 5 }', e)).toBe(true);
    expect(matches('{ $.n = 6 }', e)).toBe(false);
    expect(matches('{ $.a.b[0].c = "x" }', e)).toBe(true);
    expect(matches('{ $.a.b[1].c = "x" }', e)).toBe(false);
    expect(matches('{ $.flag IS FALSE && $.none IS NULL && $.missing NOT EXISTS && $.n EXISTS }', e)).toBe(true);
    expect(matches('{ $.missing != "y" }', e)).toBe(true);
    expect(matches('', e)).toBe(true);
  });

  it('&& binds tighter than ||, and parentheses regroup', () => {
    const e = { a: 'x', b: 'no', c: 'no' };
    expect(matches('{ $.a = x || $.b = yes && $.c = yes }', e)).toBe(true);
    expect(matches('{ ($.a = x || $.b = yes) && $.c = yes }', e)).toBe(false);
  });

  it('what it does not understand is said, never matched', () => {
    for (const p of ['ERROR MainThread', '[ip, user, ...]', '{ $.eventName = %Delete.*% }', '{ $.eventName IN ["a"] }', '{ $.a = ', '{ ($.a = 1 }', '{ a = 1 }', `{ ${'('.repeat(100)}$.a = 1${')'.repeat(100)} }`, 'x'.repeat(2000)])
      expect(parseFilterPattern(p).ok, p).toBe(false);
  });
});

const ACCOUNT = '111122223333';
const LG = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:trail`;
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`;

function world(filters: Record<string, string>, extra: Partial<Record<string, unknown>> = {}): Resource {
  return {
    type: 'aws.cloudwatch.trail-alarms',
    provider: 'aws',
    source: 'live',
    id: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:trail-alarms`,
    relations: {},
    location: { account: ACCOUNT, region: 'us-east-1' },
    properties: {
      Region: 'us-east-1',
      Trails: [{ TrailArn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/t', LogGroupArn: LG }],
      LogGroups: [{ LogGroupArn: LG, LogGroupName: 'trail', MetricFilters: Object.entries(filters).map(([k, p]) => ({ FilterName: k, FilterPattern: p, Metrics: [{ MetricNamespace: 'Sec', MetricName: k }] })) }],
      Alarms: Object.keys(filters).map((k) => ({ AlarmName: k, Namespace: 'Sec', MetricName: k, ActionsEnabled: true, AlarmActions: [TOPIC] })),
      Topics: [{ TopicArn: TOPIC, Subscriptions: 1, Confirmed: 1 }],
      ...extra,
    },
  };
}

function verdicts(r: Resource): Record<string, string> {
  const out = rule.check(r, { params: {} as never, inventory: new Inventory([r]) } as never);
  return Object.fromEntries((Array.isArray(out) ? out : [out!]).map((v) => [v.subId, v.status]));
}

describe('security-monitoring/aws-cloudwatch-security-alarms', () => {
  it('one verdict per CIS 4.x class: only the class the filter counts passes', () => {
    const v = verdicts(world({ root: '{$.userIdentity.type="Root"&&$.userIdentity.invokedBy NOT EXISTS&&$.eventType!="AwsServiceEvent"}' }));
    expect(Object.keys(v)).toEqual(EVENT_CLASSES.map((c) => c.id));
    expect(v['root-usage']).toBe('pass');
    expect(Object.entries(v).filter(([, s]) => s === 'pass').map(([k]) => k)).toEqual(['root-usage']);
  });

  it('a filter missing one required event, or counting every event, does not cover the class', () => {
    expect(verdicts(world({ u: '{ $.errorCode = "*UnauthorizedOperation" }' }))['unauthorized-api-calls']).toBe('fail');
    expect(verdicts(world({ u: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }' }))['unauthorized-api-calls']).toBe('pass');
    expect(verdicts(world({ sg: '{ $.eventName = AuthorizeSecurityGroupIngress || $.eventName = CreateSecurityGroup }' }))['security-group-changes']).toBe('fail');
    expect(verdicts(world({ every: '{ $.eventVersion = * }' }))['security-group-changes']).toBe('fail');
  });

  it('a covering filter whose alarm nobody receives fails; an unread topic is unknown', () => {
    const f = { nacl: '{ $.eventName = *NetworkAcl* }' };
    expect(verdicts(world(f, { Topics: [{ TopicArn: TOPIC, Subscriptions: 1, Confirmed: 0 }] }))['nacl-changes']).toBe('fail');
    expect(verdicts(world(f, { Alarms: [] }))['nacl-changes']).toBe('fail');
    const gap = world(f);
    gap.gaps = { 'Topics[0]': 'AuthorizationError: sns:ListSubscriptionsByTopic: denied' };
    expect(verdicts(gap)['nacl-changes']).toBe('unknown');
  });

  it('in a region without the trail log group the classes are judged elsewhere (not applicable)', () => {
    const r = world({}, { LogGroups: [], Trails: [{ TrailArn: 't', LogGroupArn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:trail` }] });
    expect(new Set(Object.values(verdicts(r)))).toEqual(new Set(['not-applicable']));
  });
});
