/**
 * Reading a recorded history line by line, rule by rule: which lines are skipped, which are refused
 * and in what words, how the errors are ordered, and that an operation carries only the fields it has
 * (no key set to `undefined`: the types are exact-optional). (Written for mutation testing,
 * docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { parseHistoryLines } from '../../../snippets/check/jepsen-history.ts';

const lines = (...events: object[]) => events.map((e) => JSON.stringify(e)).join('\n');

function errorsOf(text: string) {
  const result = parseHistoryLines(text);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('lines that are skipped or read', () => {
  it('a line of spaces and tabs is blank: skipped, though it still counts as a line', () => {
    const result = parseHistoryLines(['{"process": 1, "type": "invoke", "f": "read"}', ' \t ', '{"process": 1, "type": "ok", "f": "read", "value": 1}'].join('\n'));
    expect(result).toEqual({ ok: true, operations: [expect.objectContaining({ line: 1, returnLine: 3 })] });
  });

  it('an indented EDN line is read as EDN', () => {
    const result = parseHistoryLines('  {:process 0, :type :invoke, :f :read}');
    expect(result).toEqual({ ok: true, operations: [expect.objectContaining({ operation: expect.objectContaining({ process: 0, input: { f: 'read' } }) })] });
  });

  it('a Jepsen completion may leave out "f": it completes what its process invoked', () => {
    const result = parseHistoryLines(lines({ process: 1, type: 'invoke', f: 'read' }, { process: 1, type: 'ok', value: 4 }));
    expect(result.ok && result.operations.map((o) => o.operation)).toEqual([{ process: 1, call: 1, return: 2, callOrder: 1, returnOrder: 2, input: { f: 'read' }, output: 4 }]);
  });
});

describe('an operation carries only the fields it has', () => {
  it('Jepsen style: no value, key or output when the line has none; no return, returnOrder or returnLine when it never completed', () => {
    const result = parseHistoryLines(lines(
      { process: 1, type: 'invoke', f: 'read' },
      { process: 2, type: 'invoke', f: 'write', value: 3, key: 'x' },
      { process: 1, type: 'ok', f: 'read' },
    ));
    expect(result).toStrictEqual({
      ok: true,
      operations: [
        { operation: { process: 1, call: 1, return: 3, callOrder: 1, returnOrder: 3, input: { f: 'read' } }, line: 1, returnLine: 3 },
        { operation: { process: 2, call: 2, callOrder: 2, input: { f: 'write', value: 3, key: 'x' } }, line: 2 },
      ],
    });
  });

  it('simple style: a call without args or key has an input of its name only', () => {
    expect(parseHistoryLines(lines({ process: 'A', kind: 'call', op: 'read' }))).toStrictEqual({ ok: true, operations: [{ operation: { process: 'A', call: 1, input: { f: 'read' } }, line: 1 }] });
  });
});

describe('lines refused, in words', () => {
  it('a JSON value that is not an object: a number, null, a string, a boolean', () => {
    expect(errorsOf('3\nnull\n"x"\ntrue')).toEqual([1, 2, 3, 4].map((line) => ({ line, message: 'expected a JSON object, one event per line' })));
  });

  it('"process" missing, empty, not a number or a name, or not finite', () => {
    expect(errorsOf(lines({ type: 'invoke', f: 'read' }))).toEqual([{ line: 1, message: 'needs "process" (a number or a name), got nothing' }]);
    expect(errorsOf(lines({ process: '', type: 'invoke', f: 'read' }))).toEqual([{ line: 1, message: 'needs "process" (a number or a name), got ""' }]);
    expect(errorsOf(lines({ process: true, type: 'invoke', f: 'read' }))).toEqual([{ line: 1, message: 'needs "process" (a number or a name), got true' }]);
    // JSON.parse reads 1e999 as Infinity.
    expect(errorsOf('{"process": 1e999, "type": "invoke", "f": "read"}')).toEqual([{ line: 1, message: 'needs "process" (a number or a name), got Infinity' }]);
  });

  it('a "time" that is not finite', () => {
    expect(errorsOf('{"process": 1, "type": "invoke", "f": "read", "time": 1e999}')).toEqual([{ line: 1, message: '"time" must be a number, got Infinity' }]);
  });

  it('an invoke without "f", or with an empty one; a call without "op"', () => {
    expect(errorsOf(lines({ process: 1, type: 'invoke' }))).toEqual([{ line: 1, message: 'needs "f" (the operation\'s name) as a string, got nothing' }]);
    expect(errorsOf(lines({ process: 1, type: 'invoke', f: '' }))).toEqual([{ line: 1, message: 'needs "f" (the operation\'s name) as a string, got ""' }]);
    expect(errorsOf(lines({ process: 1, kind: 'call' }))).toEqual([{ line: 1, message: 'needs "op" (the operation\'s name) as a string, got nothing' }]);
  });

  it('an unknown "kind"', () => {
    expect(errorsOf(lines({ process: 1, kind: 'reply', op: 'read' }))).toEqual([{ line: 1, message: '"kind" must be one of call, return, got "reply"' }]);
  });

  it('a return that names another operation than its process called', () => {
    expect(errorsOf(lines({ process: 'A', kind: 'call', op: 'read' }, { process: 'A', kind: 'return', op: 'write', result: 1 }))).toEqual([
      { line: 2, message: 'completes write, but process A invoked read (line 1)' },
    ]);
  });

  it('errors come in line order, whether a line is unreadable or does not pair up', () => {
    // Line 3 is refused as it is read; line 2's second invoke only when the events are paired, later.
    const text = [lines({ process: 1, type: 'invoke', f: 'read' }, { process: 1, type: 'invoke', f: 'write', value: 1 }), 'nope'].join('\n');
    expect(errorsOf(text).map((e) => e.line)).toEqual([2, 3]);
  });

  it('an error that is not about the line (the EDN reader running out of stack) is thrown, not reported as a bad line', () => {
    const deep = `{:process 1, :type :invoke, :f :read, :value ${'['.repeat(100_000)}}`;
    expect(() => parseHistoryLines(deep)).toThrow(RangeError);
  });
});
