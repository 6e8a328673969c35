/**
 * Traces that explain themselves (issue 27 §4): every model's demo ends in one verdict line that
 * accounts for every client call, prints retries as attempts of one call, and has a legend that
 * explains what its trace shows. Exact strings for seed 1, so a change of wording is a decision.
 */
import { describe, expect, it } from 'vitest';
import type { Demo } from '../../snippets/demo.ts';
import { legendText } from '../../snippets/sim/legend.ts';
import { demo as vr } from '../../snippets/vr/demo.ts';
import { demo as dynamo } from '../../snippets/dynamo/demo.ts';
import { demo as delos } from '../../snippets/delos/demo.ts';
import { demo as quorums } from '../../snippets/quorums/demo.ts';
import { demo as bookkeeper } from '../../snippets/bookkeeper/demo.ts';
import { demo as kafka } from '../../snippets/kafka/demo.ts';
import { vrFields } from '../../snippets/vr/fields.ts';
import { runVr, FAULTY } from '../../snippets/vr/run-vr.ts';

const demos: Record<string, Demo> = { vr, dynamo, delos, quorums, bookkeeper, kafka };
const output = (name: string, seed = 1) => demos[name]!.run({ seed, mermaid: false });
const lines = (text: string) => text.split('\n');
/** The trace lines of a demo's output: `tick  endpoint  event  detail`. */
const traceLines = (text: string) => lines(text).filter((l) => /^ +\d+ {2}\S+ +[a-z]+ {2}/.test(l));

const VERDICTS: Record<string, string> = {
  vr: 'Verdict: linearizable — 16 client calls: 15 completed, 0 timed out, 1 still waiting when the run ended (may or may not have taken effect).',
  dynamo: 'Verdict: eventually consistent — 15 client calls: 11 completed, 2 timed out, 2 still waiting when the run ended (may or may not have taken effect).',
  delos: 'Verdict: linearizable — 12 client calls: 9 completed, 1 timed out, 2 still waiting when the run ended (may or may not have taken effect).',
  quorums: 'Verdict: linearizable — 9 client calls: 8 completed, 1 timed out, 0 still waiting when the run ended (may or may not have taken effect).',
  bookkeeper: 'Verdict: invariants held — 15 client calls: 13 completed (2 answered "unknown", which may or may not have taken effect), 0 timed out, 2 still waiting when the run ended (may or may not have taken effect).',
  kafka: 'Verdict: no acknowledged record lost — 30 client calls: 26 completed, 2 timed out, 2 still waiting when the run ended (may or may not have taken effect).',
};

describe('one verdict line, the same for every model', () => {
  for (const name of Object.keys(demos)) {
    it(`${name}, seed 1: exactly one Verdict line, worded as pinned, with counts that add up to the client calls in the trace`, () => {
      const text = output(name);
      const verdicts = lines(text).filter((l) => l.startsWith('Verdict: '));
      expect(verdicts).toEqual([VERDICTS[name]]);
      const [, calls, completed, timedOut, waiting] = /(\d+) client calls: (\d+) completed.*?, (\d+) timed out, (\d+) still waiting/.exec(verdicts[0]!)!.map(Number);
      expect(completed! + timedOut! + waiting!).toBe(calls);
      // Counted independently from the printed trace: one call per first attempt.
      const invokes = traceLines(text).filter((l) => / invoke {5}call \d+ /.test(l));
      expect(invokes.filter((l) => !l.includes('(attempt')).length).toBe(calls);
      expect(new Set(invokes.map((l) => /call (\d+)/.exec(l)![1])).size).toBe(calls);
      const returns = traceLines(text).filter((l) => / return {5}call \d+/.test(l));
      expect(returns.length).toBe(completed);
      // And the report never says "partitions" for the checker's split: in a run, a partition is a network cut.
      for (const line of lines(text).filter((l) => /^(Run|Checked|Verdict):/.test(l))) expect(line).not.toMatch(/partition/);
    });
  }

  it('the counts add up over many seeds and models', () => {
    for (const name of Object.keys(demos)) {
      for (const seed of [2, 3, 4, 5]) {
        const text = output(name, seed);
        const verdict = lines(text).find((l) => l.startsWith('Verdict: '))!;
        const [, calls, completed, timedOut, waiting] = /(\d+) client calls: (\d+) completed.*?, (\d+) timed out, (\d+) still waiting/.exec(verdict)!.map(Number);
        expect(completed! + timedOut! + waiting!, `${name} seed ${seed}`).toBe(calls);
        const timeouts = traceLines(text).filter((l) => / timeout {4}call /.test(l)).length;
        const retries = traceLines(text).filter((l) => / invoke {5}call \d+ \(attempt/.test(l)).length;
        expect(timeouts - retries, `${name} seed ${seed}: a timeout not followed by a retry is a timed-out call`).toBe(timedOut);
      }
    }
  });
});

describe('retries are attempts of one call', () => {
  it('VR seed 3: the client that timed out sends the same call again, with the same request-number, as attempt 2, 3, 4', () => {
    const invokes = traceLines(output('vr', 3)).filter((l) => l.includes(' call 4 ') && l.includes('invoke'));
    expect(invokes.map((l) => l.trim().replace(/\s+/g, ' '))).toEqual([
      '23 c2 invoke call 4 put(y, 2002, s=2) → r1 #27',
      '56 c2 invoke call 4 (attempt 2) put(y, 2002, s=2) → r2 #54',
      '90 c2 invoke call 4 (attempt 3) put(y, 2002, s=2) → r3 #85',
      '122 c2 invoke call 4 (attempt 4) put(y, 2002, s=2) → r1 #101',
    ]);
    expect(traceLines(output('vr', 3)).some((l) => l.includes('return     call 4 (attempt 4) ← r1'))).toBe(true);
  });

  it('the history still holds one entry per attempt, each with its own request id', () => {
    const result = runVr({ seed: 3, clients: 2, safetyTicks: 120, ...FAULTY, crashProbability: 0.02 });
    const attempts = result.history.filter((op) => op.client === 'c2' && (op.args as unknown[]).at(-1) === 's=2');
    expect(attempts.map((op) => op.id)).toHaveLength(4);
    expect(new Set(attempts.map((op) => op.id)).size).toBe(4);
  });
});

describe('field names that cannot be confused with data', () => {
  it('VR: every name=value in the trace is a field the legend explains, and none is named like a key (x, y)', () => {
    const text = output('vr', 3) + output('vr', 1);
    const names = new Set([...text.matchAll(/([a-z']+)=/g)].map((m) => m[1]!));
    expect([...names].filter((n) => !(n in vrFields.meanings))).toEqual([]);
    expect(Object.keys(vrFields.meanings)).not.toContain('x');
    expect(Object.keys(vrFields.meanings)).not.toContain('y');
    expect(text).not.toMatch(/\bx=/);
  });

  it('Dynamo: a put names its key on every line, the invoke included', () => {
    const puts = traceLines(output('dynamo')).filter((l) => / invoke {5}call \d+ put\(/.test(l));
    expect(puts.length).toBeGreaterThan(3);
    for (const line of puts) expect(line).toMatch(/put\(cart-\d, \d+\)/);
  });

  it('Dynamo: a put that arrives twice says, in the trace, why it becomes two siblings of equal value', () => {
    const text = output('dynamo', 37);
    expect(text).toContain('n2    note       this put from c2 arrived a second time: a new version 2001@n2:2, kept as a sibling of equal value (a resent put is a new write to Dynamo)');
    expect(text).toContain('  n2: 2001@n2:1 | 2001@n2:2');
  });
});

describe('the legend', () => {
  it('is printed by the same code for every model, and each model adds its own fields and notation', () => {
    for (const [name, d] of Object.entries(demos)) {
      expect(d.legend, name).toBeDefined();
      const text = legendText(d.legend);
      expect(text).toContain('Columns:\n  tick      simulated time; the same seed replays the same run, line for line');
      expect(text).toContain('  call 3 (attempt 2)  the same call sent again after a timeout: a retry, not a new call');
      expect(text).toContain('  still waiting     the run ended while the client waited: the call may or may not have taken effect');
      expect(text).toContain('  independent keys  the checker checks each key on its own (a map is linearizable when each key is)');
    }
  });

  it('VR: explains every field its messages print, in the paper\'s names', () => {
    const text = legendText(vr.legend);
    expect(text).toContain('Fields in Viewstamped Replication messages:\n  v=         view-number:');
    for (const name of Object.keys(vrFields.meanings)) expect(text).toContain(`\n  ${`${name}=`.padEnd(9)}  `);
    expect(text).toContain('  result=    in a Reply: what the call returned: a get\'s value (null if never written); null for a put');
    // The example lines are what the trace printer prints.
    expect(text).toContain('  reply      → c1 #9 call 3: Reply(v=0, s=2, result=null)');
    expect(text).toContain('  deliver    ← r1 #7 PrepareOK(v=0, n=3)');
  });

  it('Dynamo: explains versions, dots and siblings', () => {
    const text = legendText(dynamo.legend);
    expect(text).toContain('7@n3:1                       a version: value 7, written by a put that n3 coordinated, n3\'s first write (node:counter is the version\'s "dot")');
    expect(text).toContain('7@n3:1 | 9@n4:2              siblings: versions neither of which replaced the other (concurrent writes); a later put that read both replaces both');
  });

  it('every event kind of the trace has a row with an example printed by the trace printer', () => {
    const text = legendText();
    for (const kind of ['invoke', 'send', 'duplicate', 'deliver', 'drop', 'reply', 'return', 'timeout', 'ignore', 'timer', 'persist', 'note', 'crash', 'restart', 'network', 'phase', 'failure']) {
      expect(text).toMatch(new RegExp(`\\n  ${kind} +\\S`));
    }
  });
});
