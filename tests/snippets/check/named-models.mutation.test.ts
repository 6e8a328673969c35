/**
 * The models a history file can be checked against by name (`npm run check-history`): which there are,
 * where a decoding error is blamed, that a bug is not passed off as a bad line, and what the report
 * says and draws for a history that fails. (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import type { SourcedOperation } from '../../../snippets/check/jepsen-history.ts';
import { namedModels } from '../../../snippets/check/models/index.ts';

const model = (name: string) => namedModels.find((m) => m.name === name)!;
const line = (operation: SourcedOperation['operation'], at: number, returnLine?: number): SourcedOperation => ({ operation, line: at, ...(returnLine === undefined ? {} : { returnLine }) });

describe('the models by name', () => {
  it('are the register, the key-value map and the log, each with a one-line summary', () => {
    expect(namedModels.map((m) => m.name)).toEqual(['register', 'kv', 'log']);
    for (const m of namedModels) expect(m.summary).toMatch(/^\S.*[.)]$/);
    expect(model('kv').summary).toContain('checked per key');
  });
});

describe('decoding errors', () => {
  it("a bad output with no return line recorded is blamed on the call's line", () => {
    const checked = model('register').check([line({ process: 1, call: 0, return: 1, input: { f: 'read' }, output: [1] }, 4)]);
    expect(checked).toEqual({ ok: false, errors: [{ line: 4, message: expect.stringContaining('the value a read returned') }] });
  });

  it('a bad input is blamed on its line even when a return line is known', () => {
    const checked = model('register').check([line({ process: 1, call: 0, return: 1, input: { f: 'increment' } }, 2, 9)]);
    expect(checked).toEqual({ ok: false, errors: [{ line: 2, message: expect.stringContaining('unknown operation "increment"') }] });
  });

  it('something other than a decoding error is not reported as a bad line: it is thrown', () => {
    const broken = { process: 1, call: 0, return: 1, input: undefined } as unknown as SourcedOperation['operation'];
    expect(() => model('kv').check([line(broken, 1)])).toThrow(TypeError);
  });
});

describe('the report', () => {
  // Key x is fine; key y reads 2 after its only write of 1 ended.
  const history = [
    line({ process: 1, call: 0, return: 1, input: { f: 'put', key: 'x', value: 1 } }, 1),
    line({ process: 2, call: 2, return: 3, input: { f: 'get', key: 'x' }, output: 1 }, 2),
    line({ process: 1, call: 4, return: 5, input: { f: 'put', key: 'y', value: 1 } }, 3),
    line({ process: 2, call: 6, return: 7, input: { f: 'get', key: 'y' }, output: 2 }, 4),
  ];

  it('for a failing history: the verdict, a blank line, then the counterexample', () => {
    const checked = model('kv').check(history);
    if (!checked.ok) throw new Error('expected a report');
    const { report } = checked;
    expect([report.linearizable, report.verdict]).toEqual([false, 'not linearizable']);
    const [verdict, ...rest] = report.text.split('\n\n');
    expect(verdict).toMatch(/^Not linearizable/);
    expect(verdict).toContain('key "y"');
    expect(rest.join('\n\n')).toContain('get("y") → 2');
  });

  it('draws the failing key, not the first one', () => {
    const checked = model('kv').check(history);
    if (!checked.ok) throw new Error('expected a report');
    const diagram = checked.report.diagram();
    expect(diagram).toMatch(/^sequenceDiagram/);
    expect(diagram).toContain('get("y")');
    expect(diagram).not.toContain('get("x")');
  });

  it('for a passing history: the verdict alone, and the first key drawn', () => {
    const checked = model('kv').check(history.slice(0, 2));
    if (!checked.ok) throw new Error('expected a report');
    expect([checked.report.linearizable, checked.report.verdict]).toEqual([true, 'linearizable']);
    expect(checked.report.text).not.toContain('\n\n');
    expect(checked.report.diagram()).toContain('get("x")');
    expect(checked.report.html('ok.jsonl')).toContain('<title>ok.jsonl: linearizable</title>');
  });

  it("a failing history's page says so", () => {
    const checked = model('kv').check(history);
    if (!checked.ok) throw new Error('expected a report');
    expect(checked.report.html('bad.jsonl')).toContain('<title>bad.jsonl: not linearizable</title>');
  });
});
