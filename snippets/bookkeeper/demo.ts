/**
 * `npm run snippet -- bookkeeper [--seed N] [--variant V] [--scenario S] [--mermaid]`: three clients
 * publish and read a Pulsar topic through two brokers that take it from each other, over four bookies
 * (E = 3, Qw = Qa = 2) and a metadata store, on a network that loses, duplicates and reorders messages
 * while nodes crash and partitions come and go; then the faults heal. Prints the trace, the topic's
 * ledgers as the store holds them, and what the invariants found.
 */
import { variantDescriptions, type Demo } from '../demo.ts';
import { formatTrace, traceToMermaid, type RunResult } from '../sim/index.ts';
import { reportLines } from '../report.ts';
import { storeOf } from './invariants.ts';
import { bookkeeperLegend } from './legend.ts';
import { showEnsembles, type BkTypes } from './model.ts';
import { FAULTY, runBookkeeper, type Rules } from './run-bookkeeper.ts';
import { ensembleChange, takeover } from './scenarios.ts';
import type { BkResponse } from './types.ts';
import { bookkeeperVariants, isBookkeeperVariant } from './variants.ts';

/** The scripted runs `--scenario` offers: what each shows, and the run under a variant's rules. */
const runs: Record<string, { shows: string; run: (rules: Rules) => RunResult<BkTypes> }> = {
  takeover: { shows: 'p2 takes the topic from p1: fence, read past the LAC, re-write, close with a CAS; p1 is fenced out', run: (rules) => takeover(rules, true) },
  'ensemble-change': { shows: 'a bookie crashes under the writer, which moves the unconfirmed entries to a new fragment', run: () => ensembleChange(true) },
};

export const demo: Demo = {
  description: 'BookKeeper and Pulsar: brokers write a topic\'s ledgers over bookies, fence and recover each other\'s ledgers, under faults; invariants after every step.',
  legend: bookkeeperLegend,
  variants: variantDescriptions(bookkeeperVariants),
  runs: Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, r.shows])),
  run({ seed, mermaid, variant, scenario }) {
    if (variant !== undefined && !isBookkeeperVariant(variant)) throw new Error(`no BookKeeper variant named "${variant}"`);
    const rules: Rules = isBookkeeperVariant(variant) ? bookkeeperVariants[variant].config : {};
    const scripted = scenario === undefined ? undefined : runs[scenario];
    if (scenario !== undefined && scripted === undefined) throw new Error(`no BookKeeper scenario named "${scenario}"`);
    const result = scripted ? scripted.run(rules) : runBookkeeper({ seed, clients: 3, safetyTicks: 150, rules, ...FAULTY });
    if (mermaid) return traceToMermaid(result.trace, { linesMax: 60 }); // ends with its own newline
    const { ledgers, managed } = storeOf(result.final);
    const topic = managed.map((id) => {
      const m = ledgers.get(id)!;
      return `L${id} ${m.state}${m.state === 'CLOSED' ? ` at entry ${m.lastEntry}` : ''}, fragments ${showEnsembles(m.ensembles)}`;
    });
    const report = reportLines({
      result,
      checked: 'after every event: every acknowledged entry is at or below its closed ledger\'s last entry; a fenced writer confirms nothing past the close; readers of a closed ledger agree with it; each entry has one fragment, and an acknowledged one is on an ack quorum of it; every ledger of the topic but the last is closed.',
      extra: [`Topic (managed ledger): ${topic.join('; ') || 'no ledger yet'}.`],
      outcome: 'invariants held',
      outcomeUnknown: (op) => (op.result as BkResponse).kind === 'fenced',
    });
    // A scripted run has no liveness phase: say what it held instead.
    if (scripted && result.ok) report[0] = 'Run: invariants held after every step of the script (a scripted run has no liveness phase).';
    const lines = [
      scripted
        ? `BookKeeper and Pulsar: scripted run "${scenario}": store zk, bookies b1..b4 (E = 3, Qw = 2, Qa = 2), brokers p1, p2; every message takes one tick.`
        : `BookKeeper and Pulsar: store zk, bookies b1..b4 (E = 3, Qw = 2, Qa = 2), brokers p1, p2, clients c1..c3; seed ${seed}.`,
      ...(isBookkeeperVariant(variant) ? [`Broken variant ${variant}: ${bookkeeperVariants[variant].description}.`] : []),
      ...(scripted ? [] : ['Faults until tick 150 (5% loss, 5% duplicates, delays of 1-6 ticks, crashes, partitions), then healed.']),
      'Legend: npm run snippet -- bookkeeper --legend',
      '',
      formatTrace(result.trace),
      ...report,
    ];
    return lines.join('\n') + '\n';
  },
};
