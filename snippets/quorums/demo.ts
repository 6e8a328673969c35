/**
 * `npm run snippet -- quorums [--seed N] [--variant V] [--mermaid]`: three clients read and write one register kept
 * by three replicas with N = 3, R = 2, W = 2, on a network that loses, duplicates and reorders
 * messages while replicas crash and partitions come and go; then the faults heal. Prints the trace
 * and what the linearizability checker says about the clients' history.
 */
import { variantDescriptions, type Demo } from '../demo.ts';
import { formatTrace, simulate, traceToMermaid } from '../sim/index.ts';
import { verdictText, counterexampleText } from '../check/counterexample.ts';
import { reportLines } from '../report.ts';
import { quorumsLegend } from './legend.ts';
import { registerModel } from '../check/models/register.ts';
import { checkRegister, FAULTY, registerRunOptions, type RegisterRun } from './run-register.ts';
import type { RegisterTypes } from './register.ts';
import { isQuorumsVariant, quorumsVariants } from './variants.ts';

export const demo: Demo = {
  description: 'A register on N = 3 replicas with R = 2, W = 2 quorums, under faults; checked for linearizability.',
  legend: quorumsLegend,
  // Every variant of the one table (variants.ts), each on the same faulty run.
  variants: variantDescriptions(quorumsVariants),
  run({ seed, mermaid, variant }) {
    const broken = isQuorumsVariant(variant) ? quorumsVariants[variant] : undefined;
    const run: RegisterRun = { seed, n: 3, r: 2, w: 2, clients: 2, safetyTicks: 60, ...FAULTY };
    const options = registerRunOptions(run);
    const config = broken ? broken.config(options.config) : options.config;
    const result = simulate<RegisterTypes>({ ...options, config });
    const quorums = config.system.kind === 'thresholds' ? `R = ${config.system.read}, W = ${config.system.write}` : config.system.kind;
    if (mermaid) return traceToMermaid(result.trace, { linesMax: 60 }); // ends with its own newline
    const check = checkRegister(result);
    const lines = [
      `Quorum register: N = 3 replicas, ${quorums}, seed ${seed}.`,
      ...(broken ? [`Broken variant ${variant}: ${broken.description}.`] : []),
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
