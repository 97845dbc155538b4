/**
 * The collectors of the services added with the provider declarations,
 * against moto through the loopback fault proxy: listings that span pages
 * are read whole, and one fault per service (denied, throttled, failing
 * listings and per-item reads) leaves its rules not collected or its
 * resources unknown — exit 3, never a pass, and no false failure either
 * (a VPC whose flow logs could not be listed is not "unlogged").
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SNSClient, CreateTopicCommand } from '@aws-sdk/client-sns';
import { CognitoIdentityProviderClient, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { OpenSearchClient, CreateDomainCommand } from '@aws-sdk/client-opensearch';
import { startMoto, type Moto } from './moto.js';
import { servicesWorld, seedServicesWorld, servicesWithoutViolations } from '../cloud/aws/world-services.js';
import { startFaultProxy, type FaultProxy, type FaultRule } from '../cloud/proxy.js';
import { faults, byAction, byTarget, byPath, jsonError } from '../cloud/aws/faults.js';
import { runVouch } from '../helpers/in-process.js';
import type { EvidenceDocument } from '../../src/findings/evidence.js';

const SERVICES = 'efs,sqs,sns,kinesis,opensearch,cognito,apigateway,ec2,cloudformation';
const ENV = { AWS_ACCESS_KEY_ID: 'AKIAVOUCHSERVICES001', AWS_SECRET_ACCESS_KEY: 'services-test-secret', AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: undefined, CI: 'true' };
const base = (url: string) => ({ endpoint: url, credentials: { accessKeyId: 'seed', secretAccessKey: 'seed' } });

let moto: Moto;
let proxy: FaultProxy;
let dir: string;
let ids: Map<string, string>;
let clean: { code: number; doc: EvidenceDocument };

async function scan(name: string, rules: FaultRule[]) {
  proxy.setRules(rules);
  const out = join(dir, name);
  const run = await runVouch(['scan', 'aws', '--regions', 'us-east-1,eu-west-1', '--services', SERVICES, '--endpoint', `default=${proxy.url}`, '--max-attempts', '2', '--fail-on', 'critical', '--out', out, '--quiet'], ENV);
  const file = join(out, 'evidence.json');
  expect(existsSync(file), `${name}: no report (${run.stderr})`).toBe(true);
  return { code: run.code, doc: JSON.parse(readFileSync(file, 'utf8')) as EvidenceDocument };
}

const gapRules = (doc: EvidenceDocument) => doc.coverage.notCollected!.filter((n) => n.gap && !/--services/.test(n.why)).map((n) => n.rule);
const statuses = (doc: EvidenceDocument, rule: string) => doc.findings.filter((f) => f.ruleId === rule).map((f) => f.status);

beforeAll(async () => {
  moto = await startMoto();
  // The compliant services world, plus enough topics, user pools and domains to span pages and batches.
  ids = await seedServicesWorld(servicesWithoutViolations(servicesWorld()), base(moto.url), '123456789012');
  const sns = new SNSClient({ ...base(moto.url), region: 'us-east-1' });
  for (let i = 0; i < 105; i++) await sns.send(new CreateTopicCommand({ Name: `bulk-${i}` }));
  const idp = new CognitoIdentityProviderClient({ ...base(moto.url), region: 'us-east-1' });
  for (let i = 0; i < 65; i++) await idp.send(new CreateUserPoolCommand({ PoolName: `bulk-${i}`, MfaConfiguration: 'ON' }));
  const os = new OpenSearchClient({ ...base(moto.url), region: 'us-east-1' });
  for (let i = 0; i < 7; i++) await os.send(new CreateDomainCommand({ DomainName: `bulk-${i}`, EncryptionAtRestOptions: { Enabled: true } }));
  proxy = await startFaultProxy(moto.url);
  dir = mkdtempSync(join(tmpdir(), 'vouch-aws-services-'));
  clean = await scan('clean', []);
  // Left out services aside, the clean world is complete: no unknown, no gap (exit 3 comes from --services).
  expect(clean.doc.coverage.excludedServices?.length).toBeGreaterThan(0);
}, 240_000);

afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
});

describe('new AWS services, paginated', () => {
  it('reads every page and batch: 106 topics over 2 ListTopics pages, 66 pools over 2 pages, 8 domains in 2 DescribeDomains batches', () => {
    const r = clean.doc.coverage.resources!;
    expect(r['aws.sns.topic']).toBe(106);
    expect(r['aws.cognito.user-pool']).toBe(66);
    expect(r['aws.opensearch.domain']).toBe(8);
    const calls = clean.doc.coverage.calls!;
    // us-east-1 spans two pages; eu-west-1 (one twin each) one page.
    expect(calls['sns:ListTopics']).toBe(3);
    expect(calls['sns:GetTopicAttributes']).toBe(106);
    expect(calls['cognito-idp:ListUserPools']).toBe(3);
    expect(calls['es:DescribeDomains']).toBe(3);
    expect(clean.doc.coverage.failures).toEqual([]);
    // Every rule on these services was read; only the services left out are not collected.
    expect(gapRules(clean.doc)).toEqual([]);
    expect(clean.doc.findings.filter((f) => f.status === 'unknown').map((f) => f.ruleId)).toEqual([]);
  });

  it('keeps launch template user data out of everything it writes', () => {
    const text = readFileSync(join(dir, 'clean', 'evidence.json'), 'utf8');
    expect(text).not.toContain('launch-template-user-data-Vx93kQ');
    expect(text).not.toContain(Buffer.from('#!/bin/sh').toString('base64').slice(0, 8));
    expect(text).toContain(ids.get('lt:vouch-e2e-private')!);
  });
});

const deniedQuery = (action: string, iam: string) => faults.accessDeniedQuery(byAction(action), iam);
const deniedJson = (target: string, iam: string) => faults.accessDeniedJson(byTarget(target), iam);

describe('one fault per new service: not collected or unknown, exit 3, no pass and no false failure', () => {
  const cases: { name: string; rules: FaultRule[]; notCollected?: string[]; unknown?: string[]; code: string }[] = [
    { name: 'EFS DescribeFileSystems 500', rules: [{ match: byPath('GET', '/2015-02-01/file-systems'), fault: jsonError(500, 'InternalServerError', 'internal') }], notCollected: ['enc-rest/aws-efs-file-system'], code: 'InternalServerError' },
    { name: 'SQS ListQueues denied', rules: [deniedJson('ListQueues', 'sqs:ListQueues')], notCollected: ['enc-rest/aws-sqs-queue'], code: 'AccessDeniedException' },
    { name: 'SNS GetTopicAttributes denied', rules: [deniedQuery('GetTopicAttributes', 'sns:GetTopicAttributes')], notCollected: ['enc-rest/aws-sns-topic'], unknown: ['enc-rest/aws-sns-topic'], code: 'AccessDenied' },
    { name: 'Kinesis DescribeStreamSummary denied', rules: [deniedJson('DescribeStreamSummary', 'kinesis:DescribeStreamSummary')], unknown: ['enc-rest/aws-kinesis-stream'], code: 'AccessDeniedException' },
    { name: 'OpenSearch DescribeDomains 500', rules: [{ match: byPath('POST', '/2021-01-01/opensearch/domain-info'), fault: jsonError(500, 'InternalException', 'internal') }], notCollected: ['enc-rest/aws-opensearch-domain', 'tls-min/aws-opensearch-domain', 'https-redirect/aws-opensearch-domain'], code: 'InternalException' },
    { name: 'Cognito ListUserPools denied', rules: [deniedJson('ListUserPools', 'cognito-idp:ListUserPools')], notCollected: ['mfa/aws-cognito-user-pool'], code: 'AccessDeniedException' },
    { name: 'API Gateway GetRestApis and v2 GetDomainNames throttled', rules: [faults.tooManyRequests(byPath('GET', '/restapis')), faults.tooManyRequests(byPath('GET', '/v2/domainnames'))], notCollected: ['tls-min/aws-apigateway-rest-api', 'tls-min/aws-apigatewayv2-domain-name'], code: 'TooManyRequestsException' },
    { name: 'EC2 DescribeFlowLogs unauthorized', rules: [faults.unauthorizedEc2(byAction('DescribeFlowLogs'))], notCollected: ['audit-logging/aws-ec2-vpc-flow-logs'], code: 'UnauthorizedOperation' },
    { name: 'EC2 DescribeLaunchTemplateVersions unauthorized', rules: [faults.unauthorizedEc2(byAction('DescribeLaunchTemplateVersions'))], notCollected: ['enc-rest/aws-ec2-launch-template', 'bastion-only/aws-ec2-launch-template-public-ip'], code: 'UnauthorizedOperation' },
    { name: 'CloudFormation DescribeStacks denied', rules: [deniedQuery('DescribeStacks', 'cloudformation:DescribeStacks')], notCollected: ['data-residency/aws-cloudformation-stack'], code: 'AccessDenied' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { code, doc } = await scan(c.name.replace(/\W+/g, '-'), c.rules);
      // Only critical failures gate (none in this world), so the fault alone decides: incomplete.
      expect(code).toBe(3);
      expect(doc.coverage.failures!.map((f) => f.code)).toContain(c.code);
      for (const rule of c.notCollected ?? []) {
        expect(gapRules(doc), rule).toContain(rule);
        // Whatever was read of the rule's resources under the fault, none passes where the clean scan had not.
        expect(statuses(doc, rule).filter((s) => s === 'pass').length, rule).toBeLessThanOrEqual(statuses(clean.doc, rule).filter((s) => s === 'pass').length);
      }
      for (const rule of c.unknown ?? []) {
        const got = statuses(doc, rule);
        expect(got.length, rule).toBeGreaterThan(0);
        expect(got.filter((s) => s !== 'unknown'), rule).toEqual([]);
      }
      for (const rule of [...(c.notCollected ?? []), ...(c.unknown ?? [])]) expect(statuses(doc, rule), `${rule}: a fault must not invent a failure`).not.toContain('fail');
    });
  }
});
