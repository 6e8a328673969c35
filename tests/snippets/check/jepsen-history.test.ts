import { describe, expect, it } from 'vitest';
import { precedes } from '../../../snippets/check/history.ts';
import { parseHistoryLines, type SourcedOperation } from '../../../snippets/check/jepsen-history.ts';
import { namedModels } from '../../../snippets/check/models/index.ts';

const lines = (...events: object[]) => events.map((e) => JSON.stringify(e)).join('\n');

function parsed(text: string): SourcedOperation[] {
  const result = parseHistoryLines(text);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return result.operations;
}

function errorsOf(text: string) {
  const result = parseHistoryLines(text);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

const model = (name: string) => namedModels.find((m) => m.name === name)!;

describe('Jepsen-style lines: invoke, then ok / fail / info', () => {
  it('an invoke and its ok become one operation: call and return times, line orders, input, output, lines', () => {
    const ops = parsed(lines(
      { process: 1, type: 'invoke', f: 'read', value: null, time: 10 },
      { process: 1, type: 'ok', f: 'read', value: 3, time: 15 },
    ));
    expect(ops).toEqual([{ operation: { process: 1, call: 10, return: 15, callOrder: 1, returnOrder: 2, input: { f: 'read', value: null }, output: 3 }, line: 1, returnLine: 2 }]);
  });

  it('the lines give the event order: a reply on an earlier line precedes a call on a later one, even at one time', () => {
    const ops = parsed(lines(
      { process: 1, type: 'invoke', f: 'write', value: 1, time: 5 },
      { process: 1, type: 'ok', f: 'write', value: 1, time: 5 },
      { process: 2, type: 'invoke', f: 'read', value: null, time: 5 },
      { process: 2, type: 'ok', f: 'read', value: null, time: 5 },
    ));
    const [write, read] = ops.map((o) => o.operation);
    expect(precedes(write!, read!)).toBe(true);
    expect(model('register').check(ops)).toMatchObject({ ok: true, report: { linearizable: false } });
  });

  it('reads EDN lines, as Jepsen and Porcupine write them (keywords, strings, nil, vectors, sets, tags)', () => {
    const text = [
      '{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}',
      '{:process 1, :type :invoke, :f :get, :key "0", :value nil}',
      '{:process 0, :type :ok, :f :append, :key "0", :value "x 0 0 y"}',
      '{:process 1, :type :ok, :f :get, :key "0", :value "x 0 0 y"}',
      '{:process :nemesis, :type :info, :f :start, :value [:isolated {"n1" #{"n2"}}], :at #inst "2024-01-01"}',
    ].join('\n');
    expect(errorsOf(`${text}\n{:process 2, :type :invoke, :f :cas, :value @x}`)).toEqual([{ line: 6, message: expect.stringMatching(/^not valid EDN \(cannot read "@x" at column 45/) }]);
    const good = parseHistoryLines(text);
    expect(good.ok && good.operations.map((o) => o.operation)).toEqual([
      { process: 0, call: 1, return: 3, callOrder: 1, returnOrder: 3, input: { f: 'append', key: '0', value: 'x 0 0 y' }, output: 'x 0 0 y' },
      { process: 1, call: 2, return: 4, callOrder: 2, returnOrder: 4, input: { f: 'get', key: '0', value: null }, output: 'x 0 0 y' },
    ]);
    expect(good.ok && model('kv').check(good.operations)).toMatchObject({ ok: true, report: { linearizable: true } });
  });

  it('fail means the operation certainly did not happen: it is dropped', () => {
    const ops = parsed(lines(
      { process: 1, type: 'invoke', f: 'cas', value: [1, 2], time: 0 },
      { process: 1, type: 'fail', f: 'cas', value: [1, 2], time: 1 },
    ));
    expect(ops).toEqual([]);
  });

  it('info means unknown: the operation is kept, with no return', () => {
    const ops = parsed(lines(
      { process: 1, type: 'invoke', f: 'write', value: 4, time: 0 },
      { process: 1, type: 'info', f: 'write', value: 4, time: 9 },
    ));
    expect(ops.map((o) => o.operation)).toEqual([{ process: 1, call: 0, callOrder: 1, input: { f: 'write', value: 4 } }]);
  });

  it('an invoke with no completion by the end of the file is kept, with no return', () => {
    expect(parsed(lines({ process: 3, type: 'invoke', f: 'read', time: 2 }))[0]!.operation).toEqual({ process: 3, call: 2, callOrder: 1, input: { f: 'read' } });
  });

  it('lines of the nemesis process are skipped', () => {
    expect(parsed(lines({ process: 'nemesis', type: 'info', f: 'start-partition', value: null, time: 0 }))).toEqual([]);
  });

  it('operations come out in invoke order, whatever order they complete in', () => {
    const ops = parsed(lines(
      { process: 1, type: 'invoke', f: 'write', value: 1 },
      { process: 2, type: 'invoke', f: 'write', value: 2 },
      { process: 2, type: 'ok', f: 'write', value: 2 },
      { process: 1, type: 'ok', f: 'write', value: 1 },
    ));
    expect(ops.map((o) => o.operation.process)).toEqual([1, 2]);
  });
});

describe('simple lines: call, then return', () => {
  it('a call and its return become one operation; a call never returned is pending', () => {
    const ops = parsed(lines(
      { process: 'A', kind: 'call', op: 'write', args: 3, time: 0 },
      { process: 'B', kind: 'call', op: 'read', time: 1 },
      { process: 'A', kind: 'return', result: null, time: 5 },
    ));
    expect(ops.map((o) => o.operation)).toEqual([
      { process: 'A', call: 0, return: 5, input: { f: 'write', value: 3 }, output: null },
      { process: 'B', call: 1, input: { f: 'read' } },
    ]);
  });

  it('without times, the line number is the time', () => {
    const ops = parsed(['', lines({ process: 'A', kind: 'call', op: 'read' }, { process: 'A', kind: 'return', result: 1 })].join('\n'));
    expect([ops[0]!.operation.call, ops[0]!.operation.return]).toEqual([2, 3]);
  });

  it('"key" is carried into the input', () => {
    expect(parsed(lines({ process: 1, kind: 'call', op: 'get', key: 'x' }))[0]!.operation.input).toEqual({ f: 'get', key: 'x' });
  });
});

describe('malformed lines are reported with their line numbers', () => {
  it.each([
    ['not JSON', '{"process": 1,', /^not valid JSON/],
    ['not an object', '[1, 2]', /expected a JSON object/],
    ['no process', lines({ type: 'invoke', f: 'read' }), /needs "process"/],
    ['neither style', lines({ process: 1, f: 'read' }), /needs "type" .* or "kind"/],
    ['an unknown type', lines({ process: 1, type: 'begin', f: 'read' }), /"type" must be one of invoke, ok, fail, info, got "begin"/],
    ['an invoke without f', lines({ process: 1, type: 'invoke' }), /needs "f"/],
    ['a call without op', lines({ process: 1, kind: 'call' }), /needs "op"/],
    ['a time that is not a number', lines({ process: 1, kind: 'call', op: 'read', time: 'noon' }), /"time" must be a number/],
  ])('%s', (_, text, message) => {
    const [error] = errorsOf(text);
    expect(error!.line).toBe(1);
    expect(error!.message).toMatch(message);
  });

  it('a completion with nothing in progress names its line', () => {
    expect(errorsOf(lines({ process: 1, type: 'invoke', f: 'read' }, { process: 1, type: 'ok', f: 'read', value: 1 }, { process: 2, type: 'ok', f: 'read', value: 1 }))).toEqual([
      { line: 3, message: 'process 2 has no operation in progress to complete with "ok"' },
    ]);
  });

  it('a process that invokes twice without completing names both lines', () => {
    const [error] = errorsOf(lines({ process: 1, type: 'invoke', f: 'read' }, { process: 1, type: 'invoke', f: 'write', value: 1 }));
    expect(error).toEqual({ line: 2, message: expect.stringMatching(/process 1 invoked write while its read \(line 1\) has not completed/) });
  });

  it('a completion of a different operation than was invoked', () => {
    const [error] = errorsOf(lines({ process: 1, type: 'invoke', f: 'read' }, { process: 1, type: 'ok', f: 'write' }));
    expect(error).toEqual({ line: 2, message: 'completes write, but process 1 invoked read (line 1)' });
  });

  it('a completion before its invoke', () => {
    const [error] = errorsOf(lines({ process: 1, type: 'invoke', f: 'read', time: 5 }, { process: 1, type: 'ok', f: 'read', value: 1, time: 4 }));
    expect(error).toEqual({ line: 2, message: 'completes at time 4, before its invoke at 5 (line 1)' });
  });

  it('time on some lines but not others', () => {
    const [error] = errorsOf(lines({ process: 1, type: 'invoke', f: 'read', time: 1 }, { process: 1, type: 'ok', f: 'read', value: 1 }));
    expect(error).toEqual({ line: 2, message: expect.stringMatching(/has no "time", unlike the first event/) });
  });

  it('every bad line is reported, not just the first', () => {
    expect(errorsOf('nope\n{}\n' + lines({ process: 1, kind: 'call', op: 'read' })).map((e) => e.line)).toEqual([1, 2]);
  });
});

describe('each model reads its own operations and says which line it cannot read', () => {
  const check = (name: string, text: string) => model(name).check(parsed(text));

  it('register: a cas completed ok in Jepsen style swapped', () => {
    const result = check('register', lines(
      { process: 1, type: 'invoke', f: 'write', value: 1 }, { process: 1, type: 'ok', f: 'write', value: 1 },
      { process: 1, type: 'invoke', f: 'cas', value: [1, 2] }, { process: 1, type: 'ok', f: 'cas', value: [1, 2] },
      { process: 1, type: 'invoke', f: 'read', value: null }, { process: 1, type: 'ok', f: 'read', value: 2 },
    ));
    expect(result.ok && result.report.linearizable).toBe(true);
  });

  it('register: an unknown operation is reported at its call', () => {
    expect(check('register', lines({ process: 1, kind: 'call', op: 'increment' }))).toEqual({
      ok: false,
      errors: [{ line: 1, message: 'unknown operation "increment" for the register (expected read, write or cas)' }],
    });
  });

  it('register: a read that returned no value is reported at its return', () => {
    const result = check('register', lines({ process: 1, kind: 'call', op: 'read' }, { process: 1, kind: 'return' }));
    expect(result).toEqual({ ok: false, errors: [{ line: 2, message: expect.stringMatching(/the value a read returned must be/) }] });
  });

  it('register: a cas needs [from, to]', () => {
    const result = check('register', lines({ process: 1, kind: 'call', op: 'cas', args: 3 }));
    expect(result).toEqual({ ok: false, errors: [{ line: 1, message: 'a cas needs [from, to] as its value, got 3' }] });
  });

  it('kv: every operation needs a key', () => {
    const result = check('kv', lines({ process: 1, kind: 'call', op: 'get' }));
    expect(result).toEqual({ ok: false, errors: [{ line: 1, message: 'get needs a "key" (a string or a number), or a value [key, value], got nothing' }] });
  });

  it('kv: keys are checked apart', () => {
    const result = check('kv', lines(
      { process: 1, kind: 'call', op: 'put', key: 'x', args: 1 }, { process: 1, kind: 'return', result: null },
      { process: 1, kind: 'call', op: 'get', key: 'y' }, { process: 1, kind: 'return', result: null },
    ));
    expect(result.ok && result.report.text).toBe('Linearizable: 2 operations on 2 independent keys, each checked alone.');
  });

  it('log: an append returns a position, a read returns the entries', () => {
    const result = check('log', lines(
      { process: 1, type: 'invoke', f: 'append', value: 'a' }, { process: 1, type: 'ok', f: 'append', value: 0 },
      { process: 2, type: 'invoke', f: 'read', value: 1 }, { process: 2, type: 'ok', f: 'read', value: ['a'] },
    ));
    expect(result.ok && result.report.linearizable).toBe(true);
    expect(check('log', lines({ process: 1, type: 'invoke', f: 'append', value: 'a' }, { process: 1, type: 'ok', f: 'append', value: 'first' }))).toEqual({
      ok: false,
      errors: [{ line: 2, message: 'a completed append needs the position it got (a whole number from 0), got "first"' }],
    });
  });
});
