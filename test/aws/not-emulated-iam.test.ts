/**
 * The IAM violations moto 5.2.1 cannot show (see not-emulated-rules.ts): root
 * access keys, access keys older than the rotation limit, credentials unused
 * past the limit (moto dates every credential report 2015, so ages are
 * unknown there), and an AWS managed admin policy attached (moto loads no AWS
 * managed policies). A loopback server answers the IAM calls vouch makes in
 * IAM's own query/XML wire format, with a credential report generated now;
 * the real SDK client and collector run, and the rules judge what they read.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { scanAws } from '../../src/sources/providers/aws/collectors/scan.js';
import { loadRules } from '../../src/evaluate/registry.js';
import { runEvaluation } from '../../src/evaluate/run.js';
import { buildProfile } from '../../src/evaluate/claims-profile.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';
import { NOT_EMULATED } from './not-emulated-rules.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const ACCOUNT = '123456789012';
const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString().replace(/\.\d+Z$/, '+00:00');
const arnOf = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const calls: string[] = [];

/** What is planted: a stale machine user, a fresh human user, an admin role beside a read-only one, root keys. */
const USERS = [
  { name: 'stale-bot', created: 400, password: false, key: { rotated: 400, used: 200 } },
  { name: 'fresh-dev', created: 10, password: true, passwordUsed: 1, key: { rotated: 10, used: 1 } },
];
const ROLES = [
  { name: 'break-glass', policy: 'AdministratorAccess' },
  { name: 'auditor', policy: 'ReadOnlyAccess' },
  { name: 'uploader', policy: 'AmazonS3FullAccess' },
  { name: 'glue-job', policy: 'service-role/AWSGlueServiceRole' },
  { name: 'lambda-basic', policy: 'service-role/AWSLambdaBasicExecutionRole' },
];

function credentialReport(): string {
  const header =
    'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
  const root = `<root_account>,arn:aws:iam::${ACCOUNT}:root,${ago(2000)},not_supported,${ago(3)},not_supported,not_supported,true,true,${ago(30)},${ago(2)},us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
  const rows = USERS.map((u) =>
    [u.name, arnOf('user', u.name), ago(u.created), String(u.password), u.password ? ago(u.passwordUsed!) : 'N/A', u.password ? ago(u.created) : 'N/A', 'N/A', 'false', 'true', ago(u.key.rotated), ago(u.key.used), 'us-east-1', 's3', 'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'false', 'N/A'].join(','),
  );
  return [header, root, ...rows].join('\n');
}

const xml = (op: string, inner: string) => `<${op}Response xmlns="${NS}"><${op}Result>${inner}</${op}Result><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></${op}Response>`;

function answer(body: string): { status: number; body: string } {
  const action = new URLSearchParams(body).get('Action') ?? '';
  calls.push(action);
  switch (action) {
    case 'GetCallerIdentity':
      return { status: 200, body: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT}:user/auditor</Arn><UserId>AIDAFAKE</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></GetCallerIdentityResponse>` };
    case 'DescribeRegions':
      return { status: 200, body: `<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>fake</requestId><regionInfo><item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item></regionInfo></DescribeRegionsResponse>` };
    case 'GetAccountAuthorizationDetails': {
      const trust = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }));
      const users = USERS.map((u) => `<member><Path>/</Path><UserName>${u.name}</UserName><UserId>AIDA${u.name.replace(/-/g, '').toUpperCase()}</UserId><Arn>${arnOf('user', u.name)}</Arn><CreateDate>${ago(u.created)}</CreateDate><GroupList/><AttachedManagedPolicies/><UserPolicyList/></member>`).join('');
      const roles = ROLES.map(
        (r) =>
          `<member><Path>/</Path><RoleName>${r.name}</RoleName><RoleId>AROA${r.name.replace(/-/g, '').toUpperCase()}</RoleId><Arn>${arnOf('role', r.name)}</Arn><CreateDate>${ago(100)}</CreateDate><AssumeRolePolicyDocument>${trust}</AssumeRolePolicyDocument><InstanceProfileList/><RolePolicyList/><AttachedManagedPolicies><member><PolicyName>${r.policy.split('/').pop()}</PolicyName><PolicyArn>arn:aws:iam::aws:policy/${r.policy}</PolicyArn></member></AttachedManagedPolicies></member>`,
      ).join('');
      return { status: 200, body: xml(action, `<IsTruncated>false</IsTruncated><UserDetailList>${users}</UserDetailList><GroupDetailList/><RoleDetailList>${roles}</RoleDetailList><Policies/>`) };
    }
    case 'GenerateCredentialReport':
      return { status: 200, body: xml(action, '<State>COMPLETE</State><Description>done</Description>') };
    case 'GetCredentialReport':
      return { status: 200, body: xml(action, `<Content>${Buffer.from(credentialReport()).toString('base64')}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>${new Date(Date.now() - 60_000).toISOString()}</GeneratedTime>`) };
    case 'GetAccountSummary':
      return { status: 200, body: xml(action, '<SummaryMap><entry><key>AccountMFAEnabled</key><value>1</value></entry><entry><key>AccountAccessKeysPresent</key><value>1</value></entry><entry><key>Users</key><value>2</value></entry></SummaryMap>') };
    case 'GetAccountPasswordPolicy':
      return { status: 404, body: `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The Password Policy with domain name ${ACCOUNT} cannot be found.</Message></Error><RequestId>fake</RequestId></ErrorResponse>` };
    case 'ListVirtualMFADevices':
      return { status: 200, body: xml(action, '<IsTruncated>false</IsTruncated><VirtualMFADevices/>') };
    case 'ListServerCertificates':
      return { status: 200, body: xml(action, '<IsTruncated>false</IsTruncated><ServerCertificateMetadataList/>') };
    default:
      return { status: 400, body: `<ErrorResponse xmlns="${NS}"><Error><Code>NotImplemented</Code><Message>${action}</Message></Error></ErrorResponse>` };
  }
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const a = answer(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(a.status, { 'content-type': 'text/xml', 'x-amzn-requestid': 'fake' });
    res.end(a.body);
  });
});
let doc: EvidenceDocument;

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { inventory } = await scanAws({ regions: ['us-east-1'], services: ['iam'], concurrency: 2, endpoints: { default: url }, progress: false, maxAttempts: 1, requestTimeoutMs: 5000, credentials: { accessKeyId: 'AKIAFAKEFAKEFAKE0001', secretAccessKey: 'x' } });
  const profile = buildProfile({ version: 1, name: 't', claims: [{ id: 'iam', text: 'Least privilege.', controls: ['iam-least-privilege'] }] } as never);
  doc = runEvaluation({ inventory, rules: await loadRules(), profile, command: 'scan aws', inputs: [] });
}, 60_000);
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const verdicts = (rule: string) => Object.fromEntries(doc.findings.filter((f) => f.ruleId === rule).map((f) => [`${f.resource.name ?? f.resource.id}${f.subId ? ` ${f.subId}` : ''}`, f.status]));

describe('IAM violations moto cannot emulate, read from a loopback IAM', () => {
  it('reads everything it asked for: no failed call, the report judged as of its generation time', () => {
    expect(doc.coverage.failures).toEqual([]);
    expect(calls).toContain('GetCredentialReport');
    expect(calls).toContain('GetAccountAuthorizationDetails');
  });

  it('root access keys present: fail', () => {
    expect(verdicts('iam-least-privilege/aws-root-access-keys')).toEqual({ [ACCOUNT]: 'fail' });
  });

  it('an access key 400 days old fails the 90-day limit; a 10-day-old key passes', () => {
    expect(verdicts('iam-least-privilege/aws-access-key-age')).toEqual({ 'stale-bot key1': 'fail', 'fresh-dev key1': 'pass' });
  });

  it('a key unused for 200 days fails the 45-day limit; credentials used yesterday pass', () => {
    expect(verdicts('iam-least-privilege/aws-unused-credentials')).toEqual({ 'stale-bot key1': 'fail', 'fresh-dev password': 'pass', 'fresh-dev key1': 'pass' });
  });

  it('AdministratorAccess attached to a role fails; ReadOnlyAccess passes', () => {
    const got = verdicts('iam-least-privilege/aws-iam-admin-managed-policy');
    expect(got['break-glass ManagedPolicyArns:AdministratorAccess']).toBe('fail');
    expect(got['auditor']).toBe('pass');
  });

  it('AmazonS3FullAccess attached to a role fails; ReadOnlyAccess and AdministratorAccess (judged by the admin rule) do not', () => {
    const got = verdicts('iam-least-privilege/aws-iam-full-access-managed-policy');
    expect(got['uploader ManagedPolicyArns:AmazonS3FullAccess']).toBe('fail');
    expect(got['auditor']).toBe('pass');
    expect(got['break-glass']).toBe('pass');
  });

  it('AWSGlueServiceRole (glue:* on *, read from the managed-policy table) fails live too; AWSLambdaBasicExecutionRole passes', () => {
    const got = verdicts('iam-least-privilege/aws-iam-full-access-managed-policy');
    expect(got['glue-job ManagedPolicyArns:AWSGlueServiceRole']).toBe('fail');
    expect(doc.findings.find((f) => f.subId === 'ManagedPolicyArns:AWSGlueServiceRole')?.message).toContain('glue:* on all resources');
    expect(got['lambda-basic']).toBe('pass');
  });

  it('covers every IAM rule listed as not emulated by moto', () => {
    const here = Object.entries(NOT_EMULATED).filter(([, x]) => x.test === 'not-emulated-iam.test.ts').map(([id]) => id).sort();
    const failing = [...new Set(doc.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId))];
    expect(here.filter((id) => !failing.includes(id))).toEqual([]);
    expect(here.length).toBe(5);
  });
});
