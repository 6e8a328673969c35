/**
 * Histories of any size, for benchmarks and tests: clients call a simulated atomic object (a
 * register, or a key-value map with get, put and append) with random, overlapping call/return times.
 * Each operation takes effect at a random instant between its call and its return, and its output is
 * computed from the object at that instant, so the history is linearizable by construction (ordering
 * by those instants is a linearization). A kv history can be made non-linearizable on purpose: one
 * late get then returns a stale value. Seeded: the same seed gives the same history.
 */
import { Rng } from '../sim/rng.ts';
import type { Operation } from './history.ts';
import type { KvInput, KvOutput } from './models/kv.ts';
import type { RegisterInput, RegisterOutput } from './models/register.ts';
import type { Scalar } from './models/values.ts';

export interface RegisterWorkload {
  readonly operations: number;
  readonly clients: number;
  readonly seed: number;
  /** Distinct values written; few values make reads ambiguous and the search harder. Default 5. */
  readonly values?: number;
  /** Longest operation, in ticks. Default 20. */
  readonly durationTicksMax?: number;
  /** Chance an operation never returns (its client is then replaced, as Jepsen does). Default 0. */
  readonly crashChance?: number;
}

interface Planned<Input> {
  readonly process: number;
  readonly call: number;
  readonly effect: number;
  readonly return: number | undefined;
  readonly input: Input;
  /** A crashed operation takes effect only sometimes. */
  readonly happens: boolean;
}

export function generateRegisterHistory(workload: RegisterWorkload): Operation<RegisterInput, RegisterOutput>[] {
  const rng = new Rng(workload.seed);
  const values = workload.values ?? 5;
  const plan = planOperations(workload, rng.split('clients'), (r) => randomInput(r, values));
  // Apply the operations in the order of their effect instants; ties keep plan order.
  const byEffect = inEffectOrder(plan);
  const outputs = new Array<RegisterOutput | undefined>(plan.length);
  let value: Scalar = null;
  for (const { p, index } of byEffect) {
    if (!p.happens) continue;
    const input = p.input;
    if (input.f === 'read') outputs[index] = value;
    else if (input.f === 'write') value = input.value;
    else {
      const swapped = value === input.from;
      if (swapped) value = input.to;
      outputs[index] = swapped;
    }
  }
  return plan.map((p, index) => {
    const base = { process: p.process, call: p.call, input: p.input };
    if (p.return === undefined) return base;
    const output = outputs[index];
    return output === undefined ? { ...base, return: p.return } : { ...base, return: p.return, output };
  });
}

interface Workload {
  readonly operations: number;
  readonly clients: number;
  readonly durationTicksMax?: number;
  readonly crashChance?: number;
  /** Latest instant an operation takes effect after its call; absent: anywhere up to its return. */
  readonly requestDelayMax?: number;
}

/** Each client issues operations back to back with short pauses, until the total is reached. */
function planOperations<Input>(workload: Workload, rng: Rng, randomInput: (rng: Rng, client: number) => Input): Planned<Input>[] {
  const { operations, clients, durationTicksMax = 20, crashChance = 0, requestDelayMax } = workload;
  const free = Array.from({ length: clients }, (_, i) => ({ process: i, at: rng.int(0, durationTicksMax) }));
  let nextProcess = clients;
  const plan: Planned<Input>[] = [];
  while (plan.length < operations) {
    // The client that is free first goes next, so calls come in time order.
    const client = free.reduce((a, b) => (b.at < a.at ? b : a));
    const call = client.at;
    const end = call + rng.int(1, durationTicksMax);
    const effect = requestDelayMax === undefined ? rng.int(call, end) : Math.min(end, call + rng.int(0, requestDelayMax));
    const input = randomInput(rng, client.process);
    if (rng.chance(crashChance)) {
      plan.push({ process: client.process, call, effect, return: undefined, input, happens: rng.chance(0.5) });
      client.process = nextProcess++;
    } else {
      plan.push({ process: client.process, call, effect, return: end, input, happens: true });
    }
    client.at = end + rng.int(1, 3);
  }
  return plan;
}

function randomInput(rng: Rng, values: number): RegisterInput {
  const roll = rng.next();
  if (roll < 0.5) return { f: 'read' };
  if (roll < 0.8) return { f: 'write', value: rng.int(1, values) };
  return { f: 'cas', from: rng.int(1, values), to: rng.int(1, values) };
}

/**
 * A key-value workload: Workload's fields, with these defaults: `durationTicksMax` (longest operation,
 * in ticks) 100; `crashChance` (an operation never returns, and its client is replaced) 0;
 * `requestDelayMax` 1, since a server applies requests about in the order they arrive, and the rest of
 * the operation's time is the reply's (a replicated log's commit, then the answer), as in Porcupine's
 * kv histories recorded from Raft; with `Infinity`, any instant up to the return (far harder to
 * search: effects out of call order).
 */
export interface KvWorkload extends Workload {
  readonly seed: number;
  /** Keys, named "0", "1", …; each is checked as its own partition. Default 10. */
  readonly keys?: number;
  /**
   * Make it non-linearizable: one get late in the history (past this fraction of the operations)
   * returns the value its key had before a write that completed before the get was called.
   */
  readonly staleReadAt?: number;
}

/**
 * A key-value history in Porcupine's and Jepsen's form: about half appends of strings unique to the
 * client and operation (`"x 3 17 y"`: client 3's 17th), 45 % gets, 5 % puts.
 */
export function generateKvHistory(workload: KvWorkload): Operation<KvInput, KvOutput>[] {
  const rng = new Rng(workload.seed);
  const keys = workload.keys ?? 10;
  const issued = new Map<number, number>();
  const { requestDelayMax = 1, durationTicksMax = 100, ...rest } = workload;
  const shape: Workload = requestDelayMax === Infinity ? { ...rest, durationTicksMax } : { ...rest, durationTicksMax, requestDelayMax };
  const plan = planOperations(shape, rng.split('clients'), (r, client): KvInput => {
    const key = String(r.int(0, keys - 1));
    const roll = r.next();
    if (roll < 0.45) return { f: 'get', key };
    const n = issued.get(client) ?? 0;
    issued.set(client, n + 1);
    const value = `x ${client} ${n} y`;
    return roll < 0.95 ? { f: 'append', key, value } : { f: 'put', key, value };
  });
  const byEffect = inEffectOrder(plan);
  const outputs = new Array<KvOutput | undefined>(plan.length);
  /** Per operation that changed its key, the key's value just before it took effect. */
  const before = new Map<number, string>();
  const values = new Map<string, string>();
  for (const { p, index } of byEffect) {
    if (!p.happens) continue;
    const input: KvInput = p.input;
    const key = String(input.key);
    const value = values.get(key) ?? '';
    if (input.f === 'get') outputs[index] = value;
    else if (input.f === 'append') values.set(key, value + input.value);
    else if (input.f === 'put') values.set(key, String(input.value));
    if (input.f !== 'get') before.set(index, value);
  }
  if (workload.staleReadAt !== undefined) makeStaleRead(plan, outputs, before, workload.staleReadAt);
  return plan.map((p, index) => {
    const base = { process: p.process, call: p.call, input: p.input };
    if (p.return === undefined) return base;
    const output = outputs[index];
    return output === undefined ? { ...base, return: p.return } : { ...base, return: p.return, output };
  });
}

/** The first get past `fraction` of the plan whose key had a write complete before the get's call. */
function makeStaleRead(plan: readonly Planned<KvInput>[], outputs: (KvOutput | undefined)[], before: ReadonlyMap<number, string>, fraction: number): void {
  for (let g = Math.floor(plan.length * fraction); g < plan.length; g++) {
    const get = plan[g]!;
    if (get.input.f !== 'get' || get.return === undefined) continue;
    // The write on this key that completed last before the get was called: the get must see it.
    let latest = -1;
    for (let w = 0; w < g; w++) {
      const write = plan[w]!;
      if (write.input.f === 'get' || write.input.key !== get.input.key || write.return === undefined || write.return >= get.call) continue;
      if (latest < 0 || write.effect > plan[latest]!.effect) latest = w;
    }
    const stale = before.get(latest);
    if (stale === undefined || stale === outputs[g]) continue;
    outputs[g] = stale;
    return;
  }
  throw new Error('no get late enough to make stale: use more operations or an earlier staleReadAt');
}

/** The plan's operations in the order they take effect (ties in plan order), each with its index in the plan. */
function inEffectOrder<P extends { readonly effect: number }>(plan: readonly P[]): { p: P; index: number }[] {
  return plan.map((p, index) => ({ p, index })).sort((a, b) => a.p.effect - b.p.effect || a.index - b.index);
}
