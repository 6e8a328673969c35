/**
 * Small rules of the checker's parts that no other test states: the embed a note links to, a named
 * model's report (errors in line order, a diagram even for an empty history), the search run to its
 * end, the linearized set refusing a member twice, default labels and state descriptions, and a
 * history whose lines disagree about time. (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { viewerEmbed } from '../../../snippets/check/embed.ts';
import { parseHistoryLines, type SourcedOperation } from '../../../snippets/check/jepsen-history.ts';
import { checkLinearizability } from '../../../snippets/check/linearizability.ts';
import { LinearizedSet } from '../../../snippets/check/memo.ts';
import { describeState, type Model } from '../../../snippets/check/model.ts';
import { namedModels } from '../../../snippets/check/models/index.ts';
import { registerModel } from '../../../snippets/check/models/register.ts';
import { LinearizationSearch, searchLinearization } from '../../../snippets/check/search.ts';
import { op, read, write } from './histories.ts';

describe('the embed a note links to', () => {
  it('carries the title, the verdict and whether it holds, and a page titled alike with the note\'s link back', () => {
    const embed = viewerEmbed(registerModel, [op('A', 0, 1, write(1)), op('B', 2, 3, read(2))], 'stale read');
    expect([embed.title, embed.ok]).toEqual(['stale read', false]);
    expect(embed.verdict).toMatch(/^Not linearizable: no order of the operations on register/);
    const html = embed.html({ back: { href: '/notes/n/', label: 'Back' } });
    expect(html).toContain('<title>stale read: not linearizable</title>');
    expect(html).toContain('<a href="/notes/n/">← Back</a>');
    expect(embed.html()).toContain('<h1>stale read</h1>');
  });
});

describe('a named model\'s report', () => {
  const register = namedModels.find((m) => m.name === 'register')!;
  const sourced = (operation: SourcedOperation['operation'], line: number, returnLine?: number): SourcedOperation => ({ operation, line, ...(returnLine === undefined ? {} : { returnLine }) });

  it('lists the operations it cannot read in line order, blaming the return\'s line for a bad output', () => {
    const badOutput = sourced({ process: 1, call: 0, return: 1, input: { f: 'read' }, output: [1] }, 1, 7);
    const badInput = sourced({ process: 2, call: 0, input: { f: 'increment' } }, 3);
    expect(register.check([badOutput, badInput])).toEqual({
      ok: false,
      errors: [
        { line: 3, message: 'unknown operation "increment" for the register (expected read, write or cas)' },
        { line: 7, message: 'the value a read returned must be a string, number, boolean or null, got [1]' },
      ],
    });
  });

  it('draws an empty diagram when there is no part to draw (a map with no keys), and names its page', () => {
    const checked = namedModels.find((m) => m.name === 'kv')!.check([]);
    if (!checked.ok) throw new Error('expected a report');
    expect(checked.report.diagram()).toBe('sequenceDiagram');
    expect(checked.report.html('empty.jsonl')).toContain('<title>empty.jsonl: linearizable</title>');
  });
});

describe('the search', () => {
  it('run to its end answers, and asked again answers the same without searching more', () => {
    const history = [op('A', 0, 1, write(1)), op('B', 2, 3, read(1))];
    expect(searchLinearization(registerModel, history)).toMatchObject({ ok: true, order: history });
    const search = new LinearizationSearch(registerModel, history);
    expect(search.advance(Infinity)).toBe(true);
    const { result, progress } = search;
    expect(search.advance(Infinity)).toBe(true);
    expect(search.result).toBe(result);
    expect(search.progress).toEqual(progress);
  });

  it('the linearized set refuses a member it already has', () => {
    const set = new LinearizedSet();
    set.add(3);
    set.add(1);
    expect(() => set.add(1)).toThrow('operation 1 is already linearized');
    expect(() => set.add(2)).not.toThrow();
  });
});

describe('names and descriptions', () => {
  it('a part of a model without a name or a partition is called "history"', () => {
    const { name: _name, ...nameless } = registerModel;
    expect(checkLinearizability(nameless, [op('A', 0, 1, write(1))]).partitions[0]!.label).toBe('history');
    expect(checkLinearizability(registerModel, [op('A', 0, 1, write(1))]).partitions[0]!.label).toBe('register');
  });

  it('a state is shown as JSON unless the model says otherwise, and as its string when JSON has none', () => {
    const plain: Model<unknown, unknown, unknown> = { init: () => 0, step: () => [true, 0], equal: () => true, describe: () => '' };
    expect(describeState(plain, { a: [1] })).toBe('{"a":[1]}');
    expect(describeState(plain, undefined)).toBe('undefined');
    expect(describeState({ ...plain, describeState: () => 'mine' }, 1)).toBe('mine');
  });
});

describe('a history file whose lines disagree about time', () => {
  it('a line with a time after a first line without one is refused, naming what it has', () => {
    const text = [JSON.stringify({ process: 1, type: 'invoke', f: 'read' }), JSON.stringify({ process: 1, type: 'ok', f: 'read', value: 1, time: 2 })].join('\n');
    expect(parseHistoryLines(text)).toEqual({ ok: false, errors: [{ line: 2, message: 'has "time", unlike the first event; give every line a time, or none' }] });
  });
});
