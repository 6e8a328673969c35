/**
 * The scripted runs of scenarios.ts, each held to the faults and calls its comment tells (which link is
 * cut, one way or both, who crashes when, what the clients ask): the suites check how each run ends, and
 * a run with a link cut both ways, or a crash left out, often ends the same. Everything is computed
 * inside `it`.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../snippets/sim/index.ts';
import { anyLog, commitAfterViewChange, recoveringTakesPart, recoveryAnswers, startViewChangeRound } from '../../../snippets/vr/scenarios.ts';
import type { VrTypes } from '../../../snippets/vr/types.ts';
import { demo } from '../../../snippets/vr/demo.ts';

/** The run's faults, one line each: `tick node kind what`. */
const faults = (result: RunResult<VrTypes>) =>
  result.trace.events.flatMap((e) => (['network', 'crash', 'restart'].includes(e.kind) ? [`${e.tick} ${e.node} ${e.kind}${'text' in e && e.text ? ` ${e.text}` : ''}`] : []));
/** Each call: client, operation, arguments, and the tick it was made. */
const calls = (result: RunResult<VrTypes>) => result.history.map((op) => [op.client, op.op, op.args, op.invokeTick]);

describe('the note\'s scripted runs make the faults and calls their comments tell', () => {
  it('any-log (VRR §4.2): r1\'s messages to r2 are cut, one way only, and r1 crashes at tick 8', () => {
    for (const logChoice of ['rule', 'own'] as const) {
      expect(faults(anyLog(logChoice, false))).toEqual(['0 * network partition r1 → r2', '8 r1 crash']);
    }
  });

  it('recovering (VRR §4.3): r1\'s messages to r3 are cut one way; r2 crashes at 7, r1 at 9, and r2 restarts at 10', () => {
    for (const takesPart of [false, true]) {
      expect(faults(recoveringTakesPart(takesPart, false))).toEqual(['0 * network partition r1 → r3', '7 r2 crash', '9 r1 crash', '10 r2 restart']);
    }
  });

  it('start-view-change round (VRR §8.2): r1 → r3 cut one way from the start, r3 crashes at 29 and restarts at 30, and r1 → r2 is cut one way at 33', () => {
    const lines = faults(startViewChangeRound({}));
    expect(lines).toContain('0 * network partition r1 → r3');
    expect(lines).toContain('33 * network partition r1 → r2');
    expect(lines.filter((l) => / r3 (crash|restart)/.test(l))).toEqual(['29 r3 crash', '30 r3 restart']);
  });

  it('recovery answers (VRR §4.3 step 3): c1 puts x = 1 at r2 at tick 30, c2 puts x = 2 at r1 at 42', () => {
    for (const r2Answers of [false, true]) {
      expect(calls(recoveryAnswers({}, r2Answers))).toEqual([['c1', 'put', ['x', 1, 's=1'], 30], ['c2', 'put', ['x', 2, 's=1'], 42]]);
    }
  });

  it('recovery answers: r2 falls silent for r3, one way, as r3 restarts at 36 when its answer is to be lost, or at 39 after it answered', () => {
    const lost = faults(recoveryAnswers({}, false));
    expect(lost.filter((l) => l.includes('r2 →') || l.includes('r2 |'))).toEqual(['36 * network partition r2 → r3']);
    const answers = faults(recoveryAnswers({}, true));
    expect(answers.filter((l) => l.includes('r2 →') || l.includes('r2 |'))).toEqual(['39 * network partition r2 → r3']);
  });

  it('commit after a view change (VRR §4.2 steps 3, 5): c1 puts x = 1; r1\'s messages are cut one way, to r2 or to both backups, at 5, and r1 crashes at 8', () => {
    const knows = commitAfterViewChange({}, true);
    expect(calls(knows)).toEqual([['c1', 'put', ['x', 1, 's=1'], 1]]);
    expect(faults(knows)).toEqual(['5 * network partition r1 → r2', '8 r1 crash']);
    expect(faults(commitAfterViewChange({}, false))).toEqual(['5 * network partition r1 → r2 r3', '8 r1 crash']);
  });
});

describe('the demo\'s two recovery scripts', () => {
  it('recovery-lost-answer cuts r2 off from r3 as r3 restarts (tick 36); recovery-late-answer only after r2 answered (tick 39)', () => {
    const cut = (scenario: string) => demo.run({ seed: 1, mermaid: false, scenario }).split('\n').filter((l) => /network +partition r2 → r3$/.test(l)).map((l) => Number(l.trim().split(/ +/)[0]));
    expect(cut('recovery-lost-answer')).toEqual([36]);
    expect(cut('recovery-late-answer')).toEqual([39]);
  });
});
