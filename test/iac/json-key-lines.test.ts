import { describe, it, expect } from 'vitest';
import { scanJsonKeys } from '../../src/sources/iac/parse.js';

describe('scanJsonKeys: the line of each logical id', () => {
  it('counts the line the key starts on, whatever line breaks follow it, sit between values or end with CRLF', () => {
    const text = ['{"Resources":', '{"A"', ':', '{"Type":"x", "P": "v"', '', '}, "B"  \r', ' :{"Type":"y", "L": ["a"', ',"b"', ']},', '', '"C":{"Type":"z"}}}'].join('\n');
    expect(Object.fromEntries(scanJsonKeys(text, 'f.json'))).toEqual({ A: 2, B: 6, C: 11 });
  });

  it('names both lines of a duplicate key', () => {
    const text = '{\n"Resources": {\n  "A": {"Type": "x",\n\n "Type": "y"}}}';
    expect(() => scanJsonKeys(text, 'f.json')).toThrow('f.json:5: duplicate key "Type" (first at line 3)');
  });

  it('finds a duplicate in an object of many keys, and keeps the keys of sibling and nested objects apart', () => {
    const many = Array.from({ length: 20 }, (_, i) => `"K${i}": {"Type": "x", "P": {"K${i}": 1, "Type": 2}}`);
    const ok = `{"Resources": {\n${many.join(',\n')}\n}}`;
    expect(scanJsonKeys(ok, 'ok.json').size).toBe(20);
    const dup = `{"Resources": {\n${many.join(',\n')},\n"K3": {"Type": "y"}\n}}`;
    expect(() => scanJsonKeys(dup, 'big.json')).toThrow('big.json:22: duplicate key "K3" (first at line 5)');
    const nested = '{"A": {"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":{"k1":1,"k9":2},\n"k9":3}}';
    expect(() => scanJsonKeys(nested, 'n.json')).toThrow('n.json:2: duplicate key "k9" (first at line 1)');
  });
});
