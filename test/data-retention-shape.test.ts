/**
 * data-retention matches names built from pseudo parameters by shape: an account id (12 digits) or a
 * region (`eu-west-1`) cannot produce the literal part of a glob, a stack name or a parameter can.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shapeMayMatch } from '../rules/data-retention/_shape-glob.js';
import { SHAPE_SPECIFIC as S, SHAPE_UNKNOWN as U } from '../src/model/values.js';
import { loadRules } from '../src/evaluate/registry.js';
import { loadIac } from '../src/sources/iac/load.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../src/evaluate/claims-profile.js';

describe('shapeMayMatch', () => {
  it('an account id or a region cannot complete a word glob; text, a parameter or a resource name can', () => {
    expect(shapeMayMatch('*request-log*', `acme-raw-${S}-${S}`, ['account', 'region'])).toBe(false);
    expect(shapeMayMatch('*request-log*', `${S}-elb-logs-${S}`, ['text', 'account'])).toBe(true);
    expect(shapeMayMatch('*request-log*', `acme-${U}`, ['unknown'])).toBe(true);
    // Without slots (an older inventory) every placeholder is any text.
    expect(shapeMayMatch('*request-log*', `acme-raw-${S}-${S}`, undefined)).toBe(true);
  });
  it('a glob the slot alphabet can produce does match: digits for an account, region words for a region', () => {
    expect(shapeMayMatch('*-1234*', `logs-${S}`, ['account'])).toBe(true);
    expect(shapeMayMatch('*-eu-west-*', `logs-${S}`, ['region'])).toBe(true);
    expect(shapeMayMatch('*us-gov-west-1*', `logs-${S}`, ['region'])).toBe(true);
    expect(shapeMayMatch('logs-??????????', `logs-${S}`, ['account'])).toBe(false); // 10 characters; an account id has 12
    expect(shapeMayMatch('logs-????????????', `logs-${S}`, ['account'])).toBe(true);
    expect(shapeMayMatch('*request*', `logs-${S}`, ['region'])).toBe(false);
  });
  it('the literal text still decides, case-insensitively', () => {
    expect(shapeMayMatch('*request-log*', `Portal-Request-Logs-${S}`, ['account'])).toBe(true);
    expect(shapeMayMatch('audit-*', `acme-${S}`, ['text'])).toBe(false);
  });
  it('decides long names against many-star globs (no backtracking: sets of glob positions)', () => {
    expect(shapeMayMatch('*a*a*a*a*a*a*a*a*a*b', `${'a'.repeat(5000)}${S}`, ['account'])).toBe(false);
    expect(shapeMayMatch('*a*a*a*a*a*a*a*a*a*b', `${'a'.repeat(5000)}${S}`, ['text'])).toBe(true);
  });
});

const dir = mkdtempSync(join(tmpdir(), 'vouch-retention-shape-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'buckets.json'),
  JSON.stringify({
    Parameters: { Env: { Type: 'String' } },
    Resources: {
      Raw: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': 'acme-raw-${AWS::AccountId}-${AWS::Region}' } } },
      Joined: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Join': ['-', ['acme', 'curated', { Ref: 'AWS::AccountId' }, { Ref: 'AWS::Region' }]] } } },
      ByStack: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': '${AWS::StackName}-logs-${AWS::AccountId}' } } },
      ByStackRequestLogs: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': '${AWS::StackName}-request-logs' } } },
      ByStackAndParam: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { 'Fn::Sub': '/${AWS::StackName}/${Env}/access' } } },
      ByParam: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': 'acme-${Env}-${AWS::Region}' } } },
      RequestLogs: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': 'acme-request-logs-${AWS::AccountId}' } } },
      AppLogs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { 'Fn::Join': ['', ['/acme/', { Ref: 'AWS::Region' }, '/app']] } } },
    },
  }),
);

describe('data-retention on names built from pseudo parameters', () => {
  it('an account id, a region or the stack name cannot make a bucket or log group a request-log set; a parameter leaves it unknown', async () => {
    const rules = (await loadRules()).filter((r) => r.control === 'data-retention');
    const inventory = loadIac([dir], {});
    const params = { ...DEFAULT_PARAMETERS, retention: [{ dataSet: 'request-logs', maxDays: 30, match: { name: '*request-log*' } }] };
    const got: Record<string, string> = {};
    for (const f of evaluate(inventory, rules, { controls: ['data-retention'], ctx: { params, inventory } })) got[f.resource.id] = f.status;
    expect(got).toEqual({
      'buckets/Raw': 'not-applicable',
      'buckets/Joined': 'not-applicable',
      // The stack name is every store's in the stack: a data set is recognised by the store's own name.
      'buckets/ByStack': 'not-applicable',
      'buckets/ByParam': 'unknown',
      'buckets/RequestLogs': 'fail',
      'buckets/ByStackRequestLogs': 'fail',
      'buckets/ByStackAndParam': 'unknown',
      'buckets/AppLogs': 'not-applicable',
    });
  });
});
