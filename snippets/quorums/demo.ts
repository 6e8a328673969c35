/**
 * `npm run snippet -- quorums [--seed N] [--mermaid]`: three clients read and write one register kept
 * by three replicas with N = 3, R = 2, W = 2, on a network that loses, duplicates and reorders
 * messages while replicas crash and partitions come and go; then the faults heal. Prints the trace
 * and what the linearizability checker says about the clients' history.
 */
import type { Demo } from '../demo.ts';
import { formatTrace, traceToMermaid } from '../sim/index.ts';
import { verdictText, counterexampleText } from '../check/counterexample.ts';
import { reportLines } from '../report.ts';
import { quorumsLegend } from './legend.ts';
import { registerModel } from '../check/models/register.ts';
import { checkRegister, FAULTY, runRegister } from './run-register.ts';

export const demo: Demo = {
  description: 'A register on N = 3 replicas with R = 2, W = 2 quorums, under faults; checked for linearizability.',
  legend: quorumsLegend,
  run({ seed, mermaid }) {
    const result = runRegister({ seed, n: 3, r: 2, w: 2, clients: 2, safetyTicks: 60, ...FAULTY });
    if (mermaid) return traceToMermaid(result.trace, { linesMax: 60 }) + '\n';
    const check = checkRegister(result);
    const lines = [
      `Quorum register: N = 3 replicas, R = 2, W = 2, seed ${seed}.`,
      'Faults until tick 60 (5% loss, 5% duplicates, delays of 1-8 ticks, crashes, partitions), then healed.',
      'Legend: npm run snippet -- quorums --legend',
      '',
      formatTrace(result.trace),
      ...reportLines({
        result,
        checked: "linearizability of the clients' history as one register.",
        outcome: 'linearizable',
        ...(check.ok ? {} : { failed: { outcome: 'not linearizable', details: [verdictText(check), counterexampleText(registerModel, check.counterexample)] } }),
      }),
    ];
    return lines.join('\n') + '\n';
  },
};
