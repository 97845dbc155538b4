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
});
