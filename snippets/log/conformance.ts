/**
 * The conformance suite's properties, and the driver that runs a backend under them. The properties
 * speak only of what `LogSnapshot` holds, so they are the same for every backend; a backend declares
 * in its `Capabilities` which of the optional ones (a read that sees every earlier acknowledgement, a
 * segment seal) it promises, and only those are checked for it.
 *
 * Checked after every step of the run (faults on, then healed):
 * - no entry twice: in the committed log, in a replica's committed prefix, in a read;
 * - no holes: the committed log has an entry at every position below its end;
 * - one order: every committed prefix and every read, at any time, is a prefix of one sequence that
 *   only ever grows (so they agree on a common prefix, and nothing once committed or read changes);
 * - an acknowledged position holds its own entry and no other's;
 * - (seal) a sealed segment acknowledges nothing at or past its end;
 * - (readSeesAcked) a read holds every append acknowledged before it was sent.
 * Checked when the run ends (after the faults healed and progress came):
 * - every acknowledged append is in the committed log;
 * - everything ever committed or read is still a prefix of the final committed log.
 * And progress: after healing, an append sent after healing is acknowledged within the backend's budget.
 */
import { simulate, type ClusterView, type ModelTypes, type RunResult } from '../sim/index.ts';
import type { AppendSeen, BackendSpec, Capabilities, Entry, LogSnapshot, PropertyName } from './interface.ts';

/** Seeds per backend the suite runs on the correct model (tests/snippets/log/conformance.test.ts). */
export const CONFORMANCE_SEEDS = 150;

/** The properties, by the names a failure reports. */
export const PROPERTIES = {
  unique: 'no entry appears twice',
  holes: 'the committed log has no holes',
  order: 'every committed prefix and every read is a prefix of one growing log',
  position: 'an acknowledged position holds its own entry',
  seal: 'a sealed segment acknowledges nothing past its end',
  readSeesAcked: 'a read holds every append acknowledged before it was sent',
  durable: 'every acknowledged append is in the final committed log',
  kept: 'nothing committed or read is lost from the final committed log',
  progress: 'after healing, an append sent after healing is acknowledged',
} as const satisfies Record<PropertyName, string>;

/** The properties in a word or two, for tables. */
export const PROPERTY_LABELS: Readonly<Record<PropertyName, string>> = {
  unique: 'no duplicates',
  holes: 'no holes',
  order: 'one order',
  position: 'acked position',
  seal: 'seal',
  readSeesAcked: 'read sees acks',
  durable: 'durable acks',
  kept: 'nothing lost',
  progress: 'progress',
};

/** A property broken: which, and what the run did. */
export interface Violation {
  readonly property: PropertyName;
  readonly message: string;
}

const show = (xs: ReadonlyArray<Entry | undefined>) => `[${xs.map((x) => x ?? '_').join(' ')}]`;

function duplicate(xs: readonly Entry[]): Entry | undefined {
  const seen = new Set<Entry>();
  for (const x of xs) {
    if (seen.has(x)) return x;
    seen.add(x);
  }
  return undefined;
}

const isPrefix = (a: readonly Entry[], b: readonly Entry[]) => a.length <= b.length && a.every((x, i) => b[i] === x);

/**
 * The checks that run after every step. Stateful: `agreed` is the longest committed-or-read sequence
 * seen so far, and reads are checked once, when they first appear.
 */
export class ConformanceChecker {
  #agreed: readonly Entry[] = [];
  #agreedFrom = 'nothing';
  /**
   * The reads checked so far, by their call's place in the run's order. Not a count of the snapshot's
   * reads: adapters list reads in the order they were sent, so a read answered after one sent later
   * lands before it, not at the end.
   */
  readonly #readsSeen = new Set<number>();

  readonly #capabilities: Capabilities;

  constructor(capabilities: Capabilities) {
    this.#capabilities = capabilities;
  }

  /** Everything ever committed or read, in order: the final log must start with it. */
  get agreed(): readonly Entry[] {
    return this.#agreed;
  }

  step(log: LogSnapshot): Violation | undefined {
    const committedEnd = log.committed.length;
    const hole = log.committed.findIndex((e) => e === undefined);
    if (hole >= 0) return { property: 'holes', message: `position ${hole} of the committed log ${show(log.committed)} is held by no node` };
    const committed = log.committed as readonly Entry[];
    const sequences: Array<{ from: string; entries: readonly Entry[] }> = [{ from: 'the committed log', entries: committed }];
    for (const r of log.replicas) sequences.push({ from: `${r.node}'s committed prefix`, entries: r.log });
    const fresh = log.reads.filter((r) => !this.#readsSeen.has(r.invokeOrder));
    for (const r of fresh) {
      this.#readsSeen.add(r.invokeOrder);
      sequences.push({ from: `a read by ${r.client}`, entries: r.entries });
    }
    for (const s of sequences) {
      const twice = duplicate(s.entries);
      if (twice !== undefined) return { property: 'unique', message: `${twice} appears twice in ${s.from} ${show(s.entries)}` };
    }
    // #region one-order
    // Everything committed or read must be a prefix of one log that only grows: `agreed`, the longest seen so far.
    for (const s of sequences) {
      if (isPrefix(s.entries, this.#agreed)) continue;
      if (!isPrefix(this.#agreed, s.entries)) {
        return { property: 'order', message: `${s.from} ${show(s.entries)} disagrees with ${this.#agreedFrom} ${show(this.#agreed)}` };
      }
      this.#agreed = s.entries;
      this.#agreedFrom = s.from;
    }
    // #endregion
    const wrong = this.#position(log.appends, committed, committedEnd);
    if (wrong) return wrong;
    if (this.#capabilities.seal === 'segment') {
      for (const a of log.appends) {
        if (a.ackOrder === undefined || a.offset === undefined || a.segment === undefined) continue;
        const seal = log.seals.find((s) => s.segment === a.segment);
        if (seal && a.offset >= seal.end) {
          return { property: 'seal', message: `${a.entry} was acknowledged at position ${a.offset} in segment ${a.segment}, which was sealed at ${seal.end}` };
        }
      }
    }
    if (this.#capabilities.readSeesAcked) {
      for (const r of fresh) {
        const missed = log.appends.find((a) => a.ackOrder !== undefined && a.ackOrder < r.invokeOrder && !r.entries.includes(a.entry));
        if (missed) return { property: 'readSeesAcked', message: `a read by ${r.client} returned ${show(r.entries)} without ${missed.entry}, acknowledged before the read was sent` };
      }
    }
    return undefined;
  }

  #position(appends: readonly AppendSeen[], committed: readonly Entry[], end: number): Violation | undefined {
    const at = new Map<number, Entry>();
    for (const a of appends) {
      if (a.ackOrder === undefined || a.offset === undefined) continue;
      const other = at.get(a.offset);
      if (other !== undefined && other !== a.entry) return { property: 'position', message: `position ${a.offset} was acknowledged to both ${other} and ${a.entry}` };
      at.set(a.offset, a.entry);
      if (a.offset < end && committed[a.offset] !== a.entry) {
        return { property: 'position', message: `${a.entry} was acknowledged at position ${a.offset}, but the committed log holds ${committed[a.offset]} there` };
      }
    }
    return undefined;
  }

  /** The checks at the end of a run: nothing acknowledged, committed or read is missing from the final log. */
  finish(log: LogSnapshot): Violation | undefined {
    const last = this.step(log);
    if (last) return last;
    const committed = log.committed as readonly Entry[];
    const held = new Set(committed);
    const lost = log.appends.find((a) => a.ackOrder !== undefined && !held.has(a.entry));
    if (lost) return { property: 'durable', message: `${lost.entry} was acknowledged${lost.offset === undefined ? '' : ` at position ${lost.offset}`}, but the final committed log ${show(committed)} lacks it` };
    if (!isPrefix(this.#agreed, committed)) return { property: 'kept', message: `${this.#agreedFrom} ${show(this.#agreed)} is not a prefix of the final committed log ${show(committed)}` };
    return undefined;
  }
}

/** Whether an append sent after the faults healed has been acknowledged. */
export function progressed(log: LogSnapshot, settledTick: number | undefined): boolean {
  return settledTick !== undefined && log.appends.some((a) => a.invokeTick > settledTick && a.ackOrder !== undefined);
}

/** One run of a backend under the suite. */
export interface ConformanceRun {
  readonly backend: string;
  readonly seed: number;
  readonly variant: string | undefined;
  /** The property broken, if any (a model that threw counts as `threw`, a message storm as `storm`). */
  readonly violation: Violation | { readonly property: 'threw' | 'storm'; readonly message: string } | undefined;
  readonly result: RunResult<ModelTypes>;
  /** The log at the end of the run. */
  readonly log: LogSnapshot;
}

/** What an adapter declares about its backend (all but how to run it): the same with the model's types erased. */
type BackendFacts = Omit<BackendSpec<ModelTypes>, 'cluster' | 'observe' | 'witnesses'>;

/** A backend with its model's types erased, so one registry holds them all. */
export interface LogBackend extends BackendFacts {
  readonly witnesses: NonNullable<BackendSpec<ModelTypes>['witnesses']>;
  run(seed: number, variant?: string): ConformanceRun;
  /** The run of `seed` checked for every optional promise, declared or not (for the witnesses). */
  runPromisingAll(seed: number): ConformanceRun;
}

/** Wraps an adapter's spec into a registry entry whose `run` drives it under the suite. */
export function logBackend<T extends ModelTypes>(spec: BackendSpec<T>): LogBackend {
  const { cluster: _cluster, observe: _observe, witnesses, ...facts } = spec;
  return {
    ...facts,
    witnesses: witnesses ?? {},
    run: (seed, variant) => runConformance(spec, seed, variant),
    runPromisingAll: (seed) => runConformance({ ...spec, capabilities: { ...spec.capabilities, readSeesAcked: true } }, seed, undefined),
  };
}

const INVARIANT = 'the log conforms';

function runConformance<T extends ModelTypes>(spec: BackendSpec<T>, seed: number, variant: string | undefined): ConformanceRun {
  if (variant !== undefined && !Object.hasOwn(spec.variants, variant)) {
    throw new Error(`${spec.id} has no variant "${variant}"; its variants: ${Object.keys(spec.variants).join(', ') || 'none'}`);
  }
  const { options, progressTicks } = spec.cluster(seed, variant);
  const checker = new ConformanceChecker(spec.capabilities);
  let broken: Violation | undefined;
  const result = simulate<T>({
    ...options,
    invariants: {
      [INVARIANT]: (view: ClusterView<T>) => {
        broken = checker.step(spec.observe(view));
        return broken && `${PROPERTIES[broken.property]}: ${broken.message}`;
      },
    },
    liveness: { progress: PROPERTIES.progress, holds: (view) => progressed(spec.observe(view), view.settledTick), withinTicks: progressTicks },
  });
  const log = spec.observe(result.final);
  const base = { backend: spec.id, seed, variant, result: result as RunResult<ModelTypes>, log };
  if (!result.ok) {
    if (result.kind === 'no-progress') return { ...base, violation: { property: 'progress', message: result.message } };
    if (result.kind === 'model-threw') return { ...base, violation: { property: 'threw', message: result.message } };
    if (result.kind === 'message-storm') return { ...base, violation: { property: 'storm', message: result.message } };
    return { ...base, violation: broken ?? { property: 'threw', message: result.message } };
  }
  return { ...base, violation: checker.finish(log) };
}
