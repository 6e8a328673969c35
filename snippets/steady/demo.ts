/**
 * `npm run snippet -- steady [--seed N] [--variant V] [--scenario S] [--mermaid] [--legend]`: two
 * clients append to a write-all log of f + 1 = 2 replicas while an operator reconfigures it through
 * two controllers and a configuration store, on a network that loses, duplicates and reorders
 * messages while nodes crash and partitions come and go; then the faults heal. `--scenario costs`
 * prints the cost comparison with a majority log instead.
 */
import { variantDescriptions, type Demo } from '../demo.ts';
import { reportLines } from '../report.ts';
import { formatTrace, traceToMermaid, type RunResult } from '../sim/index.ts';
import { costLines } from './costs.ts';
import { storeOf } from './invariants.ts';
import { steadyLegend } from './legend.ts';
import { showConfiguration, type SteadyTypes } from './model.ts';
import { FAULTY, runSteady, type SteadyRules } from './run-steady.ts';
import { isSteadyVariant, steadyVariants } from './variants.ts';
import { ackEarly, racing, replaceBackup, stalePrimary, steadyState } from './scenarios.ts';


const runs: Record<string, { shows: string; run: (rules: SteadyRules) => RunResult<SteadyTypes> }> = {
  'steady-state': { shows: 'two appends, each acknowledged once both replicas hold it', run: () => steadyState() },
  reconfigure: { shows: 'backup r2 crashes; k1 seals epoch 1, prepares the spare r3, installs epoch 2 and the stuck append completes', run: () => replaceBackup() },
  'stale-primary': { shows: 'r1 is replaced while cut off from the controller; its backup is sealed and refuses it (try --variant reconfigure-without-seal)', run: (rules) => stalePrimary(rules) },
  'ack-early': { shows: 'r1, cut off from r2, takes an append, then crashes and is replaced (try --variant ack-before-all-replicas)', run: (rules) => ackEarly(rules) },
  'racing-reconfigurations': { shows: 'k1 and k2 reconfigure epoch 1 at once; one compare-and-set wins', run: () => racing() },
};

export const demo: Demo = {
  description: 'Steady state vs reconfiguration: a write-all log on f + 1 replicas, sealed and reconfigured through a compare-and-set store; and what it costs next to a majority log.',
  legend: steadyLegend,
  variants: variantDescriptions(steadyVariants),
  runs: { ...Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, r.shows])), costs: 'replicas, messages and virtual-time latency per append, write-all vs majority, with and without one slow replica' },
  run({ seed, mermaid, variant, scenario }) {
    const broken = isSteadyVariant(variant) ? steadyVariants[variant] : undefined;
    if (variant !== undefined && !broken) throw new Error(`no steady variant named "${variant}"`);
    if (scenario === 'costs') return costLines().join('\n') + '\n';
    const scripted = scenario === undefined ? undefined : runs[scenario];
    if (scenario !== undefined && !scripted) throw new Error(`no steady scenario named "${scenario}"`);
    const rules = broken?.config ?? {};
    const result = scripted ? scripted.run(rules) : runSteady({ seed, rules, safetyTicks: 120, ...FAULTY });
    if (mermaid) return traceToMermaid(result.trace, { linesMax: 60 }); // ends with its own newline
    const store = storeOf(result.final);
    const header = scripted
      ? [`Write-all log, f = 1: scripted run "${scenario}", every message delayed one tick.`, `It shows: ${scripted.shows}.`]
      : [
          `Write-all log, f = 1: epoch 1 = [r1 r2], spare r3, store cfg, controllers k1 k2; seed ${seed}.`,
          'Faults until tick 120 (5% loss, 5% duplicates, delays of 1-5 ticks, crashes, partitions), then healed.',
        ];
    const report = reportLines({
      result,
      checked: 'the invariants after every step: no acknowledged append is lost; no replica takes an entry past the tail it gave a reconfiguration; no acknowledgement past the next epoch\'s start; one winner per epoch.',
      outcome: 'no acknowledged append lost',
      extra: [`Configuration at the end: ${store ? showConfiguration(store.current) : 'unknown'}; ${(store?.installed.length ?? 1) - 1} reconfiguration(s) installed.`],
    });
    if (scripted && result.ok) report[0] = 'Run: invariants held after every step of the script (a scripted run has no liveness phase).';
    return [...header, ...(broken ? [`Broken variant ${variant}: ${broken.description}.`] : []), 'Legend: npm run snippet -- steady --legend', '', formatTrace(result.trace), ...report].join('\n') + '\n';
  },
};
