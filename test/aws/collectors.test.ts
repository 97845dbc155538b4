/** Pure mapping pieces of the AWS collectors: API shapes → CloudFormation vocabulary. */
import { describe, it, expect } from 'vitest';
import { ruleEntries } from '../../src/sources/providers/aws/collectors/ec2.js';
import { cannedAcl, bucketRegion } from '../../src/sources/providers/aws/collectors/s3.js';
import { parseCredentialReport, credentialFacts } from '../../src/sources/providers/aws/collectors/iam.js';
import { parsePolicy } from '../../src/sources/providers/aws/collectors/policy.js';
import { safeMessage } from '../../src/sources/providers/aws/collectors/context.js';
import { endpointFor, parseEndpoints } from '../../src/sources/providers/aws/collectors/clients.js';
import { parseRegions, parseAccounts, parseServices } from '../../src/sources/providers/aws/collectors/scan.js';

describe('AWS collector mappings', () => {
  it('splits one IpPermission into one CloudFormation ingress entry per source', () => {
    const entries = ruleEntries(
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '0.0.0.0/0' }, { CidrIp: '10.0.0.0/8', Description: 'vpn' }],
        Ipv6Ranges: [{ CidrIpv6: '::/0' }],
        UserIdGroupPairs: [{ GroupId: 'sg-1', UserId: '111122223333' }],
        PrefixListIds: [{ PrefixListId: 'pl-1' }],
      },
      'ingress',
    );
    expect(entries).toEqual([
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8', Description: 'vpn' },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv6: '::/0' },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, SourceSecurityGroupId: 'sg-1', SourceSecurityGroupOwnerId: '111122223333' },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, SourcePrefixListId: 'pl-1' },
    ]);
    // All traffic: the API reports no ports; none are invented.
    expect(ruleEntries({ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, 'egress')).toEqual([{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }]);
  });

  it('reads ACL grants as the canned ACL they amount to, and bucket locations as regions', () => {
    const all = (p: string) => ({ Grantee: { Type: 'Group' as const, URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: p as never });
    expect(cannedAcl([])).toBe('Private');
    expect(cannedAcl([all('READ')])).toBe('PublicRead');
    expect(cannedAcl([all('WRITE')])).toBe('PublicReadWrite');
    expect(cannedAcl([{ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers' }, Permission: 'READ' }])).toBe('AuthenticatedRead');
    expect(bucketRegion(undefined)).toBe('us-east-1');
    expect(bucketRegion('EU')).toBe('eu-west-1');
    expect(bucketRegion('ap-south-1')).toBe('ap-south-1');
  });

  it('parses the credential report into per-user facts', () => {
    const csv = [
      'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
      '<root_account>,arn:aws:iam::1:root,2020-01-01T00:00:00+00:00,not_supported,2024-01-01T00:00:00+00:00,not_supported,not_supported,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
      'bob,arn:aws:iam::1:user/bob,2021-01-01T00:00:00+00:00,true,no_information,2021-01-01T00:00:00+00:00,N/A,false,true,2021-02-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
    ].join('\n');
    const rows = parseCredentialReport(csv);
    expect(rows.map((r) => r.user)).toEqual(['<root_account>', 'bob']);
    expect(credentialFacts(rows[1]!)).toEqual({
      PasswordEnabled: true,
      PasswordLastChanged: '2021-01-01T00:00:00+00:00',
      MfaActive: false,
      UserCreationTime: '2021-01-01T00:00:00+00:00',
      AccessKeys: [{ Slot: 1, Active: true, LastRotated: '2021-02-01T00:00:00+00:00' }],
    });
    expect(credentialFacts(rows[0]!).PasswordEnabled).toBeUndefined();
  });

  it('decodes policy documents whether plain or URL-encoded, and rejects non-JSON', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }] };
    expect(parsePolicy(JSON.stringify(doc))).toEqual(doc);
    expect(parsePolicy(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc);
    expect(parsePolicy('not json')).toBeUndefined();
    expect(parsePolicy('[1]')).toBeUndefined();
  });

  it('keeps key ids and signatures out of stored error messages', () => {
    const m = safeMessage(new Error('The AWS Access Key Id AKIAABCDEFGHIJKLMNOP does not exist; Signature=abc123&X-Amz-Security-Token=tok\nstack'));
    expect(m).not.toMatch(/AKIAABCDEFGHIJKLMNOP|abc123|tok|stack/);
  });

  it('routes endpoints from --endpoint first, then the SDK environment variables', () => {
    const env = { AWS_ENDPOINT_URL: 'http://all', AWS_ENDPOINT_URL_S3: 'http://s3' };
    expect(endpointFor('s3', {}, env)).toBe('http://s3');
    expect(endpointFor('iam', {}, env)).toBe('http://all');
    expect(endpointFor('iam', { iam: 'http://flag' }, env)).toBe('http://flag');
    expect(endpointFor('elbv2', {}, { AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: 'http://elb' })).toBe('http://elb');
    expect(endpointFor('ec2', {}, {})).toBeUndefined();
    expect(parseEndpoints(['s3=http://127.0.0.1:1', 'default=https://x'])).toEqual({ s3: 'http://127.0.0.1:1', default: 'https://x' });
    expect(() => parseEndpoints(['nosuch=http://x'])).toThrow(/unknown AWS service 'nosuch'/);
    expect(() => parseEndpoints(['s3=file:///etc/passwd'])).toThrow(/not an http\(s\) URL/);
    expect(() => parseEndpoints(['s3'])).toThrow(/NAME=URL/);
  });

  it('validates --regions, --accounts and --services with one-line errors', () => {
    expect(parseRegions(undefined)).toBe('all');
    expect(parseRegions('eu-west-1, us-gov-west-1')).toEqual(['eu-west-1', 'us-gov-west-1']);
    expect(() => parseRegions('eu-west-1,../../etc')).toThrow(/not an AWS region/);
    expect(parseAccounts('111122223333')).toEqual(['111122223333']);
    expect(() => parseAccounts('1234')).toThrow(/12-digit/);
    expect(parseServices('s3,IAM')).toEqual(['s3', 'iam']);
    expect(parseServices('lambda,ecs')).toEqual(['lambda', 'ecs']);
    expect(() => parseServices('s3,nosuch')).toThrow(/unknown service 'nosuch'/);
  });
});

describe('raw records', () => {
  it('keep dates as ISO strings and redact secrets in what they store', async () => {
    const { liveResource, rawRecord } = await import('../../src/sources/providers/aws/collectors/context.js');
    const scope = { account: '111122223333' } as never;
    const r = liveResource(scope, 'aws.x.y', 'arn:aws:x:::y', 'eu-west-1', { Note: 'AKIAABCDEFGHIJKLMNOP' }, rawRecord('x:List', 'eu-west-1', 'req-1'), {
      CreationDate: new Date(0),
      Environment: { Variables: { DB_PASSWORD: 'hunter2', MODE: 'prod' } },
      Password: 'p4ss',
    });
    expect(r.properties.Note).toBe('<redacted>');
    expect(r.raw![0]).toMatchObject({ operation: 'x:List', region: 'eu-west-1', requestId: 'req-1' });
    expect(r.raw![0]!.data).toEqual({ CreationDate: '1970-01-01T00:00:00.000Z', Environment: { Variables: { DB_PASSWORD: '<redacted>', MODE: '<redacted>' } }, Password: '<redacted>' });
    expect(r.location).toEqual({ account: '111122223333', region: 'eu-west-1', arn: 'arn:aws:x:::y' });
  });

  it('plain() stores what a JSON round trip would, with bytes summarized', async () => {
    const { plain } = await import('../../src/sources/providers/aws/collectors/context.js');
    const value = {
      a: 1,
      b: 'x',
      c: undefined,
      d: [1, undefined, new Date(86_400_000), { e: NaN, f: Infinity, g: null }],
      h: { i: { j: [true, false] }, k: () => 1 },
      l: new Date(Number.NaN),
      m: { toJSON: () => ({ n: 'custom' }) },
      $metadata: { httpStatusCode: 200 },
    };
    const viaJson = JSON.parse(JSON.stringify(value));
    expect(plain(value)).toEqual(viaJson);
    expect(plain({ body: new Uint8Array(3) })).toEqual({ body: '<3 bytes>' });
    expect(plain(undefined)).toBeUndefined();
    const deep: Record<string, unknown> = {};
    let cur = deep;
    for (let i = 0; i < 200; i++) cur = (cur.next = {}) as Record<string, unknown>;
    expect(JSON.stringify(plain(deep))).toContain('<nested too deep>');
  });
});
