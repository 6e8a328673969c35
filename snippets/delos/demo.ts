/**
 * `npm run snippet -- delos [--seed N] [--variant V] [--mermaid]`: two clients append and read through two
 * VirtualLog nodes while an operator reconfigures between a simple and a quorum Loglet, on a network
 * that loses, duplicates and reorders messages while nodes crash and partitions come and go; then the
 * faults heal. Prints the trace, the final chain, and what the linearizability checker says.
 */
import { variantDescriptions, type Demo } from '../demo.ts';
import { formatTrace, traceToMermaid } from '../sim/index.ts';
import { counterexampleText, verdictText } from '../check/counterexample.ts';
import { logModel } from '../check/models/log.ts';
import { reportLines } from '../report.ts';
import type { DelosResponse } from './types.ts';
import { installedChain, serversAgree } from './invariants.ts';
import { delosLegend } from './legend.ts';
import { checkDelos, FAULTY, runDelos } from './run-delos.ts';
import { delosVariants, isDelosVariant, type DelosVariant } from './variants.ts';

export const demo: Demo = {
  description: 'Delos: a VirtualLog over a chain of simple and quorum Loglets, reconfigured under faults; checked for linearizability.',
  legend: delosLegend,
  // Every variant of the one table (variants.ts), each on the same faulty run.
  variants: variantDescriptions(delosVariants),
  run({ seed, mermaid, variant }) {
    const broken = isDelosVariant(variant) ? delosVariants[variant] : undefined;
    const { seal, ...rules }: DelosVariant['config'] = broken?.config ?? {};
    const result = runDelos({ seed, safetyTicks: 100, ...FAULTY, ...(seal === undefined ? {} : { seal }), rules });
    if (mermaid) return traceToMermaid(result.trace, { linesMax: 60 }); // ends with its own newline
    const check = checkDelos(result);
    const installed = installedChain(result.final);
    const chain = installed?.chain.map((s) => `L${s.loglet} (${s.kind}) from ${s.start}`).join(', ') ?? 'unknown';
    const lines = [
      `Delos VirtualLog: MetaStore, simple Loglet s1, quorum Loglet (seq + l1..l3), VirtualLog nodes v1, v2; seed ${seed}.`,
      ...(broken ? [`Broken variant ${variant}: ${broken.description}.`] : []),
      'Faults until tick 100 (5% loss, 5% duplicates, delays of 1-6 ticks, crashes, partitions), then healed.',
      'Legend: npm run snippet -- delos --legend',
      '',
      formatTrace(result.trace),
      ...reportLines({
        result,
        checked: "linearizability of the clients' appends and reads as one append-only log; an append whose outcome its client does not know took effect if its value is in the final log, and never happened if not.",
        extra: [`Chain v${installed?.version ?? '?'}: ${chain}.`, `LogServers agree: ${serversAgree(result.final) ?? 'yes'}.`],
        outcome: 'linearizable',
        outcomeUnknown: (op) => (op.result as DelosResponse).kind === 'unknown',
        ...(check.ok ? {} : { failed: { outcome: 'not linearizable', details: [verdictText(check), counterexampleText(logModel, check.counterexample)] } }),
      }),
    ];
    return lines.join('\n') + '\n';
  },
};
