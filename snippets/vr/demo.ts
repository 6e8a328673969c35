/**
 * `npm run snippet -- vr [--seed N] [--variant NAME] [--scenario NAME] [--mermaid] [--legend]`: two
 * VR clients put and get keys on three replicas while the network loses, duplicates and reorders
 * messages, partitions come and go and replicas crash and recover from the others' memory; then the
 * faults heal. Prints the trace, what the run held, and the verdict of the linearizability checker on
 * the clients' history. `--variant` switches off one rule (snippets/vr/variants.ts); `--scenario` runs
 * one of the scripted runs the note draws instead of a random one.
 */
import type { Demo } from '../demo.ts';
import { reportLines } from '../report.ts';
import { formatTrace, traceToMermaid, type RunResult } from '../sim/index.ts';
import { counterexampleText, verdictText } from '../check/counterexample.ts';
import { kvModel } from '../check/models/kv.ts';
import { vrLegend } from './legend.ts';
import { checkVr, FAULTY, runVr } from './run-vr.ts';
import { recoveryAnswers, startViewChangeRound, stateTransfer } from './scenarios.ts';
import type { VrConfig, VrTypes } from './types.ts';
import { isVrVariant, vrVariants } from './variants.ts';

/** The scripted runs `--scenario` offers: what each shows, and the run under a variant's config. */
const runs: Record<string, { shows: string; run: (config: Partial<VrConfig>) => RunResult<VrTypes> }> = {
  'state-transfer': {
    shows: 'r3 hears of view 1 from a Prepare and asks for NewState, which never comes; view 2 then starts from r3\'s log (try --variant claim-view-at-once)',
    run: (config) => stateTransfer(config),
  },
  'start-view-change-round': {
    shows: 'r3 starts view 1, crashes and recovers while its message is delayed, then helps commit a put (try --variant no-start-view-change-round)',
    run: (config) => startViewChangeRound(config),
  },
  'recovery-lost-answer': {
    shows: 'r3 restarts; only r1, the primary of an older view, can answer it (try --variant recover-on-one-answer)',
    run: (config) => recoveryAnswers(config, false),
  },
  'recovery-late-answer': {
    shows: 'r3 restarts; r1, primary of an older view, answers before r2, primary of the latest (try --variant recover-from-older-primary)',
    run: (config) => recoveryAnswers(config, true),
  },
};

const describeVariant = (name: string | undefined) => (name === undefined ? 'the model as the paper has it, with §5.2 state transfer corrected' : `variant ${name}: ${isVrVariant(name) ? vrVariants[name].description : name}`);

export const demo: Demo = {
  description: 'Viewstamped Replication on 3 replicas under faults and crashes (view changes, recovery); checked for linearizability.',
  legend: vrLegend,
  variants: Object.fromEntries(Object.entries(vrVariants).map(([name, v]) => [name, `${v.breaks === 'safety' ? 'unsafe' : 'slower'}: ${v.description}`])),
  runs: Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, r.shows])),
  run({ seed, mermaid, variant, scenario }) {
    if (variant !== undefined && !isVrVariant(variant)) throw new Error(`no VR variant named "${variant}"`);
    const config = variant === undefined ? {} : vrVariants[variant].config;
    const scripted = scenario === undefined ? undefined : runs[scenario];
    if (scenario !== undefined && scripted === undefined) throw new Error(`no VR scenario named "${scenario}"`);
    const result = scripted ? scripted.run(config) : runVr({ seed, clients: 2, safetyTicks: 120, ...FAULTY, crashProbability: 0.02, config });
    if (mermaid) return traceToMermaid(result.trace, { linesMax: 60 }); // ends with its own newline
    const check = checkVr(result);
    const views = result.trace.events.filter((e) => e.kind === 'note' && /^(primary of|recovered in) view/.test(e.text)).length;
    const header = scripted
      ? [
          `Viewstamped Replication Revisited: scripted run "${scenario}" on 3 replicas (f = 1), every message delayed one tick unless the script says otherwise.`,
          `It shows: ${scripted.shows}.`,
          `Running ${describeVariant(variant)}.`,
        ]
      : [
          `Viewstamped Replication Revisited: 3 replicas (f = 1), 2 clients on keys x and y, seed ${seed}.`,
          'Faults until tick 120 (5% loss, 5% duplicates, delays of 1-6 ticks, partitions, crashes that wipe memory), then healed.',
          ...(variant === undefined ? [] : [`Running ${describeVariant(variant)}.`]),
        ];
    const report = reportLines({
      result,
      checked: `linearizability of the clients' history as a key-value map, keys x and y independently; ${views} new view${views === 1 ? '' : 's'} or recover${views === 1 ? 'y' : 'ies'} (the "note" lines that say so).`,
      outcome: 'linearizable',
      ...(check.ok ? {} : { failed: { outcome: 'not linearizable', details: [verdictText(check), counterexampleText(kvModel, check.counterexample)] } }),
    });
    // A scripted run has no liveness phase: say what it held instead.
    if (scripted && result.ok) report[0] = 'Run: invariants held after every step of the script (a scripted run has no liveness phase).';
    return [...header, 'Legend: npm run snippet -- vr --legend', '', formatTrace(result.trace), ...report].join('\n') + '\n';
  },
};
