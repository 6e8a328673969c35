/**
 * `npm run snippet -- quorums [--seed N] [--variant V] [--mermaid]`: three clients read and write one register kept
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
import { checkRegister, FAULTY, runRegister, type RegisterRun } from './run-register.ts';

/** `--variant NAME`: each turns off one rule of the note's "Why each rule exists", on the same faulty run. */
const VARIANTS: Readonly<Record<string, { what: string; run: Partial<RegisterRun> }>> = {
  'r1-w1': { what: 'R = W = 1, so R + W ≤ N: a read can miss an acknowledged write', run: { r: 1, w: 1 } },
  'no-write-back': { what: 'reads answer without writing back what they saw: a value can appear, then vanish', run: { writeBack: false } },
  'writer-ids-restart': { what: 'writer and operation ids restart at 1 after a crash: two writes can carry one version', run: { incarnation: false } },
  'reruns-duplicates': { what: 'a coordinator runs every copy of a duplicated request: one write is stored twice, under two versions', run: { rerunDuplicates: true } },
};

export const demo: Demo = {
  description: 'A register on N = 3 replicas with R = 2, W = 2 quorums, under faults; checked for linearizability.',
  legend: quorumsLegend,
  variants: Object.fromEntries(Object.entries(VARIANTS).map(([name, v]) => [name, v.what])),
  run({ seed, mermaid, variant }) {
    const broken = variant === undefined ? undefined : VARIANTS[variant];
    const run: RegisterRun = { seed, n: 3, r: 2, w: 2, clients: 2, safetyTicks: 60, ...FAULTY, ...broken?.run };
    const result = runRegister(run);
    if (mermaid) return traceToMermaid(result.trace, { linesMax: 60 }) + '\n';
    const check = checkRegister(result);
    const lines = [
      `Quorum register: N = 3 replicas, R = ${run.r}, W = ${run.w}, seed ${seed}.`,
      ...(broken ? [`Broken variant ${variant}: ${broken.what}.`] : []),
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
