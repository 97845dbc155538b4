/**
 * Text built by nested intrinsics (src/sources/iac/built-text.ts): which literal fragments and which
 * parameters, in which places, a Base64 / Join / Sub / If / Select expression writes, and the bounds.
 */
import { describe, it, expect } from 'vitest';
import { builtTexts, nameBefore, HOLE, type BuiltTextContext } from '../../src/sources/iac/built-text.js';
import { scanResource } from '../../src/sources/iac/template-secrets.js';

const ctx = (conditions: Record<string, boolean> = {}): BuiltTextContext => ({
  parameters: new Set(['Pw', 'User', 'Idx']),
  condition: (c) => conditions[c],
});
const texts = (node: unknown, c = ctx()) => builtTexts(node, c)!.map((t) => t.text.split(HOLE).join('<>'));
const params = (node: unknown, c = ctx()) => builtTexts(node, c)!.map((t) => t.parameters.map((p) => `${p.parameter}@${p.before}`));

describe('builtTexts', () => {
  it('reads a Join inside a Join inside Fn::Base64, with what precedes each parameter on its line', () => {
    const ud = { 'Fn::Base64': { 'Fn::Join': ['\n', ['host=a', { 'Fn::Join': ['', ['user=', { Ref: 'User' }]] }, { 'Fn::Join': ['', ['pw=', { Ref: 'Pw' }]] }]] } };
    expect(texts(ud)).toEqual(['host=a\nuser=<>\npw=<>']);
    expect(params(ud)).toEqual([['User@user=', 'Pw@pw=']]);
  });

  it('reads both Fn::Sub forms: a parameter by name, a variable from the map, `${!x}` as text, anything else as a hole', () => {
    expect(texts({ 'Fn::Sub': 'a ${Pw} ${AWS::Region} ${Res.Arn} ${!Keep}' })).toEqual(['a <> <> <> ${Keep}']);
    expect(params({ 'Fn::Sub': 'a ${Pw} ${AWS::Region}' })).toEqual([['Pw@a ']]);
    const mapped = { 'Fn::Sub': ['--key ${K} --lit ${L} --pw ${Pw}', { K: { 'Fn::Join': ['', ['x', { Ref: 'Pw' }]] }, L: 'plain', Pw: { Ref: 'Res' } }] };
    expect(texts(mapped)).toEqual(['--key x<> --lit plain --pw <>']);
    // `Pw` is redefined by the map as a resource Ref: no parameter there.
    expect(params(mapped)).toEqual([['Pw@--key x']]);
  });

  it('gives both texts of an undecided Fn::If, one of a decided one, and drops an AWS::NoValue item from a Join', () => {
    const node = { 'Fn::Join': ['-', ['a', { 'Fn::If': ['C', { Ref: 'Pw' }, { Ref: 'AWS::NoValue' }] }, 'b']] };
    expect(texts(node)).toEqual(['a-<>-b', 'a-b']);
    expect(texts(node, ctx({ C: true }))).toEqual(['a-<>-b']);
    expect(texts(node, ctx({ C: false }))).toEqual(['a-b']);
  });

  it('reads Fn::Select: a literal index picks its item, another index any item, a list from a function is a hole', () => {
    const list = ['zero', { 'Fn::Sub': 'one ${Pw}' }];
    expect(texts({ 'Fn::Join': ['', ['>', { 'Fn::Select': [1, list] }]] })).toEqual(['>one <>']);
    expect(texts({ 'Fn::Join': ['', ['>', { 'Fn::Select': ['0', list] }]] })).toEqual(['>zero']);
    expect(texts({ 'Fn::Join': ['', ['>', { 'Fn::Select': [{ Ref: 'Idx' }, list] }]] })).toEqual(['>zero', '>one <>']);
    expect(texts({ 'Fn::Join': ['', ['>', { 'Fn::Select': [0, { 'Fn::Split': [',', { Ref: 'Pw' }] }] }]] })).toEqual(['><>']);
    expect(texts({ 'Fn::Join': ['', ['>', { 'Fn::Select': [5, list] }]] })).toEqual(['><>']);
  });

  it('leaves a Join or Sub whose shape CloudFormation rejects to the caller, and reads a list function as a hole', () => {
    expect(builtTexts({ 'Fn::Join': ['', 'x', 'y'] }, ctx())).toBeUndefined();
    expect(builtTexts({ 'Fn::Sub': [{ Ref: 'Pw' }] }, ctx())).toBeUndefined();
    expect(texts({ 'Fn::Join': [',', { Ref: 'Subnets' }] })).toEqual(['<>']);
    expect(texts({ 'Fn::Join': ['', ['k=', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }, { 'Fn::ImportValue': 'x' }]] })).toEqual(['k=<><>']);
  });

  it('stays bounded: deep nesting, many undecided conditions, a long text', () => {
    let deep: unknown = { Ref: 'Pw' };
    for (let i = 0; i < 5000; i++) deep = { 'Fn::Join': ['', ['a', deep]] };
    const d = builtTexts(deep, ctx())!;
    expect(d.length).toBe(1);
    expect(d[0]!.parameters).toEqual([]); // past the nesting bound: a hole, not a guess
    const ifs = { 'Fn::Join': ['', Array.from({ length: 40 }, (_, i) => ({ 'Fn::If': [`C${i}`, `y${i}`, { Ref: 'Pw' }] }))] };
    const many = builtTexts(ifs, ctx())!;
    expect(many.length).toBeLessThanOrEqual(8);
    // Every alternative of every item still appears in some text.
    for (let i = 0; i < 40; i++) expect(many.some((t) => t.text.includes(`y${i}`))).toBe(true);
    expect(many.some((t) => t.parameters.length > 0)).toBe(true);
    const long = builtTexts({ 'Fn::Join': ['', Array.from({ length: 100 }, () => 'x'.repeat(4096))] }, ctx())!;
    expect(long[0]!.text.length).toBeLessThanOrEqual(64 * 1024);
    // A cut text says so (its reader must not pass what it never saw); a text that fits does not.
    expect(long[0]!.cut).toBe(true);
    expect(builtTexts({ 'Fn::Join': ['', Array.from({ length: 15 }, () => 'x'.repeat(4096))] }, ctx())![0]!.cut).toBeUndefined();
    // Cut inside one long piece, and inside a Sub nested in a Join.
    expect(builtTexts({ 'Fn::Sub': 'y'.repeat(70 * 1024) + '${Pw}' }, ctx())![0]!.cut).toBe(true);
    expect(builtTexts({ 'Fn::Join': ['-', ['a', { 'Fn::Sub': 'z'.repeat(65 * 1024) }]] }, ctx())![0]!.cut).toBe(true);
  });
});

describe('parameters inside a dynamic reference', () => {
  const refs: BuiltTextContext = { parameters: new Set(['Pw', 'Name', 'Path']), condition: () => undefined };
  it('are marked however far back the reference opened, and not once it closed', () => {
    const long = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:' + 'team/'.repeat(40);
    const [t] = builtTexts({ 'Fn::Sub': `pw={{resolve:secretsmanager:${long}\${Name}:SecretString:password}} token=\${Pw} {{resolve:ssm:\${Path}}}` }, refs)!;
    expect(t!.parameters.map((p) => [p.parameter, p.inReference])).toEqual([['Name', true], ['Pw', false], ['Path', true]]);
    // The 120-character window alone could not tell for the first.
    expect(t!.parameters[0]!.before.includes('{{resolve:')).toBe(false);
  });

  it('across a Join: the reference opened in one item, the parameter in the next, closed in a third', () => {
    const [t] = builtTexts({ 'Fn::Join': ['', ['x={{resolve:secretsmanager:', { Ref: 'Name' }, '}} y=', { Ref: 'Pw' }]] }, refs)!;
    expect(t!.parameters.map((p) => p.inReference)).toEqual([true, false]);
  });

  it('not when the reference is never closed: text written out with the value, not resolved (fixP5)', () => {
    // `{{resolve:` left open far back, then a NoEcho parameter in plain text: before, it counted as inside.
    const [open] = builtTexts({ 'Fn::Sub': `note={{resolve:ssm:/team/flag ${'x'.repeat(500)} password=\${Pw}` }, refs)!;
    expect(open!.parameters.map((p) => [p.parameter, p.inReference])).toEqual([['Pw', false]]);
    // One closed, one left open after it: only the closed one's parameter is inside.
    const [mixed] = builtTexts({ 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'Name' }, '}} pw={{resolve:ssm:', { Ref: 'Path' }, ' tail']] }, refs)!;
    expect(mixed!.parameters.map((p) => [p.parameter, p.inReference])).toEqual([['Name', true], ['Path', false]]);
    // Cut at MAX_CHARS before the reference closes: the rest was not read, so it is not taken as closed.
    const [cut] = builtTexts({ 'Fn::Sub': `{{resolve:ssm:\${Path}${'y'.repeat(70 * 1024)}}}` }, refs)!;
    expect(cut!.cut).toBe(true);
    expect(cut!.parameters.map((p) => p.inReference)).toEqual([false]);
  });
});

describe('nameBefore', () => {
  it('names the option or variable a parameter is given under, and nothing else', () => {
    expect(nameBefore('setup --admin-password ')).toBe('--admin-password');
    expect(nameBefore('run --token=')).toBe('--token');
    expect(nameBefore('export DB_PASSWORD=')).toBe('DB_PASSWORD');
    expect(nameBefore('{"user": "a", "pw": "')).toBe('pw');
    expect(nameBefore("mysqladmin -u root password '")).toBe('password');
    expect(nameBefore('postgres://app:')).toBeUndefined();
    expect(nameBefore('echo hello ')).toBeUndefined();
  });
});

describe('credential sites in nested text (template-secrets.ts)', () => {
  const scan = (props: unknown) =>
    scanResource({ Type: 'AWS::EC2::Instance', Properties: props }, { parameters: new Set(['Pw', 'User']), noEcho: new Set(['Pw']), condition: () => undefined });
  it('finds a NoEcho parameter a Join in a Join writes into user data, with the name it is given', () => {
    const sites = scan({ UserData: { 'Fn::Base64': { 'Fn::Join': ['\n', ['a=1', { 'Fn::Join': ['', ['admin_pw=', { Ref: 'Pw' }]] }]] } } });
    expect(sites).toEqual([{ path: 'Properties.UserData', name: 'UserData', value: { kind: 'noecho-in-text', parameter: 'Pw', after: 'admin_pw' } }]);
  });
  it('finds nothing where only a parameter that is not a credential is written', () => {
    expect(scan({ UserData: { 'Fn::Base64': { 'Fn::Join': ['\n', ['a=1', { 'Fn::Join': ['', ['admin_user=', { Ref: 'User' }]] }]] } } })).toEqual([]);
  });
  it('finds a literal credential several Joins down', () => {
    const sites = scan({ UserData: { 'Fn::Join': ['', ['#!/bin/sh\n', { 'Fn::Join': ['', [{ 'Fn::Join': ['', ['export API_TOKEN=', 'n0t-in-the-template-9']] }, '\n']] }]] } });
    expect(sites.map((s) => [s.name, s.value.kind])).toEqual([['API_TOKEN', 'secret']]);
  });
});
