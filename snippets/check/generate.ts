/**
 * Linearizable register histories of any size, for benchmarks and tests: clients call a simulated
 * atomic register with random, overlapping call/return times. Each operation takes effect at a
 * random instant between its call and its return, and its output is computed from the register at
 * that instant, so the history is linearizable by construction (ordering by those instants is a
 * linearization). Seeded: the same seed gives the same history.
 */
import { Rng } from '../sim/rng.ts';
import type { Operation } from './history.ts';
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

interface Planned {
  readonly process: number;
  readonly call: number;
  readonly effect: number;
  readonly return: number | undefined;
  readonly input: RegisterInput;
  /** A crashed operation takes effect only sometimes. */
  readonly happens: boolean;
}

export function generateRegisterHistory(workload: RegisterWorkload): Operation<RegisterInput, RegisterOutput>[] {
  const rng = new Rng(workload.seed);
  const plan = planOperations(workload, rng.split('clients'));
  // Apply the operations in the order of their effect instants; ties keep plan order.
  const byEffect = plan.map((p, index) => ({ p, index })).sort((a, b) => a.p.effect - b.p.effect || a.index - b.index);
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

/** Each client issues operations back to back with short pauses, until the total is reached. */
function planOperations(workload: RegisterWorkload, rng: Rng): Planned[] {
  const { operations, clients, values = 5, durationTicksMax = 20, crashChance = 0 } = workload;
  const free = Array.from({ length: clients }, (_, i) => ({ process: i, at: rng.int(0, durationTicksMax) }));
  let nextProcess = clients;
  const plan: Planned[] = [];
  while (plan.length < operations) {
    // The client that is free first goes next, so calls come in time order.
    const client = free.reduce((a, b) => (b.at < a.at ? b : a));
    const call = client.at;
    const end = call + rng.int(1, durationTicksMax);
    const effect = rng.int(call, end);
    const input = randomInput(rng, values);
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
