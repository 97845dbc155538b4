import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess as runVouch } from '../helpers/in-process.js';

let dir: string;
const put = (rel: string, content: string) => {
  const p = join(dir, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return rel;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-bad-'));
});

/** Exit 2, a single error line naming the problem, no stack trace, in bounded time. */
async function expectInputError(args: string[], pattern: RegExp) {
  const r = await runVouch([...args, '--out', join(dir, 'out')], { cwd: dir, timeoutMs: 20_000 });
  expect(r.code, r.stderr + r.stdout).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(lines.length).toBeLessThanOrEqual(2);
  return r;
}

describe('bad input gets one clear line and exit 2', () => {
  it('malformed JSON', async () => {
    put('bad.json', '{"Resources": {"A": {"Type": "AWS::S3::Bucket",}}');
    await expectInputError(['check', 'bad.json'], /^vouch: bad\.json: invalid JSON: /);
  });

  it('malformed YAML, with the line', async () => {
    put('bad.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n   Properties: [\n');
    await expectInputError(['check', 'bad.yaml'], /^vouch: bad\.yaml(:\d+)?: invalid YAML: /);
  });

  it('a file that is not a template', async () => {
    put('notes.yaml', 'hello: world\n');
    await expectInputError(['check', 'notes.yaml'], /^vouch: notes\.yaml: not a CloudFormation template \(no Resources section\)/);
  });

  it('a resource without a Type', async () => {
    put('notype.yaml', 'Resources:\n  A: { Properties: {} }\n');
    await expectInputError(['check', 'notype.yaml'], /^vouch: notype\.yaml: resource A has no Type/);
  });

  it('a missing file', async () => {
    await expectInputError(['check', 'nope.yaml'], /^vouch: nope\.yaml: no such file or directory/);
  });

  it('an empty cdk.out and a truncated manifest', async () => {
    mkdirSync(join(dir, 'empty.out'), { recursive: true });
    await expectInputError(['check', 'empty.out'], /^vouch: empty\.out: no CloudFormation templates or cdk\.out assemblies found/);
    put('trunc.out/manifest.json', '{"version": "38.0.0", "artifacts": {"A": {"type": "aws:cloudformation:st');
    await expectInputError(['check', 'trunc.out'], /^vouch: trunc\.out\/manifest\.json: invalid JSON/);
  });

  it('a manifest pointing outside the assembly', async () => {
    put('evil.out/manifest.json', JSON.stringify({ artifacts: { Api: { type: 'aws:cloudformation:stack', properties: { templateFile: '/etc/passwd' } } } }));
    await expectInputError(['check', 'evil.out'], /^vouch: evil\.out\/manifest\.json: artifact 'Api' points at \/etc\/passwd, outside the assembly/);
  });

  it('a YAML alias bomb', async () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    lines.push('Resources:\n  B: { Type: AWS::S3::Bucket, Properties: { Tags: *a11 } }');
    put('bomb.yaml', lines.join('\n') + '\n');
    const r = await expectInputError(['check', 'bomb.yaml'], /^vouch: bomb\.yaml: YAML aliases expand to more than \d+ nodes \(alias bomb\?\)/);
    expect(r.ms).toBeLessThan(10_000);
  });

  it('__proto__ keys in JSON and YAML', async () => {
    put('proto.json', '{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": {"__proto__": {"polluted": true}}}}}');
    await expectInputError(['check', 'proto.json'], /^vouch: proto\.json: key "__proto__" is not allowed/);
    put('proto.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      __proto__: { polluted: true }\n');
    await expectInputError(['check', 'proto.yaml'], /^vouch: proto\.yaml: key "__proto__" is not allowed/);
  });

  it('a 50 MB template is refused before it is read', async () => {
    const fd = openSync(join(dir, 'huge.json'), 'w');
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    writeSync(fd, '{"Resources": {');
    for (let i = 0; i < 50; i++) writeSync(fd, chunk);
    writeSync(fd, '}}');
    closeSync(fd);
    const r = await expectInputError(['check', 'huge.json'], /^vouch: huge\.json: template is 50\.0 MB, over the 20 MB limit/);
    expect(r.ms).toBeLessThan(10_000);
  });

  it('deeply nested JSON and YAML', async () => {
    put('deep.json', '{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": {"X": ' + '['.repeat(200_000) + ']'.repeat(200_000) + '}}}}');
    await expectInputError(['check', 'deep.json'], /^vouch: deep\.json: (JSON nested too deeply to read|nesting deeper than \d+ levels)/);
    put('deep.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n');
    await expectInputError(['check', 'deep.yaml'], /^vouch: deep\.yaml(:\d+)?: (nesting deeper than \d+ levels|invalid YAML)/);
  });

  it('a wrong flag, a bad format, a bad claims profile and a bad suppressions file', async () => {
    put('ok.yaml', 'Resources:\n  B: { Type: AWS::S3::Bucket }\n');
    await expectInputError(['check', 'ok.yaml', '--fail-on', 'urgent'], /^vouch: Invalid values:/);
    await expectInputError(['check', 'ok.yaml', '--format', 'pdf'], /^vouch: --format: unknown format 'pdf'/);
    put('claims.yaml', 'version: 1\nname: x\nclaims:\n  - id: tls\n    text: TLS 1.3 in transit\n    controls: [tls-max]\n');
    await expectInputError(['check', 'ok.yaml', '--claims', 'claims.yaml'], /^vouch: claims\.yaml: claims\.0\.controls\.0: /);
    put('supp.yaml', 'suppressions:\n  - rule: enc-rest/aws-s3-bucket\n');
    await expectInputError(['check', 'ok.yaml', '--suppressions', 'supp.yaml'], /^vouch: supp\.yaml: suppressions\.0\.reason: /);
  });
});

describe('unresolvable expressions are unknown, never a crash', () => {
  it('cyclic conditions and deep Fn::If chains', async () => {
    let expr = '"ELBSecurityPolicy-2016-08"';
    for (let i = 0; i < 200; i++) expr = `{ "Fn::If": ["C${i % 3}", ${expr}, "x"] }`;
    put(
      'cyclic.json',
      `{"Conditions": {"C0": {"Condition": "C1"}, "C1": {"Condition": "C2"}, "C2": {"Condition": "C0"}},
        "Resources": {"L": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {"Protocol": "HTTPS", "SslPolicy": ${expr}}}}}`,
    );
    const r = await runVouch(['check', 'cyclic.json', '--out', join(dir, 'out-cyclic')], { cwd: dir });
    expect(r.stderr).toBe('');
    expect([1, 3]).toContain(r.code);
    expect(r.stdout).toMatch(/tls-min\/aws-elbv2-listener/);
  });
});
