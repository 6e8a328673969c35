/**
 * Scripted runs of the BookKeeper model whose diagrams the note draws at build time
 * (```mermaid scenario="bookkeeper/takeover"```), so the pictures are what the model does.
 */
import type { Scenarios } from '../demo.ts';
import { simulate, traceToMermaid, type Call, type ClientSpec, type RunResult, type Trace } from '../sim/index.ts';
import type { ScriptedRun } from '../play/from-run.ts';
import { bkInvariants } from './invariants.ts';
import { bookkeeper, type BkTypes } from './model.ts';
import { bkConfig, NODES, type Rules } from './run-bookkeeper.ts';
import { exploreModel } from '../explore/explorer.ts';
import { explore as descriptor } from './explore.ts';

const append = (to: string, value: number): Call<BkTypes> => ({ to, request: { kind: 'append', value }, op: 'append', args: value, timeoutTicks: 60, key: to });
const read = (to: string): Call<BkTypes> => ({ to, request: { kind: 'read' }, op: 'read', args: null, timeoutTicks: 60, key: to });
/** A client that makes `calls` in turn, the first at `startTick`, each as soon as the one before returns or times out. */
const inTurn = (id: string, startTick: number, calls: ReadonlyArray<Call<BkTypes>>): ClientSpec<BkTypes> => ({ id, startTick, workload: ({ index }) => calls[index] });

function scripted(clients: ClientSpec<BkTypes>[], rules: Rules, checkInvariants: boolean, safetyTicks: number, scenario?: ScriptedRun<BkTypes>['scenario']): ScriptedRun<BkTypes> {
  const config = bkConfig(rules);
  return {
    model: bookkeeper,
    nodes: NODES,
    config,
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    clients,
    safetyTicks,
    ...(scenario ? { scenario } : {}),
    ...(checkInvariants ? { invariants: bkInvariants(config) } : {}),
  };
}

// #region takeover
/**
 * The topic moves. c1 publishes 1, 2, 3, 4 through p1, which writes ledger L0 on b1, b2, b3: entry i
 * on the bookies at positions i mod 3 and the next, with the LAC piggybacked. c2 publishes 10 through
 * p2, which takes the topic over: it marks L0 IN_RECOVERY, fences b1..b3 and hears LAC 2 (entry 3,
 * already acknowledged to c1, has had no later add to carry its confirmation). It reads entry 3 past
 * the LAC and writes it back, finds no entry 4 (p1's add of 5 met fenced bookies), and closes L0 at
 * entry 3 with a CAS; then it creates L1 and links it into the managed ledger. p1, fenced out, answers
 * c1's later publishes with "fenced", and c2's read sees L0 = [1, 2, 3, 4]. c3 then tries p1 once more.
 * `rules` breaks one step: without fencing, the recovery chases p1's adds, and p1 confirms c3's append
 * past the close; closing at the LAC drops entry 3, which c1 was told is in.
 */
export function takeoverRun(rules: Rules = {}, checkInvariants = false): ScriptedRun<BkTypes> {
  return scripted([
    inTurn('c1', 1, [1, 2, 3, 4, 5, 6, 7, 8].map((v) => append('p1', v))),
    inTurn('c2', 15, [append('p2', 10), read('p2')]),
    inTurn('c3', 48, [append('p1', 30)]),
  ], rules, checkInvariants, 70);
}

export const takeover = (rules: Rules = {}, checkInvariants = false): RunResult<BkTypes> => simulate(takeoverRun(rules, checkInvariants));
// #endregion

/**
 * The shortest takeover: c1 publishes one value through p1, and c2 publishes through p2 right after
 * c1 hears back (tick 11). Entry 0 is acknowledged, but no later add has carried its confirmation, so every
 * bookie reports LAC -1: recovery must read entry 0 past the LAC to keep it, and closing at the LAC
 * would drop it. The player's quickest failing run for close-at-lac.
 */
export function firstEntryTakeoverRun(rules: Rules = {}, checkInvariants = false): ScriptedRun<BkTypes> {
  return scripted([
    inTurn('c1', 1, [append('p1', 1)]),
    inTurn('c2', 12, [append('p2', 10), read('p2')]),
  ], rules, checkInvariants, 50);
}

// #region ensemble-change
/**
 * A bookie fails under the writer: b2 crashes once entry 0 is in. Entry 1 (write set b2, b3) waits
 * for it, and entry 2 (b3, b1), fully acknowledged, waits behind entry 1, since entries are confirmed
 * in order. After three resends p1 replaces b2 with the spare b4 in a fragment from entry 1 (LAC 0 + 1),
 * written to the metadata with a CAS, and sends entry 1 to b4. Entry 0 stays in the first fragment,
 * where its ack quorum is.
 */
export function ensembleChangeRun(checkInvariants = false): ScriptedRun<BkTypes> {
  return scripted([
    inTurn('c1', 1, [append('p1', 1), append('p1', 2)]),
    inTurn('c2', 12, [append('p1', 20)]),
  ], {}, checkInvariants, 70, (sim) => sim.at(11, (s) => s.crash('b2')));
}

export const ensembleChange = (checkInvariants = false): RunResult<BkTypes> => simulate(ensembleChangeRun(checkInvariants));
// #endregion

/**
 * The explorer's shortest counterexample for a variant (tick n = the n-th event), from its directed
 * prefix on: random seeds do not line this race up, so the note draws the explorer's path.
 */
export function explorerCounterexample(variant: string): Trace {
  const found = exploreModel(descriptor, variant).violation;
  if (!found) throw new Error(`the explorer found no violation for ${variant}`);
  return found.trace;
}

/** The lanes a diagram draws: the clients its window shows, and the nodes but `idle`. */
const lanes = (clients: readonly string[], idle: readonly string[] = []) => [...clients, ...NODES.filter((n) => !idle.includes(n))];

export const scenarios: Scenarios = {
  /** Steady state: striping and the LAC riding on the next add. */
  'steady-state': () => traceToMermaid(takeover().trace, { toTick: 15, linesMax: 60, nodes: lanes(['c1'], ['p2', 'b4']) }),
  /** Recovery: mark IN_RECOVERY, fence, read past the LAC, re-write, close with a CAS; then the old writer is fenced. */
  takeover: () => traceToMermaid(takeover().trace, { fromTick: 15, toTick: 31, linesMax: 70, nodes: lanes(['c1', 'c2'], ['b4']) }),
  /** Broken variant, recovery without fencing: p1 still confirms entries after p2 closed L0. */
  'recovery-without-fencing': () => traceToMermaid(takeover({ fencing: false }, true).trace, { fromTick: 36, linesMax: 60, nodes: lanes(['c1', 'c3'], ['b4']) }),
  /** Broken variant, close at the LAC: entry 2, acknowledged, is left out of the closed ledger. */
  'close-at-lac': () => traceToMermaid(takeover({ readPastLac: false }, true).trace, { fromTick: 15, linesMax: 60, nodes: lanes(['c1', 'c2'], ['b4']) }),
  /** Broken variant, recovery reads that do not fence: b2 says "no such entry", then takes p1's add. From the explorer. */
  'unfenced-recovery-reads': () => traceToMermaid(explorerCounterexample('unfenced-recovery-reads'), { fromTick: 14, linesMax: 60 }),
  /** A bookie crashes; the writer moves the unconfirmed entries to a new fragment. */
  'ensemble-change': () => traceToMermaid(ensembleChange().trace, { fromTick: 8, linesMax: 70, nodes: lanes(['c1', 'c2'], ['p2']) }),
};
