/** JSON syntax errors in scenario files say where: JSON.parse itself does not always give a position. */
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../engine/scenario.ts';

const where = (text: string, firstLine?: number) => {
  try {
    parseJson(text, 'f.json', firstLine);
  } catch (error) {
    return (error as Error).message;
  }
  return 'parsed';
};

describe('JSON syntax errors with line and column', () => {
  it('parses valid JSON as JSON.parse does', () => {
    expect(parseJson('{"a": [1, -2.5e3, true, null, "x\\u00e9\\n"], "b": {}}', 'f.json')).toEqual({ a: [1, -2500, true, null, 'xé\n'], b: {} });
  });

  it('points at the first character that is not JSON', () => {
    expect(where('{"a": 1,}')).toBe('f.json: line 1, column 9: not valid JSON: unexpected "}"');
    expect(where('{\n  "a": tru\n}')).toBe('f.json: line 2, column 8: not valid JSON: unexpected "tru\\n}"');
    expect(where('[1, 2]\n[3]')).toBe('f.json: line 2, column 1: not valid JSON: unexpected "[3]"');
    expect(where('{"a": "bad \\q escape"}')).toBe('f.json: line 1, column 13: not valid JSON: unexpected "q escape\\"}"');
    expect(where('{"a": "line\nbreak"}')).toBe('f.json: line 1, column 12: not valid JSON: unexpected "\\nbreak\\"}"');
    expect(where('{"a": 01}')).toBe('f.json: line 1, column 8: not valid JSON: unexpected "1}"');
    expect(where('')).toBe('f.json: line 1, column 1: not valid JSON: the text ends');
  });

  it('counts lines from where the text starts in its file (a .jsonl step)', () => {
    expect(where('{"type": }', 41)).toBe('f.json: line 41, column 10: not valid JSON: unexpected "}"');
  });
});
