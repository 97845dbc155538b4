/**
 * Conditions on the region (CDK's `AwsCdkKinesisEncryptedStreamsUnsupportedRegions`, hand-written
 * `IsChina`/`IsGovCloud`): with no region the condition is unknown, and a verdict that differs
 * between the branches is unknown, not the worst branch; a claims profile that pins the allowed
 * regions decides the condition when all of them agree. Conditions on parameters keep the
 * worst-branch reading.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../../src/evaluate/registry.js';
import { loadIac } from '../../src/sources/iac/load.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { DEFAULT_PARAMETERS } from '../../src/evaluate/claims-profile.js';
import { Branches } from '../../src/model/values.js';

const dir = mkdtempSync(join(tmpdir(), 'vouch-region-cond-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const equalsRegion = (r: string) => ({ 'Fn::Equals': [{ Ref: 'AWS::Region' }, r] });
const kms = { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' };
writeFileSync(
  join(dir, 'streams.json'),
  JSON.stringify({
    Parameters: { Encrypt: { Type: 'String', AllowedValues: ['yes', 'no'] } },
    Conditions: {
      // The shape aws-cdk-lib's kinesis.Stream writes.
      ChinaRegions: { 'Fn::Or': [equalsRegion('cn-north-1'), equalsRegion('cn-northwest-1')] },
      // Written the other way round, through a named condition and Fn::Not.
      NotFrankfurt: { 'Fn::Not': [{ Condition: 'Frankfurt' }] },
      Frankfurt: equalsRegion('eu-central-1'),
      WantsEncryption: { 'Fn::Equals': [{ Ref: 'Encrypt' }, 'yes'] },
      ChinaAndNoEncryption: { 'Fn::And': [{ Condition: 'ChinaRegions' }, { 'Fn::Not': [{ Condition: 'WantsEncryption' }] }] },
    },
    Resources: {
      CdkDefault: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 1, StreamEncryption: { 'Fn::If': ['ChinaRegions', { Ref: 'AWS::NoValue' }, kms] } } },
      PlainOutsideFrankfurt: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 1, StreamEncryption: { 'Fn::If': ['NotFrankfurt', { Ref: 'AWS::NoValue' }, kms] } } },
      ByParameter: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 1, StreamEncryption: { 'Fn::If': ['WantsEncryption', kms, { Ref: 'AWS::NoValue' }] } } },
      Mixed: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 1, StreamEncryption: { 'Fn::If': ['ChinaAndNoEncryption', { Ref: 'AWS::NoValue' }, kms] } } },
    },
  }),
);

const rules = (await loadRules()).filter((r) => r.id === 'enc-rest/aws-kinesis-stream');
function statuses(allowedRegions: string[] | undefined, region?: string): Record<string, string> {
  const inventory = loadIac([dir], region ? { region } : {});
  const params = { ...DEFAULT_PARAMETERS, allowedRegions };
  const out: Record<string, string> = {};
  for (const f of evaluate(inventory, rules, { controls: ['enc-rest'], ctx: { params, inventory } })) out[f.resource.id] = f.status;
  return out;
}

describe('conditions on the region', () => {
  it('the loader tabulates a region-only condition per region, a switch condition per allowed value, and neither for a mix', () => {
    const inv = loadIac([dir], {});
    const cdk = inv.get('streams/CdkDefault')!.properties.StreamEncryption as Branches;
    expect(cdk).toBeInstanceOf(Branches);
    expect(cdk.dimension?.name).toBe('AWS::Region');
    expect(cdk.dimension?.table['cn-north-1']).toBe(true);
    expect(cdk.dimension?.table['eu-west-1']).toBe(false);
    // A parameter with AllowedValues is a switch: its own dimension, not the region's.
    expect((inv.get('streams/ByParameter')!.properties.StreamEncryption as Branches).dimension).toEqual({ name: 'Encrypt', table: { yes: true, no: false } });
    expect((inv.get('streams/Mixed')!.properties.StreamEncryption as Branches).dimension).toBeUndefined();
  });

  it('no region and no allowed regions: a verdict that differs by region is unknown; a parameter still gives the worst branch', () => {
    expect(statuses(undefined)).toEqual({ 'streams/CdkDefault': 'unknown', 'streams/PlainOutsideFrankfurt': 'unknown', 'streams/ByParameter': 'fail', 'streams/Mixed': 'fail' });
  });

  it('allowed regions decide the condition when they all agree', () => {
    expect(statuses(['EU'])).toMatchObject({ 'streams/CdkDefault': 'pass', 'streams/PlainOutsideFrankfurt': 'unknown' });
    expect(statuses(['eu-central-1'])).toMatchObject({ 'streams/CdkDefault': 'pass', 'streams/PlainOutsideFrankfurt': 'pass' });
    expect(statuses(['us-*'])).toMatchObject({ 'streams/CdkDefault': 'pass', 'streams/PlainOutsideFrankfurt': 'fail' });
    expect(statuses(['cn-north-1'])).toMatchObject({ 'streams/CdkDefault': 'fail' });
  });

  it('a known region resolves the condition as before', () => {
    expect(statuses(undefined, 'eu-west-1')).toMatchObject({ 'streams/CdkDefault': 'pass', 'streams/PlainOutsideFrankfurt': 'fail' });
    expect(statuses(undefined, 'cn-northwest-1')).toMatchObject({ 'streams/CdkDefault': 'fail' });
  });
});
