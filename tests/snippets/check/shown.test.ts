import { describe, expect, it } from 'vitest';
import { shown } from '../../../snippets/check/shown.ts';

describe('a refused value, as an error message shows it', () => {
  it('is written as JSON', () => {
    expect([shown('a'), shown(1), shown(null), shown(true), shown([1, 'x']), shown({ f: 'read' })]).toEqual(['"a"', '1', 'null', 'true', '[1,"x"]', '{"f":"read"}']);
  });

  it('a number too large for a double (JSON.parse reads 1e999 as Infinity) is not shown as null', () => {
    expect([shown(JSON.parse('1e999')), shown(-Infinity), shown(Number.NaN)]).toEqual(['Infinity', '-Infinity', 'NaN']);
  });

  it('a missing value is "nothing"', () => {
    expect(shown(undefined)).toBe('nothing');
  });
});
