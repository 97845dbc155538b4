/**
 * The parts of `scan aws --cdk-out` that need no cloud: the deployed template
 * against the assembly (resource by resource, property digests only), the
 * claim-level drift line, the drift section in evidence.json / Markdown /
 * HTML, and a live finding's SARIF location at its CDK source line (from
 * the assembly's stack traces) or its template line. The moto end-to-end run
 * is scan-cdk-out.integration.test.ts.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployedTemplate } from '../../src/sources/providers/aws/collectors/cloudformation.js';
import { codeStacks, compareAssembly } from '../../src/findings/drift/assembly.js';
import { compareDrift, exitWithDrift } from '../../src/findings/drift/compare.js';
import { attachCode } from '../../src/findings/drift/scan-stage.js';
import { appFrame, sourceLines } from '../../src/findings/drift/traces.js';
import { propertyDigest } from '../../src/findings/drift/digest.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { renderHtml } from '../../src/reporters/html.js';
import { renderSarif } from '../../src/reporters/sarif.js';
import { renderJson } from '../../src/reporters/json.js';
import { parseEvidence } from '../../src/reporters/load-evidence.js';
import type { Resource } from '../../src/model/resource.js';
import { makeFinding, richEvidence, HOSTILE } from '../reports/evidence-fixture.js';
import { owned, shadow } from './owned-findings.js';
import { driftErrors, evidenceErrors } from '../helpers/evidence-schema.js';

const SECRET = 'pAsSwOrD-in-a-template-7f6e5d';

function template(resources: Record<string, { Type: string; Properties?: Record<string, unknown>; path?: string }>): string {
  const out: Record<string, unknown> = {};
  for (const [id, r] of Object.entries(resources)) out[id] = { Type: r.Type, ...(r.Properties ? { Properties: r.Properties } : {}), ...(r.path ? { Metadata: { 'aws:cdk:path': r.path } } : {}) };
  return JSON.stringify({ Resources: out }, null, 1);
}

function liveStack(name: string, body: string | undefined, region = 'us-east-1'): Resource {
  const t = body === undefined ? undefined : deployedTemplate(body);
  return {
    type: 'aws.cloudformation.stack',
    provider: 'aws',
    source: 'live',
    id: `arn:aws:cloudformation:${region}:123456789012:stack/${name}/1`,
    name,
    properties: { StackName: name, Live: t ? { DeployedTemplate: t.resources } : {} },
    location: { account: '123456789012', region },
    relations: {},
    ...(t ? {} : { gaps: { 'Live.DeployedTemplate': 'AccessDenied: cloudformation:GetTemplate' } }),
  };
}

function codeResource(stack: string, logicalId: string, file: string, type = 'aws.s3.bucket'): Resource {
  return { type, provider: 'aws', source: 'iac', id: `${stack}/${logicalId}`, properties: {}, location: { stack, logicalId, file, constructPath: `${stack}/${logicalId}/Resource` }, relations: {} };
}

const DEPLOYED = template({
  Assets: { Type: 'AWS::S3::Bucket', path: 'WebStack/Assets/Resource', Properties: { BucketName: 'web-assets', BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] }, Tags: [{ Key: 'v', Value: '1' }] } },
  Old: { Type: 'AWS::SQS::Queue', path: 'WebStack/Old/Resource', Properties: { QueueName: 'old' } },
  Db: { Type: 'AWS::RDS::DBInstance', path: 'WebStack/Db/Resource', Properties: { MasterUserPassword: SECRET, StorageEncrypted: true } },
});
const CODE = template({
  Assets: { Type: 'AWS::S3::Bucket', path: 'WebStack/Assets/Resource', Properties: { BucketName: 'web-assets', BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] }, Tags: [{ Key: 'v', Value: '2' }] } },
  New: { Type: 'AWS::SQS::Queue', path: 'WebStack/New/Resource', Properties: { QueueName: 'new' } },
  Db: { Type: 'AWS::RDS::DBInstance', path: 'WebStack/Db/Resource', Properties: { StorageEncrypted: true, MasterUserPassword: SECRET } },
});

describe('deployed template vs the assembly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-assembly-'));
  const file = join(dir, 'WebStack.template.json');
  writeFileSync(file, CODE);
  const code = codeStacks([codeResource('WebStack', 'Assets', file), codeResource('WebStack', 'New', file, 'aws.sqs.queue'), codeResource('Other', 'X', join(dir, 'Other.template.json'))]);
  const read = new Map([['WebStack\u0000Assets', new Set(['BucketEncryption'])]]);

  it('names resources not deployed, deployed but not in the assembly, and changed properties (rule-read apart); key order does not count', () => {
    const a = compareAssembly([liveStack('WebStack', DEPLOYED)], code, read);
    expect(a.compared).toBe(1);
    // As drift.json carries it (scan aws --cdk-out): valid against schema/drift.schema.json.
    expect(driftErrors({ ...compareDrift(richEvidence([]), richEvidence([])), assembly: a })).toEqual([]);
    expect(a.notDeployed.map((r) => r.logicalId)).toEqual(['New']);
    expect(a.notInAssembly.map((r) => `${r.logicalId} ${r.type} ${r.constructPath}`)).toEqual(['Old AWS::SQS::Queue WebStack/Old/Resource']);
    expect(a.changed).toEqual([{ stack: 'WebStack', region: 'us-east-1', logicalId: 'Assets', type: 'AWS::S3::Bucket', constructPath: 'WebStack/Assets/Resource', properties: ['BucketEncryption', 'Tags'], readByRules: ['BucketEncryption'] }]);
    // The unreadable second template is said, never counted as in step.
    expect(a.notCompared).toEqual([expect.objectContaining({ stack: 'Other', reason: expect.stringMatching(/Other\.template\.json/) })]);
  });

  it('keeps no template value: the deployed side is digests keyed per process, the report names properties only', () => {
    const t = deployedTemplate(DEPLOYED)!;
    expect(JSON.stringify(t.resources)).not.toContain(SECRET);
    expect(t.resources.Db!.Digests.MasterUserPassword).toMatch(/^[0-9a-f]{16}$/);
    expect(t.resources.Db!.Digests.MasterUserPassword).not.toBe(propertyDigest('other'));
    const a = compareAssembly([liveStack('WebStack', DEPLOYED)], code, read);
    expect(JSON.stringify(a)).not.toContain(SECRET);
  });

  it('a YAML deployed template compares equal to the same JSON in the assembly', () => {
    const yaml = 'Resources:\n  Assets:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: web-assets\n';
    const json = template({ Assets: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'web-assets' } } });
    const f = join(dir, 'Y.template.json');
    writeFileSync(f, json);
    const a = compareAssembly([liveStack('Y', yaml)], codeStacks([codeResource('Y', 'Assets', f)]), new Map());
    expect(a).toMatchObject({ compared: 1, changed: [], notDeployed: [], notInAssembly: [] });
  });

  it('a stack whose template was not read is not compared (with why); a stack deployed nowhere is listed', () => {
    const a = compareAssembly([liveStack('WebStack', undefined)], code, read);
    expect(a.compared).toBe(0);
    expect(a.notCompared.map((n) => n.reason)).toContain('AccessDenied: cloudformation:GetTemplate');
    expect(a.changed).toEqual([]);
    const none = compareAssembly([], code, read);
    expect(none.stacksNotDeployed).toEqual(['WebStack']);
    expect(none.notDeployed.map((r) => r.logicalId).sort()).toEqual(['Assets', 'Db', 'New']);
  });
});

describe('CDK stack traces → source lines', () => {
  it('takes the first frame of the app, not node_modules or node internals', () => {
    const trace = ['new Bucket (/app/node_modules/aws-cdk-lib/aws-s3/lib/bucket.js:1:2)', 'node:internal/modules/cjs/loader:1:1', 'new WebStack (/app/lib/web-stack.ts:12:5)', 'Object.<anonymous> (/app/bin/app.ts:4:1)'];
    expect(appFrame(trace, '/app')).toEqual({ file: 'lib/web-stack.ts', line: 12 });
    expect(appFrame(['at /elsewhere/x.ts:3:1'], '/app')).toEqual({ file: '/elsewhere/x.ts', line: 3 });
    expect(appFrame('not a list')).toBeUndefined();
  });

  it('reads the aws:cdk:logicalId entries of manifest.json and its additionalMetadataFile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-trace-'));
    mkdirSync(join(dir, 'cdk.out'));
    writeFileSync(
      join(dir, 'cdk.out', 'manifest.json'),
      JSON.stringify({
        version: '36.0.0',
        artifacts: {
          WebStack: {
            type: 'aws:cloudformation:stack',
            properties: { templateFile: 'WebStack.template.json' },
            metadata: { '/WebStack/Assets/Resource': [{ type: 'aws:cdk:logicalId', data: 'AssetsBucket1A2B3C4D', trace: ['new Bucket (node_modules/aws-cdk-lib/x.js:1:1)', `new WebStack (${join(dir, 'lib', 'web.ts')}:21:7)`] }] },
            additionalMetadataFile: 'WebStack.metadata.json',
          },
        },
      }),
    );
    writeFileSync(join(dir, 'cdk.out', 'WebStack.metadata.json'), JSON.stringify({ '/WebStack/Jobs/Resource': [{ type: 'aws:cdk:logicalId', data: 'Jobs', trace: [`new Q (${join(dir, 'lib', 'jobs.ts')}:5:3)`] }] }));
    const lines = sourceLines(['cdk.out'], dir);
    expect(lines.get('WebStack\u0000AssetsBucket1A2B3C4D')).toEqual({ file: 'lib/web.ts', line: 21 });
    expect(lines.get('WebStack\u0000Jobs')).toEqual({ file: 'lib/jobs.ts', line: 5 });
  });
});

describe('drift in the evidence document and every report', () => {
  const codeFinding = makeFinding({
    ruleId: 'enc-rest/aws-s3-bucket',
    status: 'pass',
    resource: { id: 'WebStack/AssetsBucket1A2B3C4D', type: 'aws.s3.bucket', provider: 'aws', source: 'iac', file: 'cdk.out/WebStack.template.json', line: 7, logicalId: 'AssetsBucket1A2B3C4D', stack: 'WebStack', constructPath: 'WebStack/Assets/Resource' },
  });
  const code = richEvidence([codeFinding]);

  function scanned(traces = new Map<string, { file: string; line: number }>()) {
    const live = richEvidence([structuredClone(owned), structuredClone(shadow)]);
    live.drift = compareDrift(live, code);
    attachCode(live.findings, code, traces);
    return live;
  }

  it('the claim-level line: "holds in code, broken live on 1 resource"', () => {
    const live = scanned();
    expect(live.drift!.counts['passes-in-code-fails-live']).toBe(1);
    expect(live.drift!.claims).toEqual([expect.objectContaining({ id: 'enc', brokenLive: 1, line: 'holds in code, broken live on 1 resource' })]);
    expect(live.drift!.byControl['enc-rest']!.resources).toEqual({ passesInCodeFailsLive: 1, failsInCodePassesLive: 0, undetermined: 0 });
  });

  it('evidence.json: schema-valid with drift and owner.code, read back unchanged; old documents stay valid', () => {
    const live = scanned();
    expect(evidenceErrors(live)).toEqual([]);
    expect(driftErrors(live.drift)).toEqual([]);
    expect(evidenceErrors(richEvidence())).toEqual([]);
    const back = parseEvidence(renderJson(live), 'evidence.json');
    expect(back.drift).toEqual(live.drift);
    const bad = JSON.parse(renderJson(live));
    bad.drift.verdicts = 'none';
    expect(() => parseEvidence(JSON.stringify(bad), 'evidence.json')).toThrow(/drift/);
  });

  it('Markdown and HTML carry a drift section with the claim line; without drift there is none', () => {
    const live = scanned();
    const md = renderMarkdown(live);
    expect(md).toContain('### Drift: code vs live');
    expect(md).toContain('All customer data is encrypted at rest with AES-256.: **holds in code, broken live on 1 resource**');
    expect(md).toMatch(/\| passes in code, fails live \| `enc-rest\/aws-s3-bucket` \| arn:aws:s3:::web-assets-bucket \(fail\) \| WebStack\/Assets\/Resource cdk.out\/WebStack.template.json:7 \(pass\)/);
    expect(renderMarkdown(richEvidence())).not.toContain('Drift: code vs live');
    const html = renderHtml(live);
    expect(html).toContain('<h2 id="drift">Drift: code vs live</h2>');
    expect(html).toContain('<b>holds in code, broken live on 1 resource</b>');
    expect(renderHtml(richEvidence())).not.toContain('id="drift"');
  });

  it('HTML drift section escapes hostile names', () => {
    const live = scanned();
    live.drift!.claims![0]!.text = HOSTILE;
    live.drift!.verdicts[0]!.live.id = HOSTILE;
    const html = renderHtml(live);
    const section = html.slice(html.indexOf('<h2 id="drift">'), html.indexOf('</section>', html.indexOf('<h2 id="drift">')));
    expect(section).not.toContain('<img');
    expect(section).toContain('&lt;img');
  });

  it('SARIF: a live finding points at the CDK source line from the stack trace, else at the template line', () => {
    const result = (doc: ReturnType<typeof scanned>) =>
      (JSON.parse(renderSarif(doc)).runs[0].results as { partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[]).find((x) =>
        Object.values(x.partialFingerprints).includes(owned.fingerprint),
      )!.locations[0]!.physicalLocation;
    const viaTrace = result(scanned(new Map([['WebStack\u0000AssetsBucket1A2B3C4D', { file: 'lib/web.ts', line: 21 }]])));
    expect(viaTrace).toEqual({ artifactLocation: { uri: 'services/api/lib/web.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 21 } });
    const viaTemplate = result(scanned());
    expect(viaTemplate).toEqual({ artifactLocation: { uri: 'services/api/cdk.out/WebStack.template.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 7 } });
    // Without the code, the synthetic anchor as before.
    const plain = richEvidence([structuredClone(owned)]);
    expect(result(plain as ReturnType<typeof scanned>).artifactLocation.uri).toMatch(/^\.vouch\/live\/aws\//);
  });

  it('--fail-on-drift: 1 on drift (also a deployed template differing from the assembly), 3 when undetermined, else the scan exit', () => {
    const live = scanned();
    expect(exitWithDrift(0, live.drift)).toBe(1);
    const quiet = compareDrift(richEvidence([]), code);
    expect(exitWithDrift(0, quiet)).toBe(0);
    expect(exitWithDrift(3, quiet)).toBe(3);
    expect(exitWithDrift(0, { ...quiet, assembly: { compared: 1, stacksNotDeployed: [], notDeployed: [], notInAssembly: [], changed: [], notCompared: [{ stack: 'S', reason: 'x' }] } })).toBe(3);
    expect(exitWithDrift(0, { ...quiet, assembly: { compared: 1, stacksNotDeployed: [], notDeployed: [], notInAssembly: [], changed: [{ stack: 'S', logicalId: 'A', type: 'AWS::S3::Bucket', properties: ['Tags'], readByRules: [] }], notCompared: [] } })).toBe(1);
  });
});

describe('owned by a stack, not found live', () => {
  const stack: Resource = {
    type: 'aws.cloudformation.stack',
    provider: 'aws',
    source: 'live',
    id: 'arn:aws:cloudformation:us-east-1:123456789012:stack/S/1',
    name: 'S',
    properties: {
      Live: {
        Resources: [
          { LogicalResourceId: 'Q', PhysicalResourceId: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', ResourceType: 'AWS::SQS::Queue', ConstructPath: 'S/Q/Resource' },
          { LogicalResourceId: 'Kept', PhysicalResourceId: 'kept-bucket', ResourceType: 'AWS::S3::Bucket' },
          { LogicalResourceId: 'Pol', PhysicalResourceId: 'pol', ResourceType: 'AWS::SQS::QueuePolicy' },
        ],
      },
    },
    location: { account: '123456789012', region: 'us-east-1' },
    relations: {},
  };
  const kept: Resource = { type: 'aws.s3.bucket', provider: 'aws', source: 'live', id: 'arn:aws:s3:::kept-bucket', properties: {}, location: { account: '123456789012' }, relations: {}, owner: { status: 'stack', stackId: stack.id, stackName: 'S', logicalId: 'Kept' } };

  it('lists an owned resource no live resource matched; types vouch does not match by physical id are left out', async () => {
    const { missingLive } = await import('../../src/findings/drift/missing.js');
    // As scan aws --cdk-out writes it into the drift report: valid against schema/drift.schema.json.
    expect(driftErrors({ ...compareDrift(richEvidence([]), richEvidence([])), missingLive: missingLive([stack, kept], {}) })).toEqual([]);
    expect(missingLive([stack, kept], {})).toEqual([{ stack: 'S', region: 'us-east-1', logicalId: 'Q', type: 'aws.sqs.queue', physicalId: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', constructPath: 'S/Q/Resource' }]);
  });

  it('never when the type was not read: its service left out, or its listing failed in that account', async () => {
    const { missingLive } = await import('../../src/findings/drift/missing.js');
    expect(missingLive([stack, kept], { excludedServices: ['aws:sqs'] })).toEqual([]);
    expect(missingLive([stack, kept], { failures: [{ operation: 'sqs:ListQueues', account: '123456789012', region: 'us-east-1', code: 'AccessDenied', message: 'no' }] })).toEqual([]);
    // A sharded scan: S3 is listed in the account's global unit, which this shard may not hold.
    const bucketGone = { ...stack, properties: { Live: { Resources: [{ LogicalResourceId: 'B', PhysicalResourceId: 'gone-bucket', ResourceType: 'AWS::S3::Bucket' }] } } };
    expect(missingLive([bucketGone], {}).map((m) => m.logicalId)).toEqual(['B']);
    expect(missingLive([bucketGone], { shard: { index: 0, count: 2 } })).toEqual([]);
  });
});

describe('scan aws --cdk-out: bad input before any cloud call', () => {
  // No AWS endpoint or credentials are set: these must fail on the input alone, in one line, exit 2.
  const ENV = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: 'AKIAVOUCHNOTUSED0001', AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: 'us-east-1' };

  it('a --cdk-out that does not exist, or one that is not an assembly, is exit 2 with one line naming it', async () => {
    const { runVouch } = await import('../helpers/in-process.js');
    const missing = await runVouch(['scan', 'aws', '--regions', 'us-east-1', '--cdk-out', '/nonexistent/cdk.out', '--quiet'], ENV);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('/nonexistent/cdk.out');
    const dir = mkdtempSync(join(tmpdir(), 'vouch-bad-cdk-out-'));
    writeFileSync(join(dir, 'manifest.json'), '{"artifacts": {"S": {"type": "aws:cloudformation:stack", "properties": {}}}}');
    const bad = await runVouch(['scan', 'aws', '--regions', 'us-east-1', '--cdk-out', dir, '--quiet'], ENV);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/manifest\.json: artifact 'S' has no templateFile/);
  });

  it('--fail-on-drift without --cdk-out is a usage error', async () => {
    const { runVouch } = await import('../helpers/in-process.js');
    const r = await runVouch(['scan', 'aws', '--regions', 'us-east-1', '--fail-on-drift', '--quiet'], ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--fail-on-drift needs --cdk-out/);
  });
});
