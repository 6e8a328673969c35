/**
 * Issue 29 §4: operations that meet in one tick. Ticks are coarse, so with ticks alone two
 * operations that share a tick are concurrent — but a process's own operations are always in program
 * order, and when the history carries event orders (`callOrder`, `returnOrder`: the simulator's one
 * total order of handled events, or a Jepsen file's lines) they decide real-time order exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { precedes, programPredecessors, programPredecessorsInCallOrder, type Operation } from '../../../snippets/check/history.ts';
import { checkLinearizability } from '../../../snippets/check/linearizability.ts';
import { registerModel, type RegisterInput, type RegisterOutput } from '../../../snippets/check/models/register.ts';
import { bruteForceLinearizable } from './brute-force.ts';

type Op = Operation<RegisterInput, RegisterOutput>;
const write1 = (process: string, call: number, ret: number, orders?: [number, number]): Op => ({
  process, call, return: ret, input: { f: 'write', value: 1 }, ...(orders ? { callOrder: orders[0], returnOrder: orders[1] } : {}),
});
const readNull = (process: string, call: number, ret: number, orders?: [number, number]): Op => ({
  process, call, return: ret, input: { f: 'read' }, output: null, ...(orders ? { callOrder: orders[0], returnOrder: orders[1] } : {}),
});

describe('program order: a process runs one operation at a time', () => {
  it('a client that writes 1 and then, in the tick the write returned, reads null is not linearizable', () => {
    // Ticks alone make the two concurrent (5 is not < 5), so the read could go first: it must not.
    const history = [write1('A', 0, 5), readNull('A', 5, 5)];
    const result = checkLinearizability(registerModel, history);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.counterexample.stuck).toBe(history[1]);
    expect(bruteForceLinearizable(registerModel, history)).toBe(false);
  });

  it('the same two operations by two clients, in one tick, are concurrent: linearizable', () => {
    expect(checkLinearizability(registerModel, [write1('A', 0, 5), readNull('B', 5, 5)]).ok).toBe(true);
  });

  it('holds for zero-length operations in one tick, by their order in the history', () => {
    expect(checkLinearizability(registerModel, [write1('A', 5, 5), readNull('A', 5, 5)]).ok).toBe(false);
    expect(checkLinearizability(registerModel, [readNull('A', 5, 5), write1('A', 5, 5)]).ok).toBe(true);
  });

  it('an operation that never returned does not order its process\'s next one', () => {
    const pending: Op = { process: 'A', call: 0, input: { f: 'write', value: 1 } };
    expect(checkLinearizability(registerModel, [pending, readNull('A', 1, 2)]).ok).toBe(true);
    expect([...programPredecessors([pending, readNull('A', 1, 2)])]).toEqual([-1, -1]);
  });

  it('the search\'s version, which skips the sort for operations already in call order, gives the same predecessors', () => {
    const op = fc.record({ process: fc.constantFrom('A', 'B', 'C'), call: fc.nat(6), duration: fc.nat(3), pending: fc.boolean() });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 8 }), (raw) => {
        const sorted = raw
          .map((r): Op => (r.pending ? { process: r.process, call: r.call, input: { f: 'read' } } : readNull(r.process, r.call, r.call + r.duration)))
          .sort((a, b) => a.call - b.call);
        expect([...programPredecessorsInCallOrder(sorted)]).toEqual([...programPredecessors(sorted)]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('event orders decide what one tick lumps together', () => {
  it('a write that returned before another client\'s read was called, in the same tick, must be seen', () => {
    const history = [write1('A', 0, 5, [1, 3]), readNull('B', 5, 6, [4, 5])];
    expect(precedes(history[0]!, history[1]!)).toBe(true);
    expect(checkLinearizability(registerModel, history).ok).toBe(false);
    expect(bruteForceLinearizable(registerModel, history)).toBe(false);
  });

  it('when the read was called before the write returned, they are concurrent: linearizable', () => {
    const history = [write1('A', 0, 5, [1, 4]), readNull('B', 5, 6, [3, 5])];
    expect(precedes(history[0]!, history[1]!)).toBe(false);
    expect(checkLinearizability(registerModel, history).ok).toBe(true);
  });

  it('orders win over ticks: a read whose ticks say "after the write" is concurrent when the orders say so', () => {
    // Ticks say 2 < 3 (ordered); the event orders say the read's call came first.
    const history = [write1('A', 0, 2, [1, 4]), readNull('B', 3, 6, [2, 5])];
    expect(checkLinearizability(registerModel, history).ok).toBe(true);
  });

  it('a history that gives orders on some operations and not others is refused, with the fix', () => {
    expect(() => checkLinearizability(registerModel, [write1('A', 0, 5, [1, 2]), readNull('B', 5, 6)])).toThrow(/give event orders on every operation or on none/);
  });

  it('a return order not after its call order is refused', () => {
    expect(() => checkLinearizability(registerModel, [write1('A', 0, 5, [3, 3])])).toThrow(/returnOrder 3 is not after its callOrder 3/);
  });
});

describe('with event orders, the checker agrees with brute force', () => {
  it('on small random register histories whose events share coarse ticks', () => {
    // A random interleaving of call and reply events, one operation at a time per client; the event
    // index is the order, and ticks are the index divided by 3, so many events share a tick.
    const step = fc.record({ client: fc.nat(2), write: fc.boolean(), value: fc.constantFrom(null, 1, 2), replies: fc.nat(4).map((n) => n > 0) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        const open = new Map<number, { call: number; input: RegisterInput; value: RegisterOutput }>();
        const history: Op[] = [];
        steps.forEach((s, order) => {
          const tick = Math.floor(order / 3);
          const current = open.get(s.client);
          if (!current) {
            open.set(s.client, { call: order, input: s.write ? { f: 'write', value: s.value } : { f: 'read' }, value: s.value });
            return;
          }
          if (!s.replies) return;
          open.delete(s.client);
          const base = { process: `c${s.client}`, call: Math.floor(current.call / 3), return: tick, callOrder: current.call, returnOrder: order, input: current.input };
          history.push(current.input.f === 'read' ? { ...base, output: current.value } : base);
        });
        for (const [client, o] of open) history.push({ process: `c${client}`, call: Math.floor(o.call / 3), callOrder: o.call, input: o.input });
        expect(checkLinearizability(registerModel, history).ok).toBe(bruteForceLinearizable(registerModel, history));
      }),
      { numRuns: 500 },
    );
  });
});
