/**
 * Swarm testing (Groce et al., "Swarm Testing", ISSTA 2012; TigerBeetle's VOPR): instead of one fixed
 * mix of faults for every seed, each seed first draws its own fault profile — whether there is message
 * loss at all and how much, duplication, how long delays and partitions last, how often nodes crash,
 * for how long, which nodes may crash, and whether crashes pick nodes in the middle of a client
 * request — and the run then draws its faults from that profile. Some runs are brutal and some calm,
 * and each leaves some faults out entirely: a fixed mix spreads every seed over the same average run,
 * while bugs hide in the corners (a coordinator that crashes with a write in flight and is back within
 * a tick or two; a lost message in a run with no other noise).
 *
 * In the spirit of FoundationDB's BUGGIFY, a profile may also make one thing misbehave hard: one to
 * three kinds of message lost, slowed or replayed late (`NetworkFaults.byKind`; a StartView that never
 * comes while the new view's Prepares do, a client's write that comes back after the client moved
 * on), one node's sends lossy or slow (`bySender`), or the crashes held to a budget after a calm start
 * (a coordinator crashed once, in its first operation, that then lives on to take new work).
 *
 * The profile comes from the seed's own `swarm` streams, so a seed still reproduces its whole run, and
 * the network, clients and scheduler streams are untouched by it; the network and the crash driver
 * apply it. Each newer dimension draws from a stream of its own (`swarm-kinds`, `swarm-senders`,
 * `swarm-crash-budget`), so adding it left every older draw of every seed as it was.
 */
import type { ClusterView } from './cluster-view.ts';
import { defaultMaxDown, type FaultInjection } from './fault-injector.ts';
import type { KindFaults, NetworkFaults } from './network.ts';
import { Rng } from './rng.ts';
import type { Simulator } from './simulator.ts';
import type { TraceEvent } from './trace.ts';
import type { ModelTypes, NodeId } from './types.ts';

/** Crashes the swarm's crash driver (`swarmCrashes`) makes, decided tick by tick. */
export interface CrashProfile {
  readonly probabilityPerTick: number;
  /** A crashed node restarts after a uniform downtime in [min, max] ticks; 0 is a reboot within the tick (a supervisor restarting the process). */
  readonly downTicksMin: number;
  readonly downTicksMax: number;
  /**
   * `any`: a live node, uniformly. `busy`: a node holding a client request it has not answered (a
   * coordinator or primary mid-operation, a client's contact node), when there is one; else any.
   * `fresh`: only a node holding the first client request it received since it (re)started, else
   * none — a node that dies during its first operation of a life and comes back to what that life
   * left in flight (answers to a request it no longer remembers).
   */
  readonly target: 'any' | 'busy' | 'fresh';
  /** The only nodes this run may crash (all of them, or a few picked for the seed, crashed again and again). */
  readonly crashable: readonly NodeId[];
  /**
   * Chance that a node step is cut short by a crash after some of its effects (the fault injector's
   * `betweenEffectsProbability`: the sends went out, the write did not, or half the sends), for models
   * whose runner allows it; 0 for none.
   */
  readonly betweenEffects: number;
  /**
   * At most this many crashes in the run (by `swarmCrashes`), or undefined for no limit. One crash
   * aimed at a coordinator's first operation, and then none: the node lives on to take new work while
   * the answers to its previous life are still in flight (with no limit, a fresh node is crashed
   * again at its next first operation).
   */
  readonly crashesMax?: number;
  /** No crash before this tick (undefined: from the first): a calm start, so a crash finds data on the disks and clients at work. */
  readonly fromTick?: number;
}

export interface FaultProfile {
  readonly network: NetworkFaults;
  /** Random partitions, through the simulator's fault injector (`faults.partition`). */
  readonly partition: FaultInjection['partition'];
  /** Random crashes, through `swarmCrashes` (a scenario), since targeting a busy node needs the trace. */
  readonly crash: CrashProfile | undefined;
  /** How many clients run (1 to `clientsMax`): how many requests are in flight when a crash comes. */
  readonly clients: number;
}

/**
 * Draws seed `seed`'s fault profile for a cluster of `nodes`. Each kind of fault is left out with
 * probability one half (swarm testing's rule: a run without loss is how a bug that loss would mask
 * shows), and when it is in, its rate and lengths are drawn over a wide range. `kinds`, the message
 * kinds the model sends (`messageKind`: its messages' `kind`, and `request`, `reply`), lets half the
 * profiles aim faults at a few of them (`drawAimedFaults`).
 */
export function drawFaultProfile(seed: number, nodes: readonly NodeId[], clientsMax = 3, kinds: readonly string[] = []): FaultProfile {
  const rng = new Rng(seed).split('swarm');
  const on = () => rng.chance(0.5);
  const delayTicksMax = rng.int(1, 12);
  const base: NetworkFaults = {
    delayTicksMin: 1,
    delayTicksMax,
    lossProbability: on() ? between(rng, 0.01, 0.4) : 0,
    duplicateProbability: on() ? between(rng, 0.01, 0.2) : 0,
    reorder: rng.chance(0.75),
  };
  const partition = on() ? drawPartition(rng) : undefined;
  const drawn = on() ? drawCrash(rng, nodes) : undefined;
  // From a stream of its own, as the aimed faults below: the draws after this one stay as they were.
  const budget = new Rng(seed).split('swarm-crash-budget');
  const crash = drawn && {
    ...drawn,
    ...(budget.chance(0.5) ? { crashesMax: budget.int(1, 3) } : {}),
    ...(budget.chance(0.5) ? { fromTick: budget.int(10, 80) } : {}),
  };
  const clients = rng.int(1, clientsMax);
  // From a stream of its own, so the draws above (and every profile drawn before aiming existed) stay as they were.
  const byKind = drawAimedFaults(new Rng(seed).split('swarm-kinds'), kinds, delayTicksMax);
  const bySender = drawFlakySender(new Rng(seed).split('swarm-senders'), nodes, delayTicksMax);
  const network: NetworkFaults = { ...base, ...(byKind ? { byKind } : {}), ...(bySender ? { bySender } : {}) };
  return { network, partition, crash, clients };
}

/**
 * Faults aimed at one to three kinds of message, in half the profiles: the BUGGIFY idea (FoundationDB)
 * that a rare interleaving becomes common when one thing at a time is made to misbehave hard. Each
 * aimed kind is mostly *lost* (30–100 %: a StartView that never comes while Prepares of the new view
 * do), *slow* (delays up to 60 ticks past the rest: the old answers of a crashed coordinator arrive
 * after it has restarted and taken new work), or *replayed* (30–90 % duplicated, the second copy up to
 * 80 ticks late: a client's write that comes back after the client has moved on).
 */
function drawAimedFaults(rng: Rng, kinds: readonly string[], delayTicksMax: number): Record<string, KindFaults> | undefined {
  if (kinds.length === 0 || !rng.chance(0.5)) return undefined;
  const aimed = rng.shuffle(kinds).slice(0, rng.int(1, Math.min(3, kinds.length)));
  const byKind: Record<string, KindFaults> = {};
  for (const kind of [...aimed].sort()) {
    const how = rng.pick(['lost', 'slow', 'replayed'] as const);
    byKind[kind] =
      how === 'lost' ? { lossProbability: between(rng, 0.3, 1) }
      : how === 'slow' ? { delayTicksMax: delayTicksMax + rng.int(5, 60) }
      : { duplicateProbability: between(rng, 0.3, 0.9), duplicateDelayTicksMax: delayTicksMax + rng.int(10, 80) };
  }
  return byKind;
}

function drawPartition(rng: Rng): NonNullable<FaultInjection['partition']> {
  const durationTicksMin = rng.int(1, 20);
  return {
    probabilityPerTick: between(rng, 0.003, 0.05),
    durationTicksMin,
    durationTicksMax: rng.int(durationTicksMin, 80),
    oneWayProbability: between(rng, 0, 0.6),
  };
}

function drawCrash(rng: Rng, nodes: readonly NodeId[]): CrashProfile {
  const target = rng.pick(['any', 'busy', 'fresh'] as const);
  // Half the crash profiles reboot within two ticks: the node is back before the answers to what it
  // sent arrive. The rest stay down for a while, from a few ticks to a long outage.
  const quick = rng.chance(0.5);
  const downTicksMin = quick ? 0 : rng.int(0, 10);
  const downTicksMax = quick ? rng.int(0, 2) : downTicksMin + rng.int(0, 50);
  const few = rng.shuffle(nodes).slice(0, rng.int(1, nodes.length));
  return {
    // A fresh node is rare, so when one is there the coin comes up often.
    probabilityPerTick: target === 'fresh' ? between(rng, 0.05, 0.5) : between(rng, 0.005, 0.1),
    downTicksMin,
    downTicksMax,
    target,
    crashable: rng.chance(0.5) ? [...nodes] : nodes.filter((node) => few.includes(node)),
    betweenEffects: rng.chance(0.5) ? between(rng, 0.005, 0.1) : 0,
  };
}

/**
 * In half the profiles one node is flaky: most of what it sends is lost (30–90 %), or it is slow
 * (delays up to 60 ticks past the rest). A new primary whose StartView and NewState are lost while
 * some of its Prepares get through, or a coordinator whose acknowledgements lag, is then common.
 */
function drawFlakySender(rng: Rng, nodes: readonly NodeId[], delayTicksMax: number): Record<string, KindFaults> | undefined {
  if (nodes.length === 0 || !rng.chance(0.5)) return undefined;
  const node = rng.pick(nodes);
  return { [node]: rng.chance(0.5) ? { lossProbability: between(rng, 0.3, 0.9) } : { delayTicksMax: delayTicksMax + rng.int(5, 60) } };
}

const between = (rng: Rng, low: number, high: number) => low + rng.next() * (high - low);
const TARGETS = { any: 'any node', busy: 'busy nodes', fresh: 'nodes in their first operation since boot' } as const;
const percent = (p: number) => `${Math.round(p * 1000) / 10}%`;

/**
 * A profile as run options: the network's faults, and the fault injector's partitions plus, with
 * `cutSteps`, crashes between a step's effects (the crashes themselves come from `swarmCrashes`, which
 * knows the crash budget and which nodes are busy). For models that write to disk and send in one step.
 */
export function profileFaults(profile: FaultProfile, cutSteps: boolean): { network: NetworkFaults; faults?: FaultInjection } {
  const { crash, partition } = profile;
  const between = cutSteps && crash && crash.betweenEffects > 0
    ? { crash: { probabilityPerTick: 0, downTicksMin: crash.downTicksMin, downTicksMax: crash.downTicksMax, betweenEffectsProbability: crash.betweenEffects } }
    : {};
  const faults = { ...(partition ? { partition } : {}), ...between };
  return { network: profile.network, ...(Object.keys(faults).length > 0 ? { faults } : {}) };
}

/**
 * A profile's partitions and crashes both through the fault injector, for a model whose runner takes no
 * crash scenario (Delos): the profile's crash rate and downtimes (at least a tick), at any node, with no
 * crash budget or calm start.
 */
export function injectorFaults(profile: FaultProfile): FaultInjection {
  const { crash, partition } = profile;
  return {
    ...(partition ? { partition } : {}),
    ...(crash ? { crash: { probabilityPerTick: crash.probabilityPerTick, downTicksMin: Math.max(1, crash.downTicksMin), downTicksMax: Math.max(1, crash.downTicksMax) } } : {}),
  };
}

/** The profile as one line, for failure messages and docs: `loss 12%, dup 0%, delays 1–9, …`. */
export function describeProfile(profile: FaultProfile): string {
  const { network: net, partition: part, crash } = profile;
  const parts = [
    `loss ${percent(net.lossProbability)}`,
    `duplicates ${percent(net.duplicateProbability)}`,
    `delays 1–${net.delayTicksMax}${net.reorder ? '' : ' FIFO'}`,
    ...Object.entries(net.byKind ?? {}).map(([kind, own]) => `${kind} ${describeAimed(own)}`),
    ...Object.entries(net.bySender ?? {}).map(([node, own]) => `from ${node} ${describeAimed(own)}`),
    part
      ? `partitions ${percent(part.probabilityPerTick)}/tick for ${part.durationTicksMin}–${part.durationTicksMax} ticks (${percent(part.oneWayProbability ?? 0)} one-way)`
      : 'no partitions',
    crash
      ? `crashes ${percent(crash.probabilityPerTick)}/tick of ${TARGETS[crash.target]} among ${crash.crashable.join(' ')}, down ${crash.downTicksMin}–${crash.downTicksMax} ticks` +
        (crash.crashesMax !== undefined ? `, at most ${crash.crashesMax}` : '') +
        (crash.fromTick !== undefined ? ` from tick ${crash.fromTick}` : '') +
        (crash.betweenEffects > 0 ? `, ${percent(crash.betweenEffects)} of steps cut short` : '')
      : 'no crashes',
    `${profile.clients} client${profile.clients === 1 ? '' : 's'}`,
  ];
  return parts.join(', ');
}

function describeAimed(own: KindFaults): string {
  const parts = [
    own.lossProbability !== undefined ? `lost ${percent(own.lossProbability)}` : '',
    own.duplicateProbability !== undefined ? `duplicated ${percent(own.duplicateProbability)}` : '',
    own.delayTicksMax !== undefined ? `delays 1–${own.delayTicksMax}` : '',
    own.duplicateDelayTicksMax !== undefined ? `second copy within ${own.duplicateDelayTicksMax} ticks` : '',
  ];
  return parts.filter((p) => p !== '').join(' ');
}

export interface SwarmCrashOptions<T extends ModelTypes> {
  /** The tick after which no crash starts (the run's safety phase). */
  readonly untilTick: number;
  /**
   * Whether `node` may crash now. Default: fewer than a minority, ⌊(n − 1) / 2⌋, of the nodes are down.
   * A model whose nodes count as failed while they recover (VR without a disk) says so here.
   */
  readonly canCrash?: (view: ClusterView<T>, node: NodeId) => boolean;
}

/**
 * A scenario (`RunOptions.scenario`) that crashes and restarts nodes as `crash` says, drawing from the
 * seed's `swarm-crashes` stream. Every coin is drawn up front, tick by tick, so the decisions do not
 * depend on what the run does; only the choice among eligible nodes looks at the run.
 */
export function swarmCrashes<T extends ModelTypes>(seed: number, crash: CrashProfile, options: SwarmCrashOptions<T>) {
  const rng = new Rng(seed).split('swarm-crashes');
  return (sim: Simulator<T>): void => {
    const busy = new BusyNodes();
    const canCrash = options.canCrash ?? minorityDown;
    let crashes = 0;
    for (let tick = 1; tick <= options.untilTick; tick++) {
      if (!rng.chance(crash.probabilityPerTick) || tick < (crash.fromTick ?? 1)) continue;
      const pick = rng.next();
      const downTicks = rng.int(crash.downTicksMin, crash.downTicksMax);
      sim.at(tick, (s) => {
        const view = s.view();
        const live = crash.crashable.filter((id) => view.nodes.some((n) => n.id === id && n.up) && canCrash(view, id));
        const working = crash.target === 'any' ? new Set<NodeId>() : busy.update(s.trace.events, crash.target === 'fresh');
        const preferred = live.filter((id) => working.has(id));
        const candidates = preferred.length > 0 || crash.target === 'fresh' ? preferred : live;
        if (candidates.length === 0 || crashes === crash.crashesMax) return;
        const node = candidates[Math.floor(pick * candidates.length)]!;
        crashes++;
        s.crash(node);
        if (downTicks === 0) {
          s.restart(node);
          return;
        }
        s.at(tick + downTicks, (later) => {
          if (!later.view().nodes.find((n) => n.id === node)!.up) later.restart(node);
        });
      });
    }
  };
}

function minorityDown<T extends ModelTypes>(view: ClusterView<T>): boolean {
  const down = view.nodes.filter((n) => !n.up).length;
  return down < defaultMaxDown(view.nodes.length);
}

/**
 * Which nodes hold a client request they have not answered: a request delivered to a node, with no
 * reply from that node to it yet, and the node not crashed since. Reads the trace incrementally.
 */
export class BusyNodes {
  #read = 0;
  /** Client request message id → its op id, from the invoke. */
  readonly #requests = new Map<number, number>();
  /** Per node, the op ids it received and has not answered. */
  readonly #holding = new Map<NodeId, Set<number>>();
  /** Per node, the op id of the first client request it received since it (re)started. */
  readonly #first = new Map<NodeId, number>();

  /** The busy nodes; with `fresh`, only those still holding the first request of their current life. */
  update(events: readonly TraceEvent[], fresh = false): Set<NodeId> {
    for (; this.#read < events.length; this.#read++) this.#see(events[this.#read]!);
    const busy = [...this.#holding].filter(([node, ops]) => (fresh ? ops.has(this.#first.get(node) ?? -1) : ops.size > 0));
    return new Set(busy.map(([node]) => node));
  }

  #see(event: TraceEvent): void {
    switch (event.kind) {
      case 'invoke':
        this.#requests.set(event.msgId, event.opId);
        return;
      case 'deliver': {
        const opId = this.#requests.get(event.msgId);
        if (opId === undefined) return;
        const ops = this.#holding.get(event.node) ?? new Set<number>();
        this.#holding.set(event.node, ops.add(opId));
        if (!this.#first.has(event.node)) this.#first.set(event.node, opId);
        return;
      }
      case 'reply':
        this.#holding.get(event.node)?.delete(event.opId);
        return;
      case 'crash':
        this.#holding.delete(event.node);
        this.#first.delete(event.node);
        return;
      default:
        return;
    }
  }
}
