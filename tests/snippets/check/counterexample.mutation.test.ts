/**
 * The verdict and the counterexample as a reader gets them: the one-line verdict for parts that are
 * not all keys, for several unfinished searches and for a failing part among several; the text of a
 * counterexample with nothing before it, with a reason, with many rivals; the diagram's notes on
 * operations that never returned and on those left out. (Written for mutation testing,
 * docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { counterexampleText, historyDiagram, mermaidText, verdictText } from '../../../snippets/check/counterexample.ts';
import type { History } from '../../../snippets/check/history.ts';
import { checkLinearizability, type CheckOutcome, type Counterexample } from '../../../snippets/check/linearizability.ts';
import { registerModel, type RegisterInput, type RegisterOutput } from '../../../snippets/check/models/register.ts';
import { op, read, write } from './histories.ts';
import { deq, enq, queueModel } from './queue-model.ts';

type Part = { label: string; operations: History<unknown, unknown> };
const part = (label: string, n = 1, pending = 0): Part => ({
  label,
  operations: [...Array.from({ length: n }, (_, i) => ({ process: 'p', call: i, return: i, input: 'x' })), ...Array.from({ length: pending }, () => ({ process: 'q', call: 0, input: 'x' }))],
});
const outcome = (fields: object) => fields as CheckOutcome<unknown, unknown, unknown>;

describe('the verdict line', () => {
  it('says "parts" unless every part is a key, and counts what never returned', () => {
    expect(verdictText(outcome({ ok: true, partitions: [part('key "a"'), part('register', 2, 1)], unchecked: [] }))).toBe(
      'Linearizable: 4 operations on 2 independent parts, each checked alone; 1 never returned.',
    );
    expect(verdictText(outcome({ ok: true, partitions: [part('register')], unchecked: [] }))).toBe('Linearizable: 1 operation.');
  });

  it('unknown: how far each unfinished search got, or that it never started', () => {
    const result = outcome({
      ok: undefined,
      partitions: [part('key "a"')],
      unchecked: [{ ...part('key "b"'), progress: { placed: 1, completed: 2, explored: 30 } }, part('key "c"')],
      timeoutMs: 1500,
    });
    expect(verdictText(result)).toBe('Unknown: no answer within 1.5 s. 1 of 3 independent keys found linearizable; still searching key "b": 1 of 2 placed, 30 configurations; key "c": not started.');
  });

  it('not linearizable, among parts: which part, and how many others were fine or never checked', () => {
    const failing = part('b');
    const result = outcome({ ok: false, partitions: [part('a'), part('c'), failing], counterexample: failing, unchecked: [part('d')] });
    expect(verdictText(result)).toBe(
      'Not linearizable: no order of the operations on b matches what the clients saw (1 of 4 independent parts; the check stops at the first part that fails: 2 others linearizable, 1 not checked).',
    );
  });
});

type Reg = History<RegisterInput, RegisterOutput>;
const failed = (history: Reg) => {
  const result = checkLinearizability(registerModel, history);
  if (result.ok) throw new Error('expected a counterexample');
  return result.counterexample;
};

describe('the counterexample as text', () => {
  it('when the very first step fails, and no operation had to come before', () => {
    const c = failed([op('A', 0, 1, read(5))]);
    expect(counterexampleText(registerModel, c).split('\n').slice(0, 2)).toEqual(['Counterexample (register):', 'No operation can take effect first: the very first step fails.']);
    const refuted: Counterexample<RegisterOutput, RegisterInput, RegisterOutput> = { ...c, reason: 'nobody wrote 5' };
    expect(counterexampleText(registerModel, refuted).split('\n')).toEqual([
      'Counterexample (register):',
      'It fails before any other operation has to take effect.',
      'Cannot place: read() → 5  client A  t=0..1',
      '  In no order at all: nobody wrote 5.',
      '  After the prefix the state is null.',
    ]);
  });

  it('with a reason, the prefix is what had to come first, and the reason replaces the search\'s account', () => {
    const c = failed([op('A', 0, 1, write(1)), op('B', 2, 3, read(5))]);
    const text = counterexampleText(registerModel, { ...c, reason: 'nobody wrote 5' });
    expect(text).toContain('A linearizable prefix, up to the last operation that must come before the one below: 1 of 2 operations, in the order they take effect:');
    expect(text).toContain('  In no order at all: nobody wrote 5.\n  After the prefix the state is 1.');
    expect(text).not.toContain('no order of the operations');
  });

  it('a window of no operations lists none of the prefix, only how many it leaves out, and still names the stuck one', () => {
    const c = failed([op('A', 0, 1, write(1)), op('B', 2, 3, write(2)), op('Z', 4, 5, read(1))]);
    const lines = counterexampleText(registerModel, c, { maxOperations: 0 }).split('\n');
    expect(lines[2]).toBe('  … 2 earlier operations');
    expect(lines[3]).toMatch(/^Cannot place: read\(\) → 1/);
  });

  it('lists at most maxOperations rivals, then how many more', () => {
    // Reads of values nobody wrote, called before the stuck read returned: none can be placed either.
    const rivals = Array.from({ length: 4 }, (_, i) => op(`R${i}`, 0, 10, read(i + 10)));
    const c = failed([op('A', 0, 1, read(5)), ...rivals]);
    const lines = counterexampleText(registerModel, c, { maxOperations: 2 }).split('\n');
    expect(lines.slice(lines.indexOf('Also not placed, though called by t=1:') + 1)).toEqual([
      '  read() → 10  client R0  t=0..10',
      '  read() → 11  client R1  t=0..10',
      '  … and 2 more',
    ]);
  });

  it('its rivals are the operations called by the stuck one\'s return, that tick included, in padded columns; no "more" line when all fit', () => {
    // R2 is called at the very tick the stuck read S returns; R3 after it; P is a read that never returned.
    const c = failed([op('S', 0, 2, read(5)), op('R1', 0, 9, read(10)), op('P', 1, null, read()), op('R2', 2, 10, read(7)), op('R3', 3, 9, read(12))]);
    const lines = counterexampleText(registerModel, c, { maxOperations: 2 }).split('\n');
    expect(lines.slice(lines.indexOf('Also not placed, though called by t=2:'))).toEqual([
      'Also not placed, though called by t=2:',
      '  read() → 10  client R1  t=0..9',
      '  read() → 7   client R2  t=2..10',
    ]);
  });

  it('a read that never returned is no rival (it says nothing); with a model that cannot tell reads, every operation left out is one', () => {
    const c = failed([op('S', 0, 2, read(5)), op('P', 1, null, read())]);
    expect(counterexampleText(registerModel, c)).not.toContain('Also not placed');
    const queue = checkLinearizability(queueModel, [op('A', 0, 1, deq('x')), op('B', 0, null, enq('y'))]);
    if (queue.ok !== false) throw new Error('expected a counterexample');
    expect(counterexampleText(queueModel, queue.counterexample).split('\n').slice(-2)).toEqual(['Also not placed, though called by t=1:', '  E(y)  client B  t=0..never']);
  });

  it('an order the model rejects is a checker bug, and says where', () => {
    const c = failed([op('A', 0, 1, read(5))]);
    const bogus = { ...c, order: [op('A', 0, 1, read(5))] };
    expect(() => counterexampleText(registerModel, bogus)).toThrow("the checker's order is not legal at read() → 5");
  });
});

describe('the diagram', () => {
  it('says of each operation that never returned whether it took effect, or was placed', () => {
    const ok = checkLinearizability(registerModel, [op('A', 0, 1, write(1)), op('B', 0, null, write(2)), op('C', 2, 3, read(1)), op('D', 4, null, write(3))]);
    const lines = historyDiagram(registerModel, ok.partitions[0]!).split('\n');
    expect(lines).toContain('  Note over c1: write(2) never returned, took no effect');
    const effect = checkLinearizability(registerModel, [op('B', 0, null, write(2)), op('C', 2, 3, read(2))]);
    expect(historyDiagram(registerModel, effect.partitions[0]!).split('\n')).toContain('  Note over c0: write(2) never returned, took effect');
    const bad = failed([op('B', 0, null, write(2)), op('E', 0, null, write(7)), op('C', 2, 3, read(2)), op('D', 4, 5, read(9))]);
    const badLines = historyDiagram(registerModel, bad).split('\n');
    expect(badLines).toContain('  Note over c0: write(2) never returned, placed');
    expect(badLines).toContain('  Note over c1: write(7) never returned, not placed');
  });

  it('counts what it leaves out: later operations of a linearizable part, earlier ones of a counterexample', () => {
    const history = Array.from({ length: 5 }, (_, i) => op(`P${i}`, i * 2, i * 2 + 1, write(i)));
    const ok = checkLinearizability(registerModel, history);
    expect(historyDiagram(registerModel, ok.partitions[0]!, { maxOperations: 3 }).split('\n').at(-1)).toBe('  Note over c0,obj: 2 later operations not drawn');
    const bad = failed([...history, op('Z', 20, 21, read(9))]);
    expect(historyDiagram(registerModel, bad, { maxOperations: 3 }).split('\n').at(-1)).toBe('  Note over c0,obj: 3 earlier operations not drawn');
  });

  it('a window that would lose the stuck operation keeps it, in call order', () => {
    // The stuck read is called first; later calls would push it out of a window of the last two.
    const bad = failed([op('Z', 0, 9, read(9)), op('A', 1, 2, write(1)), op('B', 3, 4, write(2))]);
    const lines = historyDiagram(registerModel, bad, { maxOperations: 2 }).split('\n');
    expect(lines.filter((l) => l.startsWith('  participant'))).toEqual(['  participant c0 as client Z', '  participant c1 as client B', '  participant obj as register']);
    expect(lines.filter((l) => l.includes('->>obj'))).toEqual(['  c0->>obj: read(), t=0', '  c1->>obj: write(2), t=3']);
  });

  it('at equal ticks calls come before returns, and two calls keep their order', () => {
    const ok = checkLinearizability(registerModel, [op('A', 0, 3, write(1)), op('B', 0, 5, read(1)), op('C', 3, 4, write(2))]);
    const arrows = historyDiagram(registerModel, ok.partitions[0]!).split('\n').filter((l) => l.includes('>>'));
    expect(arrows).toEqual([
      '  c0->>obj: write(1), t=0',
      '  c1->>obj: read(), t=0',
      '  c2->>obj: write(2), t=3',
      '  obj-->>c0: write(1), t=3',
      '  obj-->>c2: write(2), t=4',
      '  obj-->>c1: read() → 1, t=5',
    ]);
  });

  it('the effect of an operation shown without a return of its own is noted at the end', () => {
    // W never returned and takes effect after A; the read that needed it is outside a window of two.
    const ok = checkLinearizability(registerModel, [op('A', 0, 2, write(1)), op('W', 1, null, write(2)), op('R', 5, 6, read(2))]);
    const lines = historyDiagram(registerModel, ok.partitions[0]!, { maxOperations: 2 }).split('\n');
    expect(lines.filter((l) => l.startsWith('  Note over obj'))).toEqual(['  Note over obj: 1. write(1), state 1', '  Note over obj: 2. write(2), state 2']);
  });

  it('a counterexample\'s diagram holds what was called by the stuck operation\'s return, that tick included, in call order', () => {
    // Given out of call order; D is called exactly when the stuck read returns, E after it.
    const bad = failed([op('E', 6, 7, write(3)), op('D', 5, 8, write(2)), op('A', 0, 1, write(1)), op('Z', 2, 5, read(9))]);
    const calls = historyDiagram(registerModel, bad).split('\n').filter((l) => l.includes('->>obj'));
    expect(calls).toEqual(['  c0->>obj: write(1), t=0', '  c1->>obj: read(), t=2', '  c2->>obj: write(2), t=5']);
    expect(historyDiagram(registerModel, bad, { maxOperations: 2 }).split('\n').at(-1)).toBe('  Note over c0,obj: 1 earlier operation not drawn');
  });

  it('with event orders, a call made in the same tick as the stuck return but after it is left out, and ties follow the events', () => {
    // The Raft note's stale weak read: r1's read returns 1 at tick 42 and r1 calls its next read in that
    // tick, after the return. Ticks alone would call the two concurrent and draw the second read's call
    // with no return; the event orders say the stuck read precedes it.
    const at = (o: ReturnType<typeof op<RegisterInput, RegisterOutput>>, callOrder: number, returnOrder?: number) => ({ ...o, callOrder, ...(returnOrder === undefined ? {} : { returnOrder }) });
    const bad = failed([
      at(op('p1', 32, 36, write(2)), 1, 2),
      at(op('r1', 40, 42, read(1)), 3, 4),
      at(op('r1', 42, 44, read(2)), 5, 6),
    ]);
    const arrows = historyDiagram(registerModel, bad).split('\n').filter((l) => l.includes('>>'));
    expect(arrows).toEqual(['  c0->>obj: write(2), t=32', '  obj-->>c0: write(2), t=36', '  c1->>obj: read(), t=40', '  obj-->>c1: read() → 1, t=42']);
    // Without event orders the same ticks are concurrent, and the later read is drawn.
    const unordered = failed([op('p1', 32, 36, write(2)), op('r1', 40, 42, read(1)), op('r1', 42, 44, read(2))]);
    expect(historyDiagram(registerModel, unordered).split('\n').filter((l) => l.includes('->>obj'))).toContain('  c1->>obj: read(), t=42');
  });

  it('one client\'s operations share one participant', () => {
    const ok = checkLinearizability(registerModel, [op('A', 0, 1, write(1)), op('A', 2, 3, read(1)), op('B', 4, 5, read(1))]);
    const participants = historyDiagram(registerModel, ok.partitions[0]!).split('\n').filter((l) => l.startsWith('  participant'));
    expect(participants).toEqual(['  participant c0 as client A', '  participant c1 as client B', '  participant obj as register']);
  });

  it('every effect gets its note, in the order found, before the return that needs it', () => {
    const ok = checkLinearizability(registerModel, [op('A', 0, 5, write(1)), op('B', 1, 2, write(2)), op('C', 3, 4, read(2))]);
    const lines = historyDiagram(registerModel, ok.partitions[0]!).split('\n').filter((l) => l.includes('Note over obj') || l.includes('-->>'));
    expect(lines).toEqual([
      '  Note over obj: 1. write(1), state 1',
      '  Note over obj: 2. write(2), state 2',
      '  obj-->>c1: write(2), t=2',
      '  Note over obj: 3. read() → 2, state 2',
      '  obj-->>c2: read() → 2, t=4',
      '  obj-->>c0: write(1), t=5',
    ]);
  });

  it('an operation that returns in the tick it was called is drawn called, then returned', () => {
    const ok = checkLinearizability(registerModel, [op('A', 0, 0, write(1))]);
    expect(historyDiagram(registerModel, ok.partitions[0]!).split('\n').filter((l) => l.includes('>>'))).toEqual(['  c0->>obj: write(1), t=0', '  obj-->>c0: write(1), t=0']);
  });

  it('an operation that never returned has a call and no return arrow', () => {
    const ok = checkLinearizability(registerModel, [op('A', 0, 1, write(1)), op('B', 2, null, write(2))]);
    expect(historyDiagram(registerModel, ok.partitions[0]!).split('\n').filter((l) => l.includes('>>'))).toEqual(['  c0->>obj: write(1), t=0', '  obj-->>c0: write(1), t=1', '  c1->>obj: write(2), t=2']);
  });

  it('ticks may be negative (any number, in any unit): the window that keeps the stuck operation is still in call order', () => {
    const bad = failed([op('Z', -20, -11, read(9)), op('A', -19, -18, write(1)), op('B', -17, -16, write(2))]);
    const participants = historyDiagram(registerModel, bad, { maxOperations: 2 }).split('\n').filter((l) => l.startsWith('  participant'));
    expect(participants).toEqual(['  participant c0 as client Z', '  participant c1 as client B', '  participant obj as register']);
  });

  it('a diagram of no operations at all still says what it leaves out, over the object', () => {
    const ok = checkLinearizability(registerModel, [op('A', 0, 1, write(1)), op('B', 2, 3, read(1))]);
    expect(historyDiagram(registerModel, ok.partitions[0]!, { maxOperations: 0 }).split('\n')).toEqual([
      'sequenceDiagram',
      '  participant obj as register',
      '  Note over obj,obj: 2 later operations not drawn',
    ]);
  });

  it('the diagram of a counterexample with a window of no operations still draws the stuck one, and only it', () => {
    const bad = failed([op('A', 0, 1, write(1)), op('B', 2, 3, write(2)), op('Z', 4, 5, read(1))]);
    const arrows = historyDiagram(registerModel, bad, { maxOperations: 0 }).split('\n').filter((l) => l.includes('->>'));
    expect(arrows.every((l) => l.includes('read'))).toBe(true);
    expect(arrows.length).toBeGreaterThan(0);
  });
});

describe('text inside a diagram', () => {
  it('each character Mermaid would read as syntax becomes its look-alike; line breaks become spaces', () => {
    expect(mermaidText('a;b#c%d<e>f-g\nh\ri')).toBe('a\u037eb\uff03c\uff05d\u2039e\u203af\u2010g h i');
  });
});
