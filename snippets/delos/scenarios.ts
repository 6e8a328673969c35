/**
 * Scripted runs of the Delos model whose diagrams the note can draw at build time
 * (```mermaid scenario="delos/stale-appender"```), so the pictures are what the model does.
 */
import type { Scenarios } from '../demo.ts';
import { simulate, traceToMermaid, type Call, type ClientSpec, type RunResult } from '../sim/index.ts';
import type { ScriptedRun } from '../play/from-run.ts';
import { delosInvariants } from './invariants.ts';
import { delos, type DelosTypes } from './model.ts';
import { delosConfig, NODES } from './run-delos.ts';
import type { DelosConfig, LogletKind } from './types.ts';

/** A client that makes exactly one call, at `startTick`. */
function once(id: string, startTick: number, call: Call<DelosTypes>): ClientSpec<DelosTypes> {
  return { id, startTick, workload: ({ index }) => (index === 0 ? call : undefined) };
}
const append = (to: string, value: number): Call<DelosTypes> => ({ to, request: { kind: 'append', value }, op: 'append', args: value, timeoutTicks: 60 });
const read = (to: string): Call<DelosTypes> => ({ to, request: { kind: 'read' }, op: 'read', args: null, timeoutTicks: 60 });
const reconfigure = (to: string, kind: LogletKind): Call<DelosTypes> => ({ to, request: { kind: 'reconfigure', to: kind }, op: 'reconfigure', args: kind, timeoutTicks: 60 });

function scripted(clients: ClientSpec<DelosTypes>[], seal: boolean, checkInvariants: boolean, safetyTicks: number): ScriptedRun<DelosTypes> {
  return {
    model: delos,
    nodes: NODES,
    config: delosConfig(seal),
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    clients,
    safetyTicks,
    ...(checkInvariants ? { invariants: delosInvariants() } : {}),
  };
}

// #region stale-appender
/**
 * §3.2 "appends from the old Loglet": v1 appends 1 on the simple Loglet L0 and keeps chain v1 cached.
 * The operator reconfigures through v2 to a quorum Loglet L1, and c2 appends 2 there. Then c3 appends 3
 * through v1, which still believes in L0. With the seal, L0 refuses, v1 reads chain v2 and appends on L1;
 * c4's read sees [1, 2, 3]. Without the seal, L0 takes 3 at virtual position 1, where L1 already put 2:
 * two acknowledged appends share a position, and the read, which follows the chain, never sees 3.
 */
export function staleAppenderRun(seal: boolean, checkInvariants = false): ScriptedRun<DelosTypes> {
  return scripted([
    once('c1', 1, append('v1', 1)),
    once('admin', 8, reconfigure('v2', 'quorum')),
    once('c2', 24, append('v2', 2)),
    once('c3', 34, append('v1', 3)),
    once('c4', 48, read('v2')),
  ], seal, checkInvariants, 70);
}

export const staleAppender = (seal: boolean, checkInvariants = false): RunResult<DelosTypes> => simulate(staleAppenderRun(seal, checkInvariants));
// #endregion

/** §3.2: two operators reconfigure through v1 and v2 at the same tick; both seal, one conditional write wins, the other adopts its chain. */
export function racingReconfigurationsRun(): ScriptedRun<DelosTypes> {
  return scripted([
    once('c1', 1, append('v1', 1)),
    once('admin1', 8, reconfigure('v1', 'quorum')),
    once('admin2', 8, reconfigure('v2', 'simple')),
    once('c2', 30, append('v2', 2)),
  ], true, true, 50);
}

export const racingReconfigurations = (): RunResult<DelosTypes> => simulate(racingReconfigurationsRun());

export type SealRules = Partial<Pick<DelosConfig, 'sealQuorum' | 'sealedTails'>>;

// #region half-sealed
/**
 * §4.2.1, a seal and a checkTail on a quorum Loglet. The operator moves the log onto quorum Loglet L1
 * (chain v2), and c1 appends 10 there through v1, which keeps chain v2. Then the operator asks v2 to
 * move on to a simple Loglet: v2's seals to l2 and l3 are cut, so only l1 sets its bit, and l1 crashes
 * once it has answered. c2 then appends 20 through v1 on L1, where l2 and l3, unsealed, store it.
 * If the seal waits for a majority, or if checkTail seals each LogServer it counts, L1 is sealed on a
 * majority before its tail is read, and 20 is refused or lands inside L1's segment. With neither
 * rule (`sealQuorum` and `sealedTails` both false), v2 ends L1 at the tails l1 and l2 reported before
 * 20 arrived, and 20 is acknowledged past that end; c3's read through v2 then misses it.
 */
export function halfSealedRun(rules: SealRules, checkInvariants = true): ScriptedRun<DelosTypes> {
  return {
    model: delos,
    nodes: NODES,
    config: delosConfig(true, rules),
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    clients: [
      once('admin', 1, reconfigure('v2', 'quorum')),
      once('c1', 10, append('v1', 10)),
      once('admin2', 20, reconfigure('v2', 'simple')),
      once('c2', 34, append('v1', 20)),
      once('c3', 44, read('v2')),
    ],
    scenario: (sim) => {
      sim.at(22, (s) => s.partition(['v2'], ['l2', 'l3']));
      sim.at(25, (s) => s.heal());
      sim.at(30, (s) => s.crash('l1'));
    },
    ...(checkInvariants ? { invariants: delosInvariants() } : {}),
    safetyTicks: 60,
  };
}

export const halfSealed = (rules: SealRules, checkInvariants = true): RunResult<DelosTypes> => simulate(halfSealedRun(rules, checkInvariants));
// #endregion

/** The lanes a diagram draws: the clients its window shows, and the nodes (all but `idle`); an idle endpoint would be an empty lane. */
const lanes = (clients: readonly string[], idle: readonly string[] = []) => [...clients, ...NODES.filter((n) => !idle.includes(n))];

export const scenarios: Scenarios = {
  /** A stale VirtualLog node's append bounces off the sealed Loglet and lands on the new one. */
  'stale-appender': () => traceToMermaid(staleAppender(true).trace, { fromTick: 30, linesMax: 60, nodes: lanes(['c2', 'c3', 'c4']) }),
  /** Broken variant, reconfiguration without sealing: two acknowledged appends at one position, and a read that misses one. From the reconfiguration on, so the missing seal shows. */
  'no-seal': () => traceToMermaid(staleAppender(false).trace, { fromTick: 8, linesMax: 60, nodes: lanes(['admin', 'c2', 'c3', 'c4']) }),
  /** reconfigExtend end to end: seal, checkTail, conditional write, first append on the new Loglet. */
  reconfigure: () => traceToMermaid(staleAppender(true).trace, { fromTick: 8, toTick: 30, linesMax: 60, nodes: lanes(['admin', 'c2'], ['v1']) }),
  /** Both seal rules off: the seal reaches only l1, v2 counts l2's unsealed tail, and 20 is acknowledged past L1's end. */
  'weak-seal': () => traceToMermaid(halfSealed({ sealQuorum: false, sealedTails: false }).trace, { fromTick: 20, linesMax: 60, nodes: lanes(['admin2', 'c2'], ['s1']) }),
  /** Two racing reconfigurations of chain v1: exactly one conditional write wins. */
  'racing-reconfigurations': () => traceToMermaid(racingReconfigurations().trace, { fromTick: 8, linesMax: 60, nodes: lanes(['admin1', 'admin2', 'c2']) }),
};
