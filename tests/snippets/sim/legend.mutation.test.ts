/**
 * The trace legend (`npm run snippet -- NAME --legend`, and the /legends/ pages): every event kind
 * explained, in a fixed order, with an example printed by the trace printer itself in the model's own
 * names; the model's fields, notation and verdict added after the generic sections; and the text
 * layout. The site test checks that the built pages hold these rows; this one checks the rows.
 * (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { defineFields } from '../../../snippets/sim/fields.ts';
import { legendSections, legendText, VERDICT_TERMS, type ModelLegend } from '../../../snippets/sim/legend.ts';

const TOY: ModelLegend = {
  name: 'Toy',
  endpoints: [{ term: 'n1, n2', meaning: 'the toy nodes' }],
  example: { node: 'n1', peer: 'n2', client: 'k1', message: 'Hello(3)', call: 'get(k)', response: 'v=3', note: 'woke up' },
  fields: defineFields({ v: 'the value', w: 'the writer' }),
  notation: [{ term: 'a notation term longer than thirty-eight characters', meaning: 'a long one' }],
  verdict: 'every read returns the last write',
};

const section = (sections: ReturnType<typeof legendSections>, title: string) => sections.find((s) => s.title.startsWith(title))!;

describe('fields', () => {
  it('print as name=value in the order given, leaving out the ones not given', () => {
    const fields = defineFields({ v: 'view-number', n: 'op-number', ok: 'accepted' });
    expect(fields.show({ v: 4, n: 17 })).toBe('v=4, n=17');
    // A caller in plain JavaScript (or with a value it computed) may pass undefined: it is left out.
    expect(fields.show({ n: 0, v: undefined, ok: false } as unknown as Parameters<typeof fields.show>[0])).toBe('n=0, ok=false');
    expect(fields.show({ ok: null })).toBe('ok=null');
    expect(fields.meanings).toEqual({ v: 'view-number', n: 'op-number', ok: 'accepted' });
  });
});

describe('the legend sections', () => {
  it('without a model: columns, endpoints, events, signs, verdict, in that order', () => {
    expect(legendSections().map((s) => s.title)).toEqual([
      'Columns',
      'Endpoints',
      'Events (each with an example of its detail, then what it means)',
      'Signs',
      'Verdict',
    ]);
  });

  it('with a model: its fields and its notation come before the verdict, named after it', () => {
    expect(legendSections(TOY).map((s) => s.title)).toEqual([
      'Columns',
      'Endpoints',
      'Events (each with an example of its detail, then what it means)',
      'Signs',
      'Fields in Toy messages',
      'Other notation in Toy lines',
      'Verdict',
    ]);
  });

  it('every row, with a model or without, has a term and says what it means', () => {
    for (const sections of [legendSections(), legendSections(TOY)]) {
      for (const { title, rows } of sections) {
        expect(rows.length, title).toBeGreaterThan(0);
        for (const row of rows) {
          expect(row.term, title).not.toBe('');
          expect(row.meaning, `${title}: ${row.term}`).toMatch(/\w{3}/);
        }
      }
    }
  });

  it('the columns are the four of every trace line', () => {
    expect(section(legendSections(), 'Columns').rows.map((r) => r.term)).toEqual(['tick', 'endpoint', 'event', 'detail']);
  });

  it('endpoints: the model\'s own, or a generic node and client, then * for the cluster', () => {
    expect(section(legendSections(), 'Endpoints').rows.map((r) => r.term)).toEqual(['r1, c1', '*']);
    expect(section(legendSections(TOY), 'Endpoints').rows.map((r) => [r.term, r.meaning])).toEqual([
      ['n1, n2', 'the toy nodes'],
      ['*', 'the whole cluster: network changes and phases'],
    ]);
  });

  it('every event kind, in the order of a call\'s life, each with the detail the trace prints in the model\'s names', () => {
    const rows = section(legendSections(TOY), 'Events').rows;
    expect(rows.map((r) => [r.term, r.example])).toEqual([
      ['invoke', 'call 3 get(k) → n1 #1'],
      ['send', '→ n2 #7 Hello(3)'],
      ['duplicate', '→ n2 #7 arrives twice'],
      ['deliver', '← n1 #7 Hello(3)'],
      ['drop', '← n1 #7 Hello(3) (loss)'],
      ['reply', '→ k1 #9 call 3: v=3'],
      ['return', 'call 3 ← n1 #9 v=3'],
      ['timeout', 'call 3 gave up after 30 ticks'],
      ['ignore', 'call 3 ← n1 #9 v=3 (nobody waiting)'],
      ['timer', '2 effects'],
      ['persist', '…'],
      ['note', 'woke up'],
      ['crash', 'memory and in-flight messages lost'],
      ['restart', 'recovered from disk'],
      ['network', 'partition n1 | n2'],
      ['phase', 'settle: heal links, restart crashed nodes, stop faults'],
      ['failure', 'invariant … violated'],
    ]);
  });

  it('the events\' meanings speak of the model\'s example endpoints, not of r1 and c1', () => {
    const meaning = (kind: string) => section(legendSections(TOY), 'Events').rows.find((r) => r.term === kind)!.meaning;
    expect(meaning('invoke')).toBe('client k1 sends call 3 to n1, as message #1');
    expect(meaning('send')).toBe('n1 sends message #7 to n2');
    expect(meaning('deliver')).toMatch(/^message #7 from n1 arrives at n2, which acts on it/);
    expect(meaning('reply')).toBe('n1 answers call 3 of k1, as message #9');
    expect(meaning('return')).toBe('the answer reaches k1: call 3 completed');
    expect(meaning('timer')).toMatch(/^a timer of n1 fired/);
    expect(meaning('persist')).toMatch(/^n1 writes its durable state to disk/);
    expect(meaning('network')).toContain('"isolate n1" cuts one node off');
    const generic = section(legendSections(), 'Events').rows;
    expect(generic.find((r) => r.term === 'send')).toEqual({ term: 'send', example: '→ r2 #7 Ping(1)', meaning: 'r1 sends message #7 to r2' });
    expect(generic.find((r) => r.term === 'invoke')!.example).toBe('call 3 put(x, 1) → r1 #1');
    expect(generic.find((r) => r.term === 'note')!.example).toBe('became primary');
    expect(generic.find((r) => r.term === 'reply')!.example).toBe('→ c1 #9 call 3: ok');
  });

  it('signs: arrows, message ids, call numbers and attempts', () => {
    expect(section(legendSections(), 'Signs').rows.map((r) => r.term)).toEqual(['→ r2, ← r1', '#7', 'call 3', 'call 3 (attempt 2)']);
  });

  it('fields: each as `name=`, in the order the model defined them, with its meaning', () => {
    expect(section(legendSections(TOY), 'Fields').rows).toEqual([
      { term: 'v=', meaning: 'the value' },
      { term: 'w=', meaning: 'the writer' },
    ]);
  });

  it('the verdict: the words every model shares, then what this model checks', () => {
    expect(section(legendSections(), 'Verdict').rows).toEqual(VERDICT_TERMS);
    expect(VERDICT_TERMS.map((r) => r.term)).toEqual(['client calls', 'completed', 'timed out', 'still waiting', 'independent keys']);
    expect(section(legendSections(TOY), 'Verdict').rows).toEqual([...VERDICT_TERMS, { term: 'checks', meaning: 'every read returns the last write' }]);
  });

  it('a model without fields or notation adds neither section', () => {
    const { fields: _f, notation: _n, ...plain } = TOY;
    expect(legendSections(plain).map((s) => s.title)).not.toContain('Fields in Toy messages');
    expect(legendSections(plain).map((s) => s.title).some((t) => t.startsWith('Other notation'))).toBe(false);
  });
});

describe('the legend as text', () => {
  // Made inside each test, not in the describe body: mutation testing attributes code run at collection to no test.
  const textLines = () => legendText(TOY).split('\n');

  it('opens with how to read a line, naming the model when there is one', () => {
    expect(textLines()[0]).toBe('How to read a trace of Toy: each line is  tick  endpoint  event  detail.');
    expect(legendText().split('\n')[0]).toBe('How to read a trace: each line is  tick  endpoint  event  detail.');
  });

  it('each section: a blank line, its title and a colon, then its rows with terms padded to the longest', () => {
    const lines = textLines();
    const at = lines.indexOf('Columns:');
    expect(lines.slice(at - 1, at + 5)).toEqual([
      '',
      'Columns:',
      '  tick      simulated time; the same seed replays the same run, line for line',
      '  endpoint  where the event happens: a node, a client, or * for the whole cluster',
      '  event     what happens (events below)',
      '  detail    to or from whom, the message id, and the message',
    ]);
  });

  it('an event row: the example beside the term, the meaning on the next line under it', () => {
    const lines = textLines();
    const at = lines.indexOf('  send       → n2 #7 Hello(3)');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('             n1 sends message #7 to n2');
  });

  it('a term longer than 38 characters gets a line of its own, the meaning under it', () => {
    const lines = textLines();
    const at = lines.indexOf('  a notation term longer than thirty-eight characters');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe(`${' '.repeat(42)}a long one`);
  });

  it('ends with a newline after the last row', () => {
    expect(legendText(TOY).endsWith('  checks            every read returns the last write\n')).toBe(true);
  });
});
