/**
 * The IaC loader is linear or bounded on every input, however small and
 * however hostile: duplicate keys are refused as CloudFormation refuses
 * them, line lookup does not backtrack, intrinsic resolution is bounded in
 * work (not only depth), and neither 300,000 resources, a 100,000-link
 * condition chain nor nested-stack fan-out overflows the stack or runs long.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTemplateText } from '../../src/sources/iac/parse.js';
import { loadIac, MAX_TEMPLATES } from '../../src/sources/iac/load.js';
import { loadStack } from '../../src/sources/iac/stack.js';
import { Branches, isUnresolved } from '../../src/model/values.js';

let dir: string;
const write = (rel: string, content: unknown) => {
  const p = join(dir, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};
const timed = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
};
const stackOf = (text: string, file = 't.json') =>
  loadStack({ parsed: parseTemplateText(text, file), file, stackName: 'S', parameterOverrides: {} });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-iac-bounds-'));
});

describe('duplicate keys are an input error naming both lines', () => {
  it('JSON: a later secure value cannot hide an earlier insecure one (or the reverse)', () => {
    const text = '{\n  "Resources": {\n    "B": { "Type": "AWS::S3::Bucket", "Properties": { "PublicAccessBlockConfiguration": {} } },\n    "B": { "Type": "AWS::S3::Bucket" }\n  }\n}\n';
    expect(() => parseTemplateText(text, 'dup.json')).toThrow('dup.json:4: duplicate key "B" (first at line 3); CloudFormation rejects duplicate keys');
  });

  it('JSON: duplicates at any depth, keys with escapes compared decoded, and the same key in sibling objects allowed', () => {
    const deep = '{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"Tags": [{"Key": "a", "Value": "1",\n"Key": "b"}]}}}}';
    expect(() => parseTemplateText(deep, 'd.json')).toThrow(/d\.json:2: duplicate key "Key" \(first at line 1\)/);
    const escaped = '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}, "\\u0042": {"Type": "AWS::SNS::Topic"}}}';
    expect(() => parseTemplateText(escaped, 'e.json')).toThrow(/duplicate key "B"/);
    const quoteInKey = '{"Resources": {"A\\"": {"Type": "AWS::S3::Bucket"}, "A": {"Type": "AWS::S3::Bucket"}}}';
    expect(parseTemplateText(quoteInKey, 'q.json').lines).toEqual(new Map([['A"', 1], ['A', 1]]));
    const siblings = '{"Resources": {"A": {"Type": "AWS::S3::Bucket"}, "B": {"Type": "AWS::S3::Bucket"}}}';
    expect(() => parseTemplateText(siblings, 's.json')).not.toThrow();
  });

  it('JSON: __proto__ keys (also written with escapes) and nesting past the limit are refused, and win over a duplicate key as before', () => {
    const proto = '{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": {"Tags": [{"\\u005f_proto__": {"x": 1}}]}}}}';
    expect(() => parseTemplateText(proto, 'p.json')).toThrow('p.json: key "__proto__" is not allowed (at Resources.A.Properties.Tags[0])');
    const deep = `{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": {"P": ${'['.repeat(520)}1${']'.repeat(520)}}}}}`;
    expect(() => parseTemplateText(deep, 'deep.json')).toThrow(/^deep\.json: nesting deeper than 512 levels at Resources\.A\.Properties\.P\[[[\]0]+…[[\]0]+$/);
    // The path of a deep value keeps its start and end: the error stays one short line.
    expect(() => parseTemplateText(deep, 'deep.json')).toThrow(/^.{0,220}$/);
    const shallow = `{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": {"P": ${'['.repeat(500)}1${']'.repeat(500)}}}}}`;
    expect(() => parseTemplateText(shallow, 'ok.json')).not.toThrow();
    // The duplicate comes first in the text; the __proto__ key (later) is still the error reported.
    const both = '{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Type": "AWS::S3::Bucket"}, "B": {"Type": "AWS::S3::Bucket", "Properties": {"__proto__": {}}}}}';
    expect(() => parseTemplateText(both, 'both.json')).toThrow('both.json: key "__proto__" is not allowed (at Resources.B.Properties)');
  });

  it('YAML: names both lines too', () => {
    const text = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n  C:\n    Type: AWS::SNS::Topic\n  B:\n    Type: AWS::S3::Bucket\n';
    expect(() => parseTemplateText(text, 'dup.yaml')).toThrow('dup.yaml:6: duplicate key "B" (first at line 2); CloudFormation rejects duplicate keys');
  });
});

describe('linear work on small hostile input', () => {
  it('logical-id lines in JSON with long whitespace runs and ids repeated as values', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `R${i}`);
    const ws = ' '.repeat(2000);
    const body = ids.map((id) => `"${id}"${ws}:${ws}{"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Ref": "${ids[0]}"}}}`).join(',\n');
    const text = `{"Resources": {\n${body}\n}}`;
    const [parsed, ms] = timed(() => parseTemplateText(text, 'ws.json'));
    expect(parsed.lines.get('R0')).toBe(2);
    expect(parsed.lines.get('R1999')).toBe(2001);
    // ~8 MB of text: a linear scan takes tens of milliseconds; the old look-ahead regex took minutes.
    expect(ms).toBeLessThan(3000);
  });

  it('a mapping that refers to itself through Fn::FindInMap with fan-out resolves to unknown, in bounded time', () => {
    const t = {
      Mappings: { M: { K: { V: [{ 'Fn::FindInMap': ['M', 'K', 'V'] }, { 'Fn::FindInMap': ['M', 'K', 'V'] }, { 'Fn::FindInMap': ['M', 'K', 'V'] }] } } },
      Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Select': [0, { 'Fn::FindInMap': ['M', 'K', 'V'] }] } } } },
    };
    const [loaded, ms] = timed(() => stackOf(JSON.stringify(t)));
    expect(ms).toBeLessThan(10_000);
    const b = loaded.resources.find((r) => r.name === 'B')!;
    const name = b.properties.BucketName;
    // Whatever is left is unresolved somewhere: never a concrete value.
    expect(JSON.stringify(name)).toMatch(/more work to resolve than vouch allows/);
    expect(loaded.notCollected).toContainEqual(expect.objectContaining({ what: 't.json', why: expect.stringMatching(/more work to resolve/) }));
  });

  it('Fn::If on unknown conditions through self-referring mappings (both branches, every level) stays bounded', () => {
    const t = {
      Parameters: { P: { Type: 'String' } },
      Conditions: { Unknown: { 'Fn::Equals': [{ Ref: 'P' }, 'x'] } },
      Mappings: { M: { K: { V: { 'Fn::If': ['Unknown', { 'Fn::FindInMap': ['M', 'K', 'V'] }, { 'Fn::FindInMap': ['M', 'K', 'V'] }] } } } },
      Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::FindInMap': ['M', 'K', 'V'] } } } },
    };
    const [loaded, ms] = timed(() => stackOf(JSON.stringify(t)));
    expect(ms).toBeLessThan(10_000);
    const name = loaded.resources.find((r) => r.name === 'B')!.properties.BucketName;
    expect(name instanceof Branches || isUnresolved(name)).toBe(true);
    expect(JSON.stringify(name)).toMatch(/more work to resolve than vouch allows/);
  });

  it('a 100,000-link condition chain does not overflow the stack; past the chain limit the condition is unknown', () => {
    const conditions: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) conditions[`C${i}`] = { Condition: `C${i + 1}` };
    conditions.C100000 = { 'Fn::Equals': ['a', 'b'] };
    const t = { Conditions: conditions, Resources: { B: { Type: 'AWS::S3::Bucket', Condition: 'C0' }, Short: { Type: 'AWS::S3::Bucket', Condition: 'C99999' } } };
    const loaded = stackOf(JSON.stringify(t));
    // C0 cannot be decided within the limit: the bucket is judged (as conditionally deployed), not dropped.
    const b = loaded.resources.find((r) => r.name === 'B');
    expect(b?.properties.$Condition).toBe('C0');
    // C99999 is two links from a false Equals: decided, and the bucket is not deployed.
    expect(loaded.resources.find((r) => r.name === 'Short')).toBeUndefined();
  });

  it('300,000 resources load without "Maximum call stack size exceeded"', () => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 300_000; i++) resources[`T${i}`] = { Type: 'AWS::SNS::Topic' };
    const file = write('big.json', { Resources: resources });
    const inv = loadIac([file], { cwd: dir });
    expect([...inv.all()].filter((r) => r.type === 'aws.sns.topic')).toHaveLength(300_000);
  }, 120_000);
});

describe('cloud assembly fan-out is bounded', () => {
  const stackArtifact = (file: string) => ({ type: 'aws:cloudformation:stack', properties: { templateFile: file } });
  const nestedTemplate = (children: string[]) => ({
    Resources: Object.fromEntries(
      children.map((c, i) => [`N${i}`, { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': c }, Properties: { TemplateURL: 'x' } }]),
    ),
  });

  it('a nested stack listed ten times at every level stops at the template limit with one clear error', () => {
    const asm = join(dir, 'fan.out');
    for (let level = 0; level < 8; level++) write(`fan.out/L${level}.json`, nestedTemplate(Array(10).fill(`L${level + 1}.json`)));
    write('fan.out/L8.json', { Resources: { T: { Type: 'AWS::SNS::Topic' } } });
    write('fan.out/manifest.json', { version: '38.0.0', artifacts: { S: stackArtifact('L0.json') } });
    const [err, ms] = timed(() => {
      try {
        loadIac([asm], { cwd: dir });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    });
    expect(err?.message).toMatch(new RegExp(`more than ${MAX_TEMPLATES} templates in this run`));
    expect(ms).toBeLessThan(30_000);
  });

  it('a nested stack whose template is its own (or an ancestor\'s) is a cycle, refused', () => {
    write('cyc.out/A.json', nestedTemplate(['B.json']));
    write('cyc.out/B.json', nestedTemplate(['A.json']));
    write('cyc.out/manifest.json', { version: '38.0.0', artifacts: { S: stackArtifact('A.json') } });
    expect(() => loadIac([join(dir, 'cyc.out')], { cwd: dir })).toThrow(/nested stack N0 refers back to .*A\.json, a template above it/);
  });

  it('a stage assembly that contains itself is a cycle, refused', () => {
    write('stage.out/manifest.json', { version: '38.0.0', artifacts: { Self: { type: 'cdk:cloud-assembly', properties: { directoryName: '.' } } } });
    expect(() => loadIac([join(dir, 'stage.out')], { cwd: dir })).toThrow(/a stage assembly refers back to .*stage\.out, an assembly above it/);
  });
});
