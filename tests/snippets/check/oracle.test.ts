/**
 * The checker against the brute-force oracle (brute-force.ts), on small random histories: at most
 * seven operations over two or three clients, with overlapping intervals, equal ticks and operations
 * that never returned. They must agree on every history. Histories come three ways, so both verdicts
 * are common: outputs computed from an atomic object (linearizable by construction), the same with
 * one output changed, and outputs drawn at random.
 *
 * Whenever the checker answers, its evidence is checked too: the order it returns must be a legal
 * linearization (ok), or a legal prefix closed under real-time order that omits the stuck operation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { precedes, type History, type Operation } from '../../../snippets/check/history.ts';
import { checkLinearizability } from '../../../snippets/check/linearizability.ts';
import type { Model } from '../../../snippets/check/model.ts';
import { kvModel, type KvInput, type KvOutput } from '../../../snippets/check/models/kv.ts';
import { logModel, type LogInput, type LogOutput } from '../../../snippets/check/models/log.ts';
import { registerModel, type RegisterInput, type RegisterOutput } from '../../../snippets/check/models/register.ts';
import type { Scalar } from '../../../snippets/check/models/values.ts';
import { bruteForceLinearizable } from './brute-force.ts';
import { queueModel, type QueueInput, type QueueOutput } from './queue-model.ts';

/** How to make random operations for one model, and outputs for them. */
interface Workload<State, Input, Output> {
  readonly input: fc.Arbitrary<Input>;
  /** The output an atomic object in `state` gives, and its next state. */
  apply(state: State, input: Input): readonly [Output | undefined, State];
  /** Some output, possibly wrong, chosen by `noise`. */
  noisy(input: Input, noise: number): Output | undefined;
}

interface Slot<Input> {
  readonly client: number;
  readonly gapTicks: number;
  readonly durationTicks: number;
  readonly pending: boolean;
  /** Where in its interval the operation takes effect in the atomic run, 0–100 %. */
  readonly effectPercent: number;
  /** Whether a pending operation takes effect in the atomic run. */
  readonly happens: boolean;
  readonly noise: number;
  readonly input: Input;
}

function histories<State, Input, Output>(w: Workload<State, Input, Output>, init: State): fc.Arbitrary<History<Input, Output>> {
  const slot = fc.record({
    client: fc.nat(2),
    gapTicks: fc.nat(3),
    durationTicks: fc.nat(4),
    pending: fc.nat(5).map((n) => n === 0),
    effectPercent: fc.nat(100),
    happens: fc.boolean(),
    noise: fc.nat(1000),
    input: w.input,
  });
  return fc
    .record({ clients: fc.integer({ min: 2, max: 3 }), slots: fc.array(slot, { minLength: 1, maxLength: 7 }), outputs: fc.constantFrom('atomic', 'one changed', 'random') })
    .map(({ clients, slots, outputs }) => build(w, init, clients, slots, outputs));
}

function build<State, Input, Output>(w: Workload<State, Input, Output>, init: State, clients: number, slots: Slot<Input>[], mode: string): History<Input, Output> {
  const cursor = new Array<number>(clients).fill(0);
  const incarnation = new Array<number>(clients).fill(0);
  const laid = slots.map((s) => {
    const c = s.client % clients;
    const call = cursor[c]! + s.gapTicks;
    const end = call + s.durationTicks;
    const process = `${c}.${incarnation[c]}`;
    cursor[c] = end;
    if (s.pending) incarnation[c]!++; // a client that timed out comes back as a new process (Jepsen)
    return { s, process, call, end, effect: call + (s.durationTicks * s.effectPercent) / 100 };
  });
  // Outputs of an atomic run: apply in effect order (ties: issue order), which respects real time.
  const outputs = new Array<Output | undefined>(laid.length);
  let state = init;
  [...laid.keys()].sort((a, b) => laid[a]!.effect - laid[b]!.effect || a - b).forEach((i) => {
    const { s } = laid[i]!;
    if (s.pending && !s.happens) return;
    const [output, next] = w.apply(state, s.input);
    outputs[i] = output;
    state = next;
  });
  const changed = laid.length > 0 ? laid[0]!.s.noise % laid.length : -1;
  return laid.map(({ s, process, call, end }, i): Operation<Input, Output> => {
    if (s.pending) return { process, call, input: s.input };
    const output = mode === 'random' || (mode === 'one changed' && i === changed) ? w.noisy(s.input, s.noise) : outputs[i];
    return output === undefined ? { process, call, return: end, input: s.input } : { process, call, return: end, input: s.input, output };
  });
}

/** Checks the checker's evidence: a legal order that respects real time, complete or a closed prefix. */
function expectValidEvidence<State, Input, Output>(model: Model<State, Input, Output>, history: History<Input, Output>, order: readonly Operation<Input, Output>[], complete: boolean): void {
  expect(new Set(order).size).toBe(order.length);
  // Program order: a process's operation that returned comes before its later ones (history position).
  const mustPrecede = (a: Operation<Input, Output>, b: Operation<Input, Output>) =>
    precedes(a, b) || (a.process === b.process && a.return !== undefined && history.indexOf(a) < history.indexOf(b));
  order.forEach((op, i) => {
    for (const earlier of order.slice(0, i)) expect(mustPrecede(op, earlier)).toBe(false);
  });
  // Closed under real-time and program order: whatever must come before an ordered operation is ordered too.
  for (const op of order) for (const other of history) if (mustPrecede(other, op)) expect(order).toContain(other);
  let state = model.init();
  for (const op of order) {
    const [ok, next] = model.step(state, op.input, op.output);
    expect(ok).toBe(true);
    state = next;
  }
  if (complete) for (const op of history) if (op.return !== undefined) expect(order).toContain(op);
}

/** `workload` generates histories from its own atomic object, starting at `init`. */
function agreesWithOracle<ModelState, OracleState, WorkloadState, Input, Output>(
  model: Model<ModelState, Input, Output>,
  oracle: Model<OracleState, Input, Output>,
  workload: Workload<WorkloadState, Input, Output>,
  init: WorkloadState,
  runs: number,
): void {
  fc.assert(
    fc.property(histories(workload, init), (history) => {
      const result = checkLinearizability(model, history);
      expect(result.ok).toBe(bruteForceLinearizable(oracle, history));
      for (const part of result.partitions) {
        expectValidEvidence(model, part.operations, part.order, part.ok);
        if (!part.ok) {
          expect(part.stuck.return).toBeDefined();
          expect(part.order).not.toContain(part.stuck);
        }
      }
    }),
    { numRuns: runs },
  );
}

const values: Scalar[] = [null, 1, 2];

const registerWorkload: Workload<Scalar, RegisterInput, RegisterOutput> = {
  input: fc.oneof(
    fc.constant<RegisterInput>({ f: 'read' }),
    fc.constantFrom(1, 2).map((value): RegisterInput => ({ f: 'write', value })),
    fc.tuple(fc.constantFrom(...values), fc.constantFrom(1, 2)).map(([from, to]): RegisterInput => ({ f: 'cas', from, to })),
  ),
  apply(state, input) {
    if (input.f === 'read') return [state, state];
    if (input.f === 'write') return [undefined, input.value];
    return state === input.from ? [true, input.to] : [false, state];
  },
  noisy: (input, noise) => (input.f === 'read' ? values[noise % 3]! : input.f === 'cas' ? noise % 2 === 0 : undefined),
};

type KvState = ReadonlyMap<string, Scalar>;
const kvWorkload: Workload<KvState, KvInput, KvOutput> = {
  input: fc.oneof(
    fc.tuple(fc.constantFrom('x', 'y'), registerWorkload.input).map(([key, r]): KvInput =>
      r.f === 'read' ? { f: 'get', key } : r.f === 'write' ? { f: 'put', key, value: r.value } : { f: 'cas', key, from: r.from, to: r.to }),
    // Appends of one letter: few distinct strings, so the memo sees many states per set of operations.
    fc.tuple(fc.constantFrom('x', 'y'), fc.constantFrom('a', 'b')).map(([key, value]): KvInput => ({ f: 'append', key, value })),
  ),
  apply(map, input) {
    const value = map.get(String(input.key)) ?? null;
    if (input.f === 'append') return [undefined, new Map(map).set(String(input.key), typeof value === 'string' || value === null ? (value ?? '') + input.value : value)];
    const asRegister: RegisterInput = input.f === 'get' ? { f: 'read' } : input.f === 'put' ? { f: 'write', value: input.value } : { f: 'cas', from: input.from, to: input.to };
    const [output, next] = registerWorkload.apply(value, asRegister);
    return [output, new Map(map).set(String(input.key), next)];
  },
  noisy: (input, noise) => {
    if (input.f === 'get') return [null, 1, 2, 'a', 'ab', 'ba', 'b'][noise % 7]!;
    if (input.f === 'cas') return noise % 2 === 0;
    return undefined;
  },
};

/** The whole map as one object, not partitioned: the oracle for per-key partitioning. */
const wholeMapModel: Model<KvState, KvInput, KvOutput> = {
  init: () => new Map(),
  step(map, input, output) {
    const [ok, value] = kvModel.step(map.get(String(input.key)) ?? null, input, output);
    return [ok, new Map(map).set(String(input.key), value)];
  },
  equal: () => false,
  describe: kvModel.describe,
};

const logEntriesSeen: Scalar[][] = [[], ['a'], ['b'], ['a', 'b'], ['b', 'a'], ['a', 'b', 'c']];
const logWorkload: Workload<readonly Scalar[], LogInput, LogOutput> = {
  input: fc.oneof(
    fc.constantFrom('a', 'b', 'c').map((value): LogInput => ({ f: 'append', value })),
    fc.option(fc.nat(2), { nil: undefined }).map((limit): LogInput => (limit === undefined ? { f: 'read' } : { f: 'read', limit })),
  ),
  apply(entries, input) {
    if (input.f === 'append') return [entries.length, [...entries, input.value]];
    return [entries.slice(0, input.limit ?? entries.length), entries];
  },
  noisy: (input, noise) => (input.f === 'append' ? noise % 3 : logEntriesSeen[noise % logEntriesSeen.length]!),
};

const queueWorkload: Workload<readonly string[], QueueInput, QueueOutput> = {
  input: fc.oneof(fc.constantFrom('x', 'y').map((item): QueueInput => ({ f: 'enq', item })), fc.constant<QueueInput>({ f: 'deq' })),
  apply: (queue, input) => (input.f === 'enq' ? [undefined, [...queue, input.item]] : [queue[0] ?? null, queue.slice(1)]),
  noisy: (input, noise) => (input.f === 'deq' ? [null, 'x', 'y'][noise % 3]! : undefined),
};

describe('the checker agrees with a brute-force search over all orders', () => {
  it('register: read, write, cas', () => {
    agreesWithOracle(registerModel, registerModel, registerWorkload, null, 600);
  });

  it('key-value map with append: checking per key agrees with checking the whole map', () => {
    agreesWithOracle(kvModel, wholeMapModel, kvWorkload, new Map(), 600);
  });

  it('append-only log: append, read, read(limit)', () => {
    agreesWithOracle(logModel, logModel, logWorkload, [], 400);
  });

  it('FIFO queue', () => {
    agreesWithOracle(queueModel, queueModel, queueWorkload, [], 400);
  });
});

describe('the memo keyed by state hash agrees with brute force, whatever the hash', () => {
  // A hash that collides all the time: the memo must still tell states apart with `equal`.
  const colliding = <S, I, O>(model: Model<S, I, O>): Model<S, I, O> => ({ ...model, hash: (state) => (JSON.stringify(state) ?? '').length % 2 });
  const unhashed = <S, I, O>(model: Model<S, I, O>): Model<S, I, O> => ({ ...model, hash: undefined as never });

  it('register, with a colliding hash and with none', () => {
    agreesWithOracle(colliding(registerModel), registerModel, registerWorkload, null, 300);
    agreesWithOracle(unhashed(registerModel), registerModel, registerWorkload, null, 300);
  });

  it('key-value map with append, with a colliding hash and with none', () => {
    agreesWithOracle(colliding(kvModel), wholeMapModel, kvWorkload, new Map(), 400);
    agreesWithOracle(unhashed(kvModel), wholeMapModel, kvWorkload, new Map(), 300);
  });

  it('log, with a colliding hash and with none', () => {
    agreesWithOracle(colliding(logModel), logModel, logWorkload, [], 300);
    agreesWithOracle(unhashed(logModel), logModel, logWorkload, [], 300);
  });
});

describe('the kv shortcuts for appends (a value only grows until a put) are sound', () => {
  const only = (keep: 'refute' | 'growth'): Model<Scalar, KvInput, KvOutput> =>
    keep === 'refute' ? { ...kvModel, growth: undefined as never } : { ...kvModel, refute: undefined as never };
  const plain: Model<Scalar, KvInput, KvOutput> = { ...kvModel, growth: undefined as never, refute: undefined as never };

  it('refuting a key without a search (models/kv-refute.ts): only keys with no linearization, and it does find some', () => {
    let refuted = 0;
    fc.assert(
      fc.property(histories(kvWorkload, new Map()), (history) => {
        for (const { operations } of kvModel.partition!(history)) {
          const refutation = kvModel.refute!(operations);
          if (!refutation) continue;
          refuted++;
          expect(bruteForceLinearizable(kvModel, operations)).toBe(false);
          expect(operations).toContain(refutation.stuck);
          expect(refutation.stuck.return).toBeDefined();
        }
      }),
      { numRuns: 1500 },
    );
    // Not vacuous: with one output in three changed at random, many keys break a rule.
    expect(refuted).toBeGreaterThan(25);
  });

  it('the checker with only the refutation, or only the growth pruning, agrees with brute force', () => {
    agreesWithOracle(only('refute'), wholeMapModel, kvWorkload, new Map(), 500);
    agreesWithOracle(only('growth'), wholeMapModel, kvWorkload, new Map(), 500);
  });

  it('the growth pruning only removes configurations: never more explored than without it, and fewer on some', () => {
    let fewer = 0;
    fc.assert(
      fc.property(histories(kvWorkload, new Map()), (history) => {
        const explored = (model: Model<Scalar, KvInput, KvOutput>) => checkLinearizability(model, history).partitions.reduce((sum, p) => sum + p.explored, 0);
        const pruned = explored(only('growth'));
        const unpruned = explored(plain);
        expect(pruned).toBeLessThanOrEqual(unpruned);
        if (pruned < unpruned) fewer++;
      }),
      { numRuns: 800 },
    );
    expect(fewer).toBeGreaterThan(20);
  });
});
