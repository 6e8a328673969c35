/**
 * `npm run snippet -- vr [--seed N] [--mermaid] [--legend]`: two VR clients put and get keys on three
 * replicas while the network loses, duplicates and reorders messages, partitions come and go and
 * replicas crash and recover from the others' memory; then the faults heal. Prints the trace, what
 * the run held, and the verdict of the linearizability checker on the clients' history.
 */
import type { Demo } from '../demo.ts';
import { reportLines } from '../report.ts';
import { formatTrace, traceToMermaid } from '../sim/index.ts';
import { counterexampleText, verdictText } from '../check/counterexample.ts';
import { kvModel } from '../check/models/kv.ts';
import { vrLegend } from './legend.ts';
import { checkVr, FAULTY, runVr } from './run-vr.ts';

export const demo: Demo = {
  description: 'Viewstamped Replication on 3 replicas under faults and crashes (view changes, recovery); checked for linearizability.',
  legend: vrLegend,
  run({ seed, mermaid }) {
    const result = runVr({ seed, clients: 2, safetyTicks: 120, ...FAULTY, crashProbability: 0.02 });
    if (mermaid) return traceToMermaid(result.trace, { linesMax: 60 }) + '\n';
    const check = checkVr(result);
    const views = result.trace.events.filter((e) => e.kind === 'note').length;
    const lines = [
      `Viewstamped Replication Revisited: 3 replicas (f = 1), 2 clients on keys x and y, seed ${seed}.`,
      'Faults until tick 120 (5% loss, 5% duplicates, delays of 1-6 ticks, partitions, crashes that wipe memory), then healed.',
      'Legend: npm run snippet -- vr --legend',
      '',
      formatTrace(result.trace),
      ...reportLines({
        result,
        checked: `linearizability of the clients' history as a key-value map, keys x and y independently; ${views} new view${views === 1 ? '' : 's'} or recover${views === 1 ? 'y' : 'ies'} (the "note" lines).`,
        outcome: 'linearizable',
        ...(check.ok ? {} : { failed: { outcome: 'not linearizable', details: [verdictText(check), counterexampleText(kvModel, check.counterexample)] } }),
      }),
    ];
    return lines.join('\n') + '\n';
  },
};
