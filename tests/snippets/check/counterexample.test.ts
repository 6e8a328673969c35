import { describe, expect, it } from 'vitest';
import { readSequence } from '../../../src/plugins/mermaid/sequence-read.ts';
import { parseDiagram } from '../../../src/plugins/mermaid/validate.ts';
import { counterexampleText, historyDiagram, mermaidText, verdictText } from '../../../snippets/check/counterexample.ts';
import { generateRegisterHistory } from '../../../snippets/check/generate.ts';
import { checkLinearizability, type Counterexample } from '../../../snippets/check/linearizability.ts';
import type { Operation } from '../../../snippets/check/history.ts';
import { kvModel, type KvInput, type KvOutput } from '../../../snippets/check/models/kv.ts';
import { registerModel, type RegisterInput, type RegisterOutput } from '../../../snippets/check/models/register.ts';
import type { Scalar } from '../../../snippets/check/models/values.ts';
import { cas, op, read, write, type RegisterOp } from './histories.ts';

// A stale read: E reads 0, which nobody wrote. B's write(3) never returned; D's write(2) returns after E's read.
const staleRead: RegisterOp[] = [
  op('A', 0, 2, write(1)),
  op('B', 1, null, write(3)),
  op('C', 3, 4, read(1)),
  op('D', 5, 9, write(2)),
  op('E', 6, 7, read(0)),
];

// B's read of 2 and D's cas from 7 can never be placed; B returns first.
const twoImpossible: RegisterOp[] = [op('A', 0, 1, write(1)), op('B', 2, 5, read(2)), op('C', 3, 4, read(1)), op('D', 3, 6, cas(7, 8, true))];

function counterexampleOf(history: RegisterOp[]): Counterexample<Scalar, RegisterInput, RegisterOutput> {
  const result = checkLinearizability(registerModel, history);
  if (result.ok) throw new Error('expected a violation');
  return result.counterexample;
}

/** Parses with Mermaid's own grammar, and checks the site can draw it at build time (no client JS). */
async function expectDrawable(diagram: string): Promise<void> {
  expect(await parseDiagram(diagram)).toBe('sequence');
  await expect(readSequence(diagram)).resolves.toHaveProperty('steps');
}

describe('verdicts as text', () => {
  it('a linearizable history says so, with its size', () => {
    expect(verdictText(checkLinearizability(registerModel, [op('A', 0, 1, write(1)), op('B', 2, null, read())]))).toBe(
      'Linearizable: 2 operations; 1 never returned.',
    );
  });

  it('a violation names the keys that fail, as independent keys (never "partitions", which means a network cut in a run)', () => {
    const history: Operation<KvInput, KvOutput>[] = [
      op('A', 0, 1, { input: { f: 'put', key: 'x', value: 1 } }),
      op('B', 2, 3, { input: { f: 'get', key: 'x' }, output: 2 }),
      op('B', 4, 5, { input: { f: 'get', key: 'y' }, output: null }),
    ];
    expect(verdictText(checkLinearizability(kvModel, history))).toBe(
      'Not linearizable: no order of the operations on key "x" matches what the clients saw (1 of 2 independent keys; the check stops at the first key that fails: 1 other linearizable, 0 not checked).',
    );
  });
});

describe('counterexamples as text', () => {
  const text = counterexampleText(registerModel, counterexampleOf(staleRead));

  it('lists the longest linearizable prefix in order, with clients, ticks and states', () => {
    expect(text).toContain('Longest linearizable prefix found: 3 of 5 operations, in the order they take effect:');
    expect(text).toMatch(/1\. +write\(1\) +client A +t=0\.\.2 +state 1\n/);
    expect(text).toMatch(/2\. +read\(\) → 1 +client C +t=3\.\.4 +state 1\n/);
    expect(text).toMatch(/3\. +write\(2\) +client D +t=5\.\.9 +state 2\n/);
  });

  it('names the operation that cannot be placed and the state it met', () => {
    expect(text).toMatch(/Cannot place: read\(\) → 0 +client E +t=6\.\.7\n/);
    expect(text).toContain('After the prefix the state is 2');
  });

  it('prefers a prefix without operations that never returned: they would only blur the state shown', () => {
    expect(text).not.toMatch(/\d\. +write\(3\)/);
  });

  it('lists the operations called in time that the prefix left out', () => {
    expect(text).toMatch(/Also not placed, though called by t=7:\n +write\(3\) +client B +t=1\.\.never$/);
    const rivals = counterexampleText(registerModel, counterexampleOf(twoImpossible));
    expect(rivals).toMatch(/Cannot place: read\(\) → 2 +client B +t=2\.\.5\n/);
    expect(rivals).toMatch(/Also not placed, though called by t=5:\n +cas\(7, 8\) → ok +client D +t=3\.\.6$/);
  });

  it('shows only the last operations of a long prefix', () => {
    const history = generateRegisterHistory({ operations: 200, clients: 4, seed: 7 });
    const last = history.reduce((a, b) => ((b.return ?? 0) > (a.return ?? 0) ? b : a));
    const broken = [...history, op(99, last.return! + 1, last.return! + 2, read('never written'))];
    const long = counterexampleText(registerModel, counterexampleOf(broken), { maxOperations: 5 });
    expect(long).toContain('… 195 earlier operations');
    expect(long).toContain('200. ');
    expect(long).toContain('Cannot place: read() → "never written"');
  });
});

describe('diagrams', () => {
  it('a counterexample is a sequence diagram Mermaid parses and the site draws at build time', async () => {
    await expectDrawable(historyDiagram(registerModel, counterexampleOf(staleRead)));
  });

  it('has the clients as participants, and each call and return with its tick', () => {
    const diagram = historyDiagram(registerModel, counterexampleOf(staleRead));
    expect(diagram).toContain('participant c0 as client A');
    expect(diagram).toContain('participant c4 as client E');
    expect(diagram).toContain('participant obj as register');
    expect(diagram).toContain('c0->>obj: write(1), t=0');
    expect(diagram).toContain('obj-->>c0: write(1), t=2');
  });

  it('notes where each operation of the prefix takes effect, between its call and its return', () => {
    const lines = historyDiagram(registerModel, counterexampleOf(staleRead)).split('\n');
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(at('Note over obj: 1. write(1), state 1')).toBeGreaterThan(at('c0->>obj: write(1)'));
    expect(at('Note over obj: 1. write(1), state 1')).toBeLessThan(at('obj-->>c0: write(1)'));
    expect(at('Note over obj: 2. read() → 1, state 1')).toBeGreaterThan(at('c2->>obj: read()'));
    expect(at('Note over obj: 2. read() → 1, state 1')).toBeLessThan(at('obj-->>c2: read() → 1'));
    expect(at('Note over obj: 3. write(2), state 2')).toBeGreaterThan(at('c3->>obj: write(2)'));
  });

  it('ends at the return of the operation that cannot be placed, saying so', () => {
    const lines = historyDiagram(registerModel, counterexampleOf(staleRead)).split('\n');
    const stuck = lines.findIndex((l) => l.includes('Note over c4,obj: cannot place read() → 0, state is 2'));
    expect(stuck).toBeGreaterThan(0);
    expect(lines[stuck + 1]).toBe('  obj-->>c4: read() → 0, t=7');
    expect(lines.some((l) => l.includes('obj-->>c3'))).toBe(false); // D's write returns at t=9, after the end
  });

  it('marks operations that never returned', () => {
    expect(historyDiagram(registerModel, counterexampleOf(staleRead))).toContain('Note over c1: write(3) never returned, not placed');
    const ok = checkLinearizability(registerModel, [op('A', 0, null, write(1)), op('B', 2, 3, read(null))]).partitions[0]!;
    expect(historyDiagram(registerModel, ok)).toContain('Note over c0: write(1) never returned, took no effect');
  });

  it('draws a linearizable history with the order found', async () => {
    const result = checkLinearizability(registerModel, [op('A', 0, 4, write(1)), op('B', 1, 2, read(null)), op('C', 3, 5, read(1))]);
    const diagram = historyDiagram(registerModel, result.partitions[0]!);
    await expectDrawable(diagram);
    expect(diagram.indexOf('1. read() → null')).toBeLessThan(diagram.indexOf('2. write(1)'));
  });

  it('draws a window of a long history and says how much it left out', async () => {
    const history = generateRegisterHistory({ operations: 500, clients: 6, seed: 3, crashChance: 0.05 });
    const diagram = historyDiagram(registerModel, checkLinearizability(registerModel, history).partitions[0]!, { maxOperations: 12 });
    await expectDrawable(diagram);
    expect(diagram).toContain('488 later operations not drawn');
    expect(diagram.split('\n').filter((l) => l.includes('->>obj')).length).toBe(12);
  });

  it('draws the end of a long counterexample, with the summary note after the first arrow', async () => {
    const history = generateRegisterHistory({ operations: 300, clients: 5, seed: 4 });
    const last = Math.max(...history.map((o) => o.return ?? o.call));
    const diagram = historyDiagram(registerModel, counterexampleOf([...history, op(99, last + 1, last + 2, read('never written'))]), { maxOperations: 10 });
    await expectDrawable(diagram);
    const lines = diagram.split('\n');
    // The build-time renderer drops notes placed before the first arrow.
    expect(lines.findIndex((l) => l.includes('earlier operations not drawn'))).toBeGreaterThan(lines.findIndex((l) => l.includes('->>')));
    expect(lines.slice(-3)).toEqual([expect.stringContaining('cannot place read() → "never written"'), expect.stringContaining('obj-->>'), expect.stringContaining('earlier operations not drawn')]);
  });

  it('a partition is drawn under its label, quotes and all', async () => {
    const history: Operation<KvInput, KvOutput>[] = [op('A', 0, 1, { input: { f: 'put', key: 'x;y', value: 1 } }), op('B', 2, 3, { input: { f: 'get', key: 'x;y' }, output: 2 })];
    const result = checkLinearizability(kvModel, history);
    if (result.ok) throw new Error('expected a violation');
    const diagram = historyDiagram(kvModel, result.counterexample);
    await expectDrawable(diagram);
    expect(diagram).toContain('participant obj as key "x\u037ey"');
  });

  it('values with Mermaid syntax in them are drawn as text', async () => {
    const hostile = 'a;b #59; %%c -x d-) <br> e->>f';
    const history = [op('A', 0, 1, write(hostile)), op('B', 2, 3, read(hostile)), op('C', 4, 5, read(-1))];
    const diagram = historyDiagram(registerModel, counterexampleOf(history));
    await expectDrawable(diagram);
    expect(diagram.split('\n').filter((l) => l.includes('->>obj')).length).toBe(3);
    expect(mermaidText('-1; #2')).not.toMatch(/[-;#]/);
  });
});
