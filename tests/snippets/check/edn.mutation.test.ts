/**
 * The EDN reader behind `check-history` (one Jepsen or Porcupine event per line): what each form
 * reads as, and where and why a line that is not EDN is refused. The command-line tests read whole
 * files through it in a child process; these state each rule. (Written for mutation testing,
 * docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { EdnError, parseEdn } from '../../../snippets/check/edn.ts';

describe('what EDN reads as', () => {
  it.each([
    ['nil', null],
    ['true', true],
    ['false', false],
    ['42', 42],
    ['-12.25', -12.25],
    ['1e+3', 1000],
    ['1e10', 1e10],
    ['-2N', -2],
    ['3M', 3],
    ['2.5M', 2.5],
    ['1e2M', 100],
    ['1.5e3', 1500],
    [':invoke', 'invoke'],
    ['"a\\n\\t\\r\\"\\\\b"', 'a\n\t\r"\\b'],
    ['[1, 2]', [1, 2]],
    ['[ 1 2 ]', [1, 2]],
    ['{ :a 1 }', { a: 1 }],
    ['(1 2)', [1, 2]],
    ['#{1 2}', [1, 2]],
    ['#inst "2020-01-01"', '2020-01-01'],
    ['{1 :x "k" [1 (2) #{3}]}', { 1: 'x', k: [1, [2], [3]] }],
    ['  {:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}  ', { process: 0, type: 'invoke', f: 'append', key: '0', value: 'x 0 0 y' }],
  ])('%s', (source, value) => {
    expect(parseEdn(source)).toEqual(value);
  });
});

describe('what it refuses, saying where', () => {
  it.each([
    ['', 'the line ends where a value should be'],
    ['#foo', 'the line ends where a value should be'],
    ['{:a 1', 'the line ends inside a map: a "}" is missing'],
    ['[1 2', 'the line ends inside a list: a "]" is missing'],
    ['(1', 'the line ends inside a list: a ")" is missing'],
    ['"abc', 'the line ends inside a string: a closing quote is missing'],
    ['"a\\qb"', 'unknown escape \\q in a string at column 3'],
    ['"ab\\', 'unknown escape \\ in a string at column 4'],
    ['{[1] 2}', 'a map key must be a keyword, string or number, got [1]'],
    ['{true 1}', 'a map key must be a keyword, string or number, got true'],
    ['{nil 1}', 'a map key must be a keyword, string or number, got null'],
    ['a1', 'cannot read "a1" at column 1 (expected a map, vector, string, number, keyword, nil, true or false)'],
    ['12abc', 'cannot read "12abc" at column 1 (expected a map, vector, string, number, keyword, nil, true or false)'],
    // Both suffixes at once is no EDN number (an integer's N, a decimal's M); it used to read as NaN.
    ['1NM', 'cannot read "1NM" at column 1 (expected a map, vector, string, number, keyword, nil, true or false)'],
    ['1.5N', 'cannot read "1.5N" at column 1 (expected a map, vector, string, number, keyword, nil, true or false)'],
    ['foo', 'cannot read "foo" at column 1 (expected a map, vector, string, number, keyword, nil, true or false)'],
    ['[1 foo]', 'cannot read "foo" at column 4 (expected a map, vector, string, number, keyword, nil, true or false)'],
    [':', 'cannot read ":" at column 1 (expected a map, vector, string, number, keyword, nil, true or false)'],
    ['{:a}', 'unexpected "}" at column 4'],
    [')', 'unexpected ")" at column 1'],
    ['1 2', 'unexpected "2" after the value, at column 3'],
    ['{:a 1} 0123456789abc', 'unexpected "0123456789" after the value, at column 8'],
  ])('%s', (source, message) => {
    expect(() => parseEdn(source)).toThrow(new EdnError(message));
    expect(() => parseEdn(source)).toThrow(EdnError);
  });

  it('a refusal is an EdnError, named so', () => {
    expect(() => parseEdn('')).toThrow(expect.objectContaining({ name: 'EdnError' }));
  });
});
