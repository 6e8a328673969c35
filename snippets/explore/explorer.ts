/**
 * The exhaustive scheduler: breadth-first search over every event a small cluster enables — which
 * message copy is delivered next, lost or duplicated, which node's tick fires, which client calls or
 * gives up, which node crashes (between steps, or inside one after any prefix of its effects) or
 * restarts — within bounds on depth, crashes, losses and duplicates. Every new state is checked
 * (invariants; the history's checker when an operation returns); breadth first, so the first violation
 * found is one of the shortest, and its path is replayed with the trace on to print it.
 *
 * Time is not explored as numbers: a node's tick and a client's timeout are events like a delivery,
 * enabled at any moment, so timers interleave with messages in every order (more behaviours than the
 * random scheduler's clock allows, all of them possible on an asynchronous network). With `ticks:
 * 'fire'` (the default) one tick event runs a node's ticks until its next timer fires (the tick that
 * emits effects), its state stops changing, or `tickLimit` ticks pass: a timeout 20 ticks long is one
 * step of the search, not 20. What that leaves out: a message handled between two ticks of one such
 * run, by a handler that reads the partial count (one that resets the timer does not care).
 * `ticks: 'each'` explores every single tick.
 */
import type { ClusterEvent, Envelope, InFlight, Scheduling } from '../sim/cluster-events.ts';
import { Cluster, type ClusterSnapshot } from '../sim/cluster.ts';
import { Rng, type History, type ModelTypes, type Trace } from '../sim/index.ts';
import { defaultMaxDown } from '../sim/fault-injector.ts';
import { resolveBounds, type Bounds, type Defaults, type ExploreDescriptor, type Phase, type Setup } from './descriptor.ts';
import { FingerprintSet } from './fingerprint-set.ts';
import { freezeFingerprinted, hash53, historyKey, stateKey } from './state-key.ts';

/** One step of the search: a cluster event, or a run of one node's ticks (the last one maybe cut short by a crash). */
export type Move = ClusterEvent | { readonly kind: 'ticks'; readonly node: string; readonly count: number; readonly crashAfter?: number };

export interface Violation {
  readonly message: string;
  /** The moves from the initial state to the violation, in order. */
  readonly events: readonly Move[];
  /** The same path replayed with the trace on; tick n is the n-th event. */
  readonly trace: Trace;
}

export interface ExploreResult {
  /** Successor states computed (one per event tried), duplicates included. */
  readonly statesGenerated: number;
  readonly distinctStates: number;
  /** The longest path the search reached, in moves. */
  readonly depthReached: number;
  /** True when the whole state space was visited: no state was left unexpanded, not even at the depth bound. */
  readonly exhausted: boolean;
  /**
   * True when every state within the bounds was visited, depth bound included (the search stopped
   * neither at the state limit nor at a phase goal it never reached): no violation then means none
   * within these bounds.
   */
  readonly complete: boolean;
  /** The setup's directed phases, each with the length of the path that first reached its goal. */
  readonly phases?: ReadonlyArray<{ readonly goal: string; readonly events: number }>;
  readonly violation?: Violation;
}

/** The explorer's side of the cluster's questions: every message travels as one copy; the search decides the rest. */
function exhaustiveScheduling<T extends ModelTypes>(): Scheduling<T> {
  return {
    send: (_envelope: Envelope<T>) => ({ lost: false, copies: 1 }),
    inFlight: () => {},
    cancel: (copies: ReadonlyArray<InFlight<T>>) => copies,
    // A fresh stream per call keeps a workload a pure function of its context.
    clientRng: () => new Rng(1),
    clientReady: () => {},
    timeoutArmed: () => {},
  };
}

interface Item<T extends ModelTypes> {
  readonly snapshot: ClusterSnapshot<T>;
  readonly id: number;
  readonly crashes: number;
  readonly losses: number;
  readonly duplicates: number;
  readonly timers: number;
}

/** `onLevel`: told after each level of the search (the CLI prints progress on stderr). */
export function explore<T extends ModelTypes>(setup: Setup<T>, bounds: Bounds, onLevel?: (depth: number, distinct: number, frontier: number) => void): ExploreResult {
  const cluster = newCluster(setup, false);
  const maxDown = setup.maxDown ?? defaultMaxDown(setup.nodes.length);
  const verdicts = new Map<string, string | undefined>();
  let visited = new FingerprintSet();
  /** Distinct states of the phases before this one (each phase has its own visited set). */
  let earlier = 0;
  const parents: number[] = [];
  const via: Array<Move | undefined> = [];
  let generated = 0;
  let depth = 0;
  const reached: Array<{ readonly goal: string; readonly events: number }> = [];

  const finish = (exhausted: boolean, violation?: Violation, complete = exhausted): ExploreResult => ({
    statesGenerated: generated,
    distinctStates: earlier + visited.size,
    depthReached: violation ? violation.events.length : depth,
    exhausted,
    complete,
    ...(reached.length > 0 ? { phases: reached } : {}),
    ...(violation ? { violation } : {}),
  });
  const pathTo = (id: number): Move[] => {
    const events: Move[] = [];
    for (; id > 0; id = parents[id]!) events.unshift(via[id]!);
    return events;
  };
  const violationAt = (parent: number, event: Move, message: string): Violation => {
    const events = [...pathTo(parent), event];
    return { message, events, trace: replay(setup, events, message) };
  };

  let goal: Phase<T> | undefined;
  /** The first state of this phase where its goal holds (a holder: the closure below sets it). */
  const found: { item?: Item<T> | undefined } = {};
  /** Checks the state the cluster is in now; returns a problem, or adds it to `next` if it is new. */
  const examine = (parent: Item<T>, event: Move, used: Omit<Item<T>, 'snapshot' | 'id'>, next: Array<Item<T>>): string | undefined => {
    generated++;
    if (cluster.failure) return cluster.failure.message;
    // Keyed on the live cluster: only a new state is copied into a snapshot.
    if (!visited.add(stateKey(cluster, budgetKey(used, bounds)))) return undefined;
    const snapshot = cluster.snapshot();
    const problem = check(setup, cluster, snapshot.history !== parent.snapshot.history ? verdicts : undefined);
    if (problem !== undefined) return problem;
    const id = parents.length;
    parents.push(parent.id);
    via.push(event);
    const item = { snapshot, id, ...used };
    next.push(item);
    if (goal && found.item === undefined && goal.reached(cluster.view())) found.item = item;
    return undefined;
  };

  const root: Item<T> = { snapshot: cluster.snapshot(), id: 0, crashes: 0, losses: 0, duplicates: 0, timers: 0 };
  visited.add(stateKey(cluster, budgetKey(root, bounds)));
  parents.push(0);
  via.push(undefined);
  const rootProblem = check(setup, cluster, verdicts);
  if (rootProblem !== undefined) return finish(false, { message: rootProblem, events: [], trace: replay(setup, [], rootProblem) });

  // Directed phases first (DSLabs' goal searches): breadth first to the nearest state where the goal
  // holds, then the next phase, and the last, exhaustive search, from there.
  const phases = setup.phases ?? [];
  let frontier: Array<Item<T>> = [root];
  for (let phase = 0; phase <= phases.length; phase++) {
    goal = phases[phase];
    // The phase starts from one state (the root, or the last goal's state), which the cluster holds now:
    // a goal that already holds there is reached by the empty path, not by the nearest successor.
    found.item = goal?.reached(cluster.view()) ? frontier[0] : undefined;
    while (frontier.length > 0 && depth < bounds.depth && found.item === undefined) {
      const next: Array<Item<T>> = [];
      for (const item of frontier) {
        cluster.restore(item.snapshot);
        const down = cluster.order.filter((node) => !cluster.isUp(node)).length;
        for (const event of cluster.enabled()) {
          // Checked before each event, not after the crash cuts: a `continue` above them must not skip it.
          if (earlier + visited.size >= bounds.maxStates) return finish(false);
          const used = spend(item, event, bounds, down, maxDown);
          if (!used) continue;
          cluster.restore(item.snapshot);
          const before = event.kind === 'tick' ? cluster.stateOf(event.node) : undefined;
          // fireTicks applies the run of ticks it returns.
          const move = event.kind === 'tick' && bounds.ticks === 'fire' ? fireTicks(cluster, event.node, bounds.tickLimit) : event;
          if (move === event) cluster.apply(event);
          const effects = cluster.lastStepEffects;
          // A tick that changed nothing leads back to this state: no successor (and no budget spent on it).
          if (event.kind === 'tick' && !cluster.failure && effects === 0 && cluster.stateOf(event.node) === before) continue;
          const problem = examine(item, move, used, next);
          if (problem !== undefined) return finish(false, violationAt(item.id, move, problem));
          // The same step cut short by a crash after k of its n effects, for every 0 < k < n (k = 0 is a
          // plain crash; k = n, the step and then a crash): a cut that skips a disk write leaves a disk no
          // whole step does, and one that skips only sends and replies leaves those messages unsent. The
          // latter equals the whole step, the crash and those messages lost, but it is one crash, not a
          // crash and m losses, so it is tried whatever the loss bound. A restart that crashes again leaves
          // as many nodes down as before it.
          const downBefore = move.kind === 'restart' ? down - 1 : down;
          if (!isStep(move) || effects === undefined || effects < 2 || item.crashes >= bounds.crashes || downBefore >= maxDown) continue;
          for (let k = 1; k < effects; k++) {
            const cut = { ...move, crashAfter: k };
            cluster.restore(item.snapshot);
            applyMove(cluster, cut);
            const crashProblem = examine(item, cut, { ...used, crashes: used.crashes + 1 }, next);
            if (crashProblem !== undefined) return finish(false, violationAt(item.id, cut, crashProblem));
          }
        }
      }
      if (next.length > 0) depth++;
      onLevel?.(depth, earlier + visited.size, next.length);
      frontier = next;
    }
    if (goal === undefined) break;
    // The goal was never reached within the bounds: nothing to search from.
    const goalItem = found.item as Item<T> | undefined;
    if (goalItem === undefined) return finish(false);
    reached.push({ goal: goal.goal, events: pathTo(goalItem.id).length });
    // The next phase starts from that one state alone, with a visited set of its own.
    frontier = [goalItem];
    depth = reached.at(-1)!.events;
    earlier += visited.size;
    visited = new FingerprintSet();
    cluster.restore(goalItem.snapshot);
    visited.add(stateKey(cluster, budgetKey(goalItem, bounds)));
  }
  return finish(frontier.length === 0, undefined, true);
}

/** A model's explorer descriptor searched for `variant` (the correct model if undefined) at its bounds, `given` first. */
export function exploreModel(descriptor: ExploreDescriptor, variant: string | undefined, given: Defaults = {}): ExploreResult {
  const { size, bounds } = resolveBounds(descriptor, variant, given);
  return explore(descriptor.setup(size).setup, bounds);
}

/**
 * The budgets spent, as part of a state's key (a number: built per generated state, so no string); a
 * budget no path can exhaust (as large as the depth) is left out.
 */
function budgetKey(used: { crashes: number; losses: number; duplicates: number; timers: number }, bounds: Bounds): number {
  // 0 for a budget left out, else 1 + what was spent: four digits in base 4,096, exact while each is below it.
  const spent = (n: number, bound: number) => (bound >= bounds.depth ? 0 : n + 1);
  const [c, l, d, t] = [spent(used.crashes, bounds.crashes), spent(used.losses, bounds.losses), spent(used.duplicates, bounds.duplicates), spent(used.timers, bounds.timers)];
  if (Math.max(c, l, d, t) >= 4_096) return hash53(`${c},${l},${d},${t}`);
  return ((c * 4_096 + l) * 4_096 + d) * 4_096 + t;
}

/** The budgets after `event`, or undefined if the bounds forbid it. */
function spend<T extends ModelTypes>(item: Item<T>, event: ClusterEvent, bounds: Bounds, down: number, maxDown: number) {
  const used = { crashes: item.crashes, losses: item.losses, duplicates: item.duplicates, timers: item.timers };
  switch (event.kind) {
    case 'tick':
      return item.timers < bounds.timers ? { ...used, timers: used.timers + 1 } : undefined;
    case 'crash':
      return item.crashes < bounds.crashes && down < maxDown ? { ...used, crashes: used.crashes + 1 } : undefined;
    case 'lose':
      return item.losses < bounds.losses ? { ...used, losses: used.losses + 1 } : undefined;
    case 'duplicate':
      return item.duplicates < bounds.duplicates ? { ...used, duplicates: used.duplicates + 1 } : undefined;
    default:
      return used;
  }
}

function isStep(move: Move): boolean {
  return move.kind === 'deliver' || move.kind === 'tick' || move.kind === 'restart' || move.kind === 'ticks';
}

/** Runs `node`'s ticks until one emits effects, one changes nothing, or `limit` ran; returns the move that did it. */
function fireTicks<T extends ModelTypes>(cluster: Cluster<T>, node: string, limit: number): Move {
  for (let count = 1; ; count++) {
    const before = cluster.stateOf(node);
    cluster.apply({ kind: 'tick', node });
    const acted = (cluster.lastStepEffects ?? 0) > 0 || cluster.failure !== undefined;
    if (acted || cluster.stateOf(node) === before || count >= limit) return { kind: 'ticks', node, count };
  }
}

export function applyMove<T extends ModelTypes>(cluster: Cluster<T>, move: Move): void {
  if (move.kind !== 'ticks') return cluster.apply(move);
  for (let i = 1; i < move.count; i++) cluster.apply({ kind: 'tick', node: move.node });
  cluster.apply(move.crashAfter === undefined ? { kind: 'tick', node: move.node } : { kind: 'tick', node: move.node, crashAfter: move.crashAfter });
}

/** Invariants (a fresh set), then, if the history changed, its checker (remembered per history key). */
function check<T extends ModelTypes>(setup: Setup<T>, cluster: Cluster<T>, verdicts: Map<string, string | undefined> | undefined): string | undefined {
  if (setup.invariants) {
    // Ticks do not move in the search: invariants that compare them read event orders instead.
    const view = { ...cluster.view(), history: byOrder(cluster.history) };
    for (const [name, invariant] of Object.entries(setup.invariants())) {
      let problem: string | undefined;
      try {
        problem = invariant(view);
      } catch (error) {
        problem = `threw: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (problem !== undefined) return `invariant "${name}" violated: ${problem}`;
    }
  }
  if (!verdicts || !setup.historyCheck) return undefined;
  const history = cluster.history;
  const key = historyKey(history);
  if (!verdicts.has(key)) verdicts.set(key, setup.historyCheck(byOrder(history)));
  return verdicts.get(key);
}

const ordered = new WeakMap<History, History>();

/** The history with event orders as ticks: exact "precedes" for a checker that reads ticks. */
export function byOrder(history: History): History {
  const known = ordered.get(history);
  if (known) return known;
  const result = history.map((op) => {
    const { returnTick: _returnTick, ...rest } = op;
    return op.returnOrder === undefined ? { ...rest, invokeTick: op.invokeOrder } : { ...rest, invokeTick: op.invokeOrder, returnTick: op.returnOrder };
  });
  ordered.set(history, result);
  return result;
}

function newCluster<T extends ModelTypes>(setup: Setup<T>, trace: boolean): Cluster<T> {
  const { model, nodes, config, clients } = setup;
  // The untraced cluster fingerprints what it freezes; the replay keeps the simulator's own freezing.
  return new Cluster<T>({ model, nodes, config, clients, seed: 0, trace, ...(trace ? {} : { freeze: freezeFingerprinted }) }, exhaustiveScheduling<T>());
}

/** Runs the path again with the trace on (tick n = the n-th move) and ends it with the violation. */
function replay<T extends ModelTypes>(setup: Setup<T>, events: readonly Move[], message: string): Trace {
  const cluster = replayCluster(setup, 'traced');
  events.forEach((event, i) => replayMove(cluster, event, i, true));
  if (!cluster.failure) cluster.apply({ kind: 'fail', message, failure: 'invariant-violated' });
  return cluster.trace;
}

/**
 * The clusters a path is replayed on (the explorer's own counterexample replay and the player's
 * replay of an explorer URL, snippets/play/replay.ts): `traced` stamps tick n on the n-th move, for
 * the trace; `searched` is the cluster as the search ran it (no clock events), so the event orders a
 * history check reads, and so its words, are the search's own.
 */
export function replayCluster<T extends ModelTypes>(setup: Setup<T>, kind: 'traced' | 'searched'): Cluster<T> {
  return newCluster(setup, kind === 'traced');
}

/**
 * Applies the path's `index`th move (tick index + 1 = that move), after checking that the cluster
 * enables it (with `clock`, the traced cluster's, tick index + 1 first): a path from a stale URL (the model changed since) stops with the move it cannot take,
 * never runs on as something else.
 */
export function replayMove<T extends ModelTypes>(cluster: Cluster<T>, move: Move, index: number, clock: boolean): void {
  const base = move.kind === 'ticks' ? { kind: 'tick', node: move.node } : move;
  const same = (e: ClusterEvent) =>
    e.kind === base.kind && ['copy', 'node', 'client', 'opId'].every((field) => (e as Record<string, unknown>)[field] === (base as Record<string, unknown>)[field]);
  if (!cluster.enabled().some(same)) throw new Error(`move ${index + 1} (${JSON.stringify(move)}) is not possible in that state`);
  if (clock) cluster.apply({ kind: 'clock', tick: index + 1 });
  applyMove(cluster, move);
}

/** The explorer's check of a state (invariants, then the history's checker), for a replay: undefined, or the violation's message. */
export function checkState<T extends ModelTypes>(setup: Setup<T>, cluster: Cluster<T>): string | undefined {
  if (cluster.failure) return cluster.failure.message;
  return check(setup, cluster, new Map());
}
