import { describe, it, expect } from 'vitest';
import { readShapedJson, SHAPED_JSON_MAX_DEPTH, type ShapedJsonResult } from '../../src/model/shaped-json.js';
import { Resolver } from '../../src/sources/iac/intrinsics.js';
import { Unresolved, SHAPE_SPECIFIC, SHAPE_UNKNOWN, isUnresolved, type ShapeSlot } from '../../src/model/values.js';

const U = SHAPE_UNKNOWN;
const S = SHAPE_SPECIFIC;
const read = (input: string | Unresolved, maxLength?: number) => readShapedJson(input, { expression: (t) => `computed: ${t}`, maxLength });
const value = (r: ShapedJsonResult) => {
  if (!r.ok) throw new Error(`expected a value, got ${r.problem.kind}: ${r.problem.reason}`);
  return r.value;
};
const problem = (r: ShapedJsonResult) => {
  if (r.ok) throw new Error(`expected a problem, got ${JSON.stringify(r.value)}`);
  return r.problem;
};
// The real resolver, so the tests speak the loader's shapes and slots, not hand-made ones.
const resolver = new Resolver({ parameters: {}, unknownParameters: new Set(['Team']), mappings: {}, conditions: {}, resources: new Set(['Bucket', 'Queue']) });
const shaped = (shape: string, slots?: ShapeSlot[]) => new Unresolved('Fn::Sub "..."', shape, slots);

describe('readShapedJson: JSON text built with Fn::Sub / Fn::Join', () => {
  it('reads Fn::Sub with ${Res.Arn}: literal parts plain, the ARN an Unresolved with its slot', () => {
    const sub = resolver.resolve({ 'Fn::Sub': '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"${Bucket.Arn}/*"}]}' });
    expect(isUnresolved(sub)).toBe(true);
    const doc = value(read(sub as Unresolved)) as { Statement: Record<string, unknown>[] };
    expect(doc.Statement[0]!.Effect).toBe('Allow');
    expect(doc.Statement[0]!.Action).toBe('s3:GetObject');
    const res = doc.Statement[0]!.Resource as Unresolved;
    expect(isUnresolved(res)).toBe(true);
    expect(res.shape).toBe(`${S}/*`);
    expect(res.slots).toEqual(['text']);
    expect(res.expression).toBe('computed: ${…}/*');
  });

  it('reads Fn::Join with a Ref in the middle of a string, keeping each piece and its slot', () => {
    const join = resolver.resolve({
      'Fn::Join': ['', ['{"Principal":{"AWS":"arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':role/ci"},"Sid":"x', { Ref: 'Team' }, 'y","Queue":"', { Ref: 'Queue' }, '","Svc":"logs.', { Ref: 'AWS::Region' }, '.amazonaws.com"}']],
    });
    expect(isUnresolved(join)).toBe(true);
    const doc = value(read(join as Unresolved)) as Record<string, unknown>;
    const aws = (doc.Principal as Record<string, Unresolved>).AWS!;
    expect(aws.shape).toBe(`arn:aws:iam::${S}:role/ci`);
    expect(aws.slots).toEqual(['account']);
    expect((doc.Sid as Unresolved).shape).toBe(`x${U}y`);
    expect((doc.Sid as Unresolved).slots).toEqual(['unknown']);
    expect((doc.Queue as Unresolved).slots).toEqual(['text']);
    expect((doc.Svc as Unresolved).slots).toEqual(['region']);
    expect((doc.Sid as Unresolved).expression).toBe('computed: x${…}y');
  });

  it('gives default slots when the input has none (text for a specific piece, unknown for a parameter)', () => {
    const doc = value(read(shaped(`["a${S}","b${U}"]`))) as Unresolved[];
    expect(doc.map((x) => x.slots)).toEqual([['text'], ['unknown']]);
  });

  it('refuses a placeholder used as a key, or as a whole value, with its own kind', () => {
    expect(problem(read(shaped(`{"${U}:sub":"repo:o/*"}`))).kind).toBe('computed-key');
    expect(problem(read(shaped(`{"Action":[${U}]}`))).kind).toBe('computed-value');
    expect(problem(read(new Unresolved('Ref Doc'))).kind).toBe('opaque');
  });

  it('reads JSON inside a string a second time, and its pieces still map back to the outer slots', () => {
    // An SDK call whose AccessPolicies is itself JSON text, with two computed pieces of different slots.
    const call = `{"action":"update","parameters":{"Name":"${U}","Policy":"{\\"Resource\\":\\"arn:aws:es:${S}:${S}:domain/d\\"}"}}`;
    const outer = value(read(shaped(call, ['unknown', 'region', 'account']))) as { parameters: { Name: Unresolved; Policy: Unresolved } };
    expect(outer.parameters.Name.slots).toEqual(['unknown']);
    expect(outer.parameters.Policy.slots).toEqual(['region', 'account']);
    const inner = value(read(outer.parameters.Policy)) as { Resource: Unresolved };
    expect(inner.Resource.shape).toBe(`arn:aws:es:${S}:${S}:domain/d`);
    expect(inner.Resource.slots).toEqual(['region', 'account']);
  });

  it('bounds nesting explicitly: deep input is a too-deep problem, never a RangeError', () => {
    expect(value(read(`${'['.repeat(SHAPED_JSON_MAX_DEPTH)}1${']'.repeat(SHAPED_JSON_MAX_DEPTH)}`))).toBeDefined();
    const deep = problem(read(`${'['.repeat(SHAPED_JSON_MAX_DEPTH + 1)}1${']'.repeat(SHAPED_JSON_MAX_DEPTH + 1)}`));
    expect(deep.kind).toBe('too-deep');
    expect(deep.reason).toMatch(/deeper than 64 levels at character 65/);
    expect(problem(read(shaped(`{"a":${'['.repeat(200_000)}"${U}"${']'.repeat(200_000)}}`))).kind).toBe('too-deep');
    expect(problem(read(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`)).kind).toBe('too-deep');
  });

  it('does not confuse a marker-looking literal with a computed piece', () => {
    // Private-use characters (the old reader's stand-ins) and indexed-marker text are literal text.
    expect(value(read(shaped(`{"a":"\uE001","b":"@@vouch-slot-0@@","c":"${U}"}`)))).toEqual({
      a: '\uE001',
      b: '@@vouch-slot-0@@',
      c: expect.any(Unresolved),
    });
    // An escaped \u0001 with no computed piece is a plain string holding that character.
    expect(value(read(shaped('{"a":"\\u0001"}')))).toEqual({ a: '\u0001' });
    // Beside a computed piece its shape could not tell the two apart: refused, never read as a placeholder.
    expect(problem(read(shaped(`{"a":"\\u0001${U}"}`))).kind).toBe('ambiguous');
    // In plain text a placeholder character is a raw control character: not JSON, as JSON.parse says.
    expect(problem(read(`{"a":"${U}"}`)).kind).toBe('not-json');
  });

  it('bounds the text length, and says where and why text is not JSON', () => {
    expect(problem(read('"' + 'x'.repeat(2_000) + '"', 1_000))).toEqual({ kind: 'too-long', reason: 'the text is longer than 1000 characters' });
    expect(problem(read('x'.repeat(1_000_001))).kind).toBe('too-long');
    expect(problem(read('{"a":1,}'))).toEqual({ kind: 'not-json', reason: 'expected a string key at character 8' });
    expect(problem(read('{"a":1} x')).reason).toBe('text after the JSON value at character 9');
    expect(problem(read('"abc')).reason).toBe('unterminated string at character 1');
    expect(problem(read(shaped(`{"a":"${U}`))).kind).toBe('not-json');
    expect(problem(read('')).reason).toBe('unexpected end of text at character 1');
  });

  it('reads plain JSON as JSON.parse does (numbers, escapes, duplicate keys, __proto__ as a key)', () => {
    const text = '{"n":[-1.5e3,0,12],"s":"a\\"b\\\\c\\/\\n\\u00e9","t":true,"f":false,"z":null,"d":1,"d":2,"__proto__":{"x":1}}';
    const got = value(read(text)) as Record<string, unknown>;
    expect(got).toEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
    expect(Object.keys(got)).toContain('__proto__');
    for (const bad of ['01', '1.', '+1', "'a'", 'tru', '[1 2]', '{"a" 1}', '"\\x"', '"\\u12"']) expect(problem(read(bad)).kind, bad).toBe('not-json');
  });

  it('reads a near-megabyte text of 60,000 computed strings, each with its own slot', () => {
    const slots: ShapeSlot[] = Array.from({ length: 60_000 }, (_, i) => (i % 2 ? 'region' : 'account'));
    const big = `[${Array.from({ length: 60_000 }, (_, i) => `"v${i}${i % 2 ? S : U}"`).join(',')}]`;
    expect(big.length).toBeGreaterThan(500_000);
    const got = value(read(shaped(big, slots))) as Unresolved[];
    expect(got).toHaveLength(60_000);
    expect(got[59_998]!.slots).toEqual(['account']);
    expect(got[59_999]!.slots).toEqual(['region']);
  });
});
