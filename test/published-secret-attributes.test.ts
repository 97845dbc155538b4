/**
 * Secret-valued `Fn::GetAtt` attributes written into a stack's Outputs (secrets-encrypted on the stack):
 * documented ones by resource type (an IVS stream key's `Value` says nothing by its name), others by name,
 * found whole, in a Fn::Sub text or variable map, or inside a Fn::Join.
 */
import { describe, it, expect } from 'vitest';
import { publishedSecrets, parametersInOutputs, isSecretAttribute, SECRET_ATTRIBUTES } from '../src/sources/iac/template-secrets.js';

const TYPES = new Map<string, string | undefined>([
  ['Key', 'AWS::IAM::AccessKey'],
  ['Stream', 'AWS::IVS::StreamKey'],
  ['Ingest', 'AWS::IVS::IngestConfiguration'],
  ['Client', 'AWS::Cognito::UserPoolClient'],
  ['GqlKey', 'AWS::AppSync::ApiKey'],
  ['Channel', 'AWS::IVS::Channel'],
  ['Custom', 'Custom::Thing'],
  ['Untyped', undefined],
]);

/** `logicalId.attr (output)` of every published secret found. */
function found(outputs: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [lid, sites] of publishedSecrets(outputs, TYPES))
    for (const s of sites) out.push(`${lid}.${s.name} (${s.value.kind === 'published' ? s.value.output : '?'})`);
  return out.sort();
}

describe('secret attributes published in Outputs', () => {
  it('documented secret attributes are found by type, whatever their name', () => {
    expect(isSecretAttribute('AWS::IVS::StreamKey', 'Value')).toBe(true);
    expect(isSecretAttribute('AWS::IVS::StreamKey', 'Arn')).toBe(false);
    expect(isSecretAttribute('AWS::IVS::IngestConfiguration', 'StreamKey')).toBe(true);
    expect(isSecretAttribute('AWS::IVS::IngestConfiguration', 'ParticipantId')).toBe(false);
    expect(isSecretAttribute('AWS::Cognito::UserPoolClient', 'ClientSecret')).toBe(true);
    expect(isSecretAttribute('AWS::AppSync::ApiKey', 'ApiKey')).toBe(true);
    expect(isSecretAttribute('AWS::AppSync::ApiKey', 'ApiKeyId')).toBe(false);
    // A type with no entry is judged by the attribute's name.
    expect(isSecretAttribute('Custom::Thing', 'AdminPassword')).toBe(true);
    expect(isSecretAttribute('Custom::Thing', 'Value')).toBe(false);
    expect(isSecretAttribute(undefined, 'Value')).toBe(false);
    for (const attrs of Object.values(SECRET_ATTRIBUTES)) expect(attrs.length).toBeGreaterThan(0);
  });

  it('GetAtt in both spellings, in Fn::Sub text and variable maps, in Fn::Join and Fn::If', () => {
    expect(
      found({
        A: { Value: { 'Fn::GetAtt': ['Stream', 'Value'] } },
        B: { Value: { 'Fn::GetAtt': 'Ingest.StreamKey' } },
        C: { Value: { 'Fn::Sub': 'id=${Client}&secret=${Client.ClientSecret}' } },
        D: { Value: { 'Fn::Sub': ['k=${K}', { K: { 'Fn::GetAtt': ['Key', 'SecretAccessKey'] } }] } },
        E: { Value: { 'Fn::Join': [':', ['rtmps', { 'Fn::GetAtt': ['Stream', 'Value'] }]] } },
        F: { Value: { 'Fn::If': ['Debug', { 'Fn::GetAtt': ['Custom', 'Password'] }, 'none'] } },
      }),
    ).toEqual([
      'Client.ClientSecret (C)',
      'Custom.Password (F)',
      'Ingest.StreamKey (B)',
      'Key.SecretAccessKey (D)',
      'Stream.Value (A)',
      'Stream.Value (E)',
    ]);
  });

  it('names, ARNs and addresses are not secrets; a GetAtt of a resource the template lacks is not read', () => {
    expect(
      found({
        Arn: { Value: { 'Fn::GetAtt': ['Stream', 'Arn'] } },
        Ref: { Value: { Ref: 'Stream' } },
        Endpoint: { Value: { 'Fn::Sub': 'rtmps://${Channel.IngestEndpoint}/app/' } },
        Participant: { Value: { 'Fn::Join': ['/', [{ 'Fn::GetAtt': ['Ingest', 'ParticipantId'] }]] } },
        CustomValue: { Value: { 'Fn::GetAtt': ['Custom', 'Value'] } },
        UntypedValue: { Value: { 'Fn::GetAtt': ['Untyped', 'Value'] } },
        Missing: { Value: { 'Fn::GetAtt': ['Elsewhere', 'SecretAccessKey'] } },
        Literal: { Value: 'Stream.Value' },
      }),
    ).toEqual([]);
  });
});

describe('parameters carried into Outputs', () => {
  const PARAMS = new Set(['DbPassword', 'HookUrl', 'Stage']);
  it('finds a Ref, a ${Name} in a Fn::Sub and a Ref in a Join or a Sub variable map, keyed by parameter', () => {
    const got = parametersInOutputs(
      {
        A: { Value: { Ref: 'HookUrl' } },
        B: { Value: { 'Fn::Sub': 'mysql://app:${DbPassword}@db:3306/shop' } },
        C: { Value: { 'Fn::Join': ['', ['hook=', { Ref: 'HookUrl' }]] } },
        D: { Value: { 'Fn::Sub': ['x=${v}', { v: { Ref: 'DbPassword' } }] } },
      },
      PARAMS,
    );
    expect(Object.fromEntries(got)).toEqual({ HookUrl: ['A', 'C'], DbPassword: ['B', 'D'] });
  });
  it('ignores a Sub variable defined in the Sub\'s own map, a ${!Literal}, a resource Ref and an attribute', () => {
    const got = parametersInOutputs(
      {
        A: { Value: { 'Fn::Sub': ['${DbPassword} is a local', { DbPassword: 'x' }] } },
        B: { Value: { 'Fn::Sub': 'export ${!DbPassword}' } },
        C: { Value: { Ref: 'SomeBucket' } },
        D: { Value: { 'Fn::Sub': '${HookUrl.Arn}' } },
      },
      PARAMS,
    );
    expect([...got.keys()]).toEqual([]);
  });
});
