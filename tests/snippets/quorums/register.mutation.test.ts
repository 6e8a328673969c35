/**
 * The ABD register's rules, one step at a time (snippets/quorums/register.ts): what a replica answers
 * and keeps, whom a coordinator asks, how it counts answers, which version a write takes, when a read
 * writes back, and how copies of a request are recognised. Written for mutation testing
 * (docs/mutation.md, issue 19): the seeded suites run these paths but do not pin them; each test here
 * states one rule on the smallest state that shows it. Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import type { Effect, Input, Step } from '../../../snippets/sim/index.ts';
import { Rng } from '../../../snippets/sim/rng.ts';
import { thresholds } from '../../../snippets/quorums/quorum-system.ts';
import { newer, register, type RegisterConfig, type RegisterMessage, type RegisterRequest, type RegisterState, type RegisterTypes, type Stored } from '../../../snippets/quorums/register.ts';
import { pickQuorum, uniformStrategy } from '../../../snippets/quorums/strategy.ts';

const REPLICAS = ['r1', 'r2', 'r3'];
const config = (c: Partial<RegisterConfig> = {}): RegisterConfig => ({ system: thresholds(REPLICAS, 2, 2), contact: 'all', writeBack: true, incarnation: true, ...c });
const replica = (id = 'r1', c: Partial<RegisterConfig> = {}): RegisterState => register.init(id, REPLICAS.filter((r) => r !== id), config(c));
const stored = (value: number | null, counter: number, writer: string): Stored => ({ version: { counter, writer }, value });
const NOTHING = stored(null, 0, '');

const step = (s: RegisterState, input: Input<RegisterTypes>) => register.step(s, input);
const request = (s: RegisterState, client: string, requestId: number, req: RegisterRequest) => step(s, { kind: 'request', client, requestId, request: req });
const message = (s: RegisterState, from: string, m: RegisterMessage) => step(s, { kind: 'message', from, message: m });
const write = (value: number, pick = 0): RegisterRequest => ({ kind: 'write', value, pick });
const read = (pick = 0): RegisterRequest => ({ kind: 'read', pick });

type E = Effect<RegisterTypes>;
const sends = (effects: readonly E[]) => effects.flatMap((e) => (e.kind === 'send' ? [`${e.to} ${e.message.kind} ${e.message.op}`] : []));
const replies = (effects: readonly E[]) => effects.flatMap((e) => (e.kind === 'reply' ? [{ client: e.client, requestId: e.requestId, response: e.response }] : []));

/** Runs one step after another, each on the state the previous one left. */
function chain(s: RegisterState, ...steps: ((s: RegisterState) => Step<RegisterTypes>)[]): Step<RegisterTypes> {
  let result: Step<RegisterTypes> = { state: s, effects: [] };
  for (const next of steps) result = next(result.state);
  return result;
}

describe('a replica (new, restarted, idle)', () => {
  it('knows every replica including itself, in name order, and starts with nothing, boot 0, operation 1', () => {
    expect(register.init('r2', ['r3', 'r1'], config())).toEqual({
      id: 'r2', replicas: ['r1', 'r2', 'r3'], config: config(), stored: NOTHING, boot: 0, nextOp: 1, pending: {}, handled: {},
    });
  });

  it('after a restart keeps its register from disk, counts one more boot, and forgets what it coordinated', () => {
    const back = register.recover('r1', ['r2', 'r3'], config(), { stored: stored(5, 2, 'r2.1'), boot: 2 });
    expect(back).toMatchObject({ stored: stored(5, 2, 'r2.1'), boot: 3, nextOp: 1, pending: {}, handled: {} });
    // With nothing on disk: the first boot after the first start.
    expect(register.recover('r1', ['r2', 'r3'], config(), undefined)).toMatchObject({ stored: NOTHING, boot: 1 });
  });

  it('writes its new boot count to disk before it does anything else after a restart', () => {
    const s = { ...replica(), stored: stored(5, 2, 'r2.1'), boot: 3 };
    expect(step(s, { kind: 'restart' })).toEqual({ state: s, effects: [{ kind: 'persist', durable: { stored: stored(5, 2, 'r2.1'), boot: 3 } }] });
  });

  it('does nothing on a tick', () => {
    const s = replica();
    expect(step(s, { kind: 'tick' })).toEqual({ state: s, effects: [] });
  });
});

describe('the replica side', () => {
  it('answers a query with its value and version, and changes nothing', () => {
    const s = { ...replica('r2'), stored: stored(5, 2, 'r3.4') };
    expect(message(s, 'r1', { kind: 'query', op: '7' })).toEqual({ state: s, effects: [{ kind: 'send', to: 'r1', message: { kind: 'query-reply', op: '7', stored: stored(5, 2, 'r3.4') } }] });
  });

  it('keeps a newer stored value: on disk first, then the acknowledgement', () => {
    const s = { ...replica('r2'), stored: stored(5, 2, 'r3.4'), boot: 1 };
    const r = message(s, 'r1', { kind: 'store', op: '7', stored: stored(6, 3, 'r1.7') });
    expect(r.state.stored).toEqual(stored(6, 3, 'r1.7'));
    expect(r.effects).toEqual([
      { kind: 'persist', durable: { stored: stored(6, 3, 'r1.7'), boot: 1 } },
      { kind: 'send', to: 'r1', message: { kind: 'store-ack', op: '7' } },
    ]);
  });

  it('acknowledges a store of an older or the same version without keeping it or writing to disk', () => {
    const s = { ...replica('r2'), stored: stored(5, 2, 'r3.4') };
    for (const old of [stored(9, 1, 'r3.9'), stored(9, 2, 'r3.3'), stored(5, 2, 'r3.4')]) {
      expect(message(s, 'r1', { kind: 'store', op: '7', stored: old })).toEqual({ state: s, effects: [{ kind: 'send', to: 'r1', message: { kind: 'store-ack', op: '7' } }] });
    }
  });

  it('broken variant ackBeforePersist: the acknowledgement leaves before the value is on disk', () => {
    const s = replica('r2', { ackBeforePersist: true });
    expect(message(s, 'r1', { kind: 'store', op: '7', stored: stored(6, 1, 'r1.7') }).effects.map((e) => e.kind)).toEqual(['send', 'persist']);
  });

  it('a version is newer by its counter first, then by its writer; never newer than itself', () => {
    expect(newer({ counter: 2, writer: 'r1.1' }, { counter: 1, writer: 'r3.9' })).toBe(true);
    expect(newer({ counter: 1, writer: 'r3.9' }, { counter: 2, writer: 'r1.1' })).toBe(false);
    expect(newer({ counter: 2, writer: 'r2.1' }, { counter: 2, writer: 'r1.1' })).toBe(true);
    expect(newer({ counter: 2, writer: 'r1.1' }, { counter: 2, writer: 'r2.1' })).toBe(false);
    expect(newer({ counter: 2, writer: 'r1.1' }, { counter: 2, writer: 'r1.1' })).toBe(false);
  });
});

describe('a coordinator asking every replica', () => {
  it('a request starts operation 1: it answers its own query at once and asks the others', () => {
    const r = request(replica('r1'), 'c1', 4, write(9));
    expect(r.effects.map((e) => e.kind)).toEqual(['send', 'send']);
    expect(sends(r.effects)).toEqual(['r2 query 1', 'r3 query 1']);
    expect(r.state.nextOp).toBe(2);
    expect(r.state.pending).toEqual({ '1': { client: 'c1', requestId: 4, request: write(9), phase: 'query', answered: ['r1'], stored: NOTHING } });
    expect(r.state.handled).toEqual({ c1: { requestId: 4 } });
  });

  it('the next request is operation 2, and both run at once', () => {
    const r = chain(replica('r1'), (s) => request(s, 'c1', 1, write(9)), (s) => request(s, 'c2', 1, read()));
    expect(sends(r.effects)).toEqual(['r2 query 2', 'r3 query 2']);
    expect(Object.keys(r.state.pending)).toEqual(['1', '2']);
  });

  it('after a restart operations are named by the boot count too (1.1, 1.2, …); the broken variant restarts at 1', () => {
    const back = (incarnation: boolean) => register.recover('r1', ['r2', 'r3'], config({ incarnation }), { stored: NOTHING, boot: 0 });
    expect(sends(request(back(true), 'c1', 1, read()).effects)).toEqual(['r2 query 1.1', 'r3 query 1.1']);
    expect(sends(request(back(false), 'c1', 1, read()).effects)).toEqual(['r2 query 1', 'r3 query 1']);
  });

  it('a write takes a version one above the highest a read quorum reported, named after the coordinator and the operation', () => {
    const r = chain(
      { ...replica('r1'), stored: stored(3, 1, 'r1.1') },
      (s) => request(s, 'c1', 1, write(9)),
      (s) => message(s, 'r2', { kind: 'query-reply', op: '1', stored: stored(4, 5, 'r3.2') }),
    );
    const storing = stored(9, 6, 'r1.1');
    expect(r.state.pending['1']).toMatchObject({ phase: 'store', answered: ['r1'], stored: storing });
    // It stores locally (on disk) in the same step and sends the store to the others.
    expect(r.state.stored).toEqual(storing);
    expect(r.effects).toEqual([
      { kind: 'persist', durable: { stored: storing, boot: 0 } },
      { kind: 'send', to: 'r2', message: { kind: 'store', op: '1', stored: storing } },
      { kind: 'send', to: 'r3', message: { kind: 'store', op: '1', stored: storing } },
    ]);
  });

  it('keeps the highest version it heard, whatever the order of the answers', () => {
    const ask = (s: RegisterState) => request(s, 'c1', 1, read());
    const reply = (from: string, value: number, counter: number) => (s: RegisterState) => message(s, from, { kind: 'query-reply', op: '1', stored: stored(value, counter, `${from}.1`) });
    const three = register.init('r1', ['r2', 'r3', 'r4', 'r5'], config({ system: thresholds(['r1', 'r2', 'r3', 'r4', 'r5'], 4, 2) }));
    expect(chain(three, ask, reply('r2', 8, 2), reply('r3', 7, 1)).state.pending['1']!.stored).toEqual(stored(8, 2, 'r2.1'));
    expect(chain(three, ask, reply('r3', 7, 1), reply('r2', 8, 2)).state.pending['1']!.stored).toEqual(stored(8, 2, 'r2.1'));
  });

  it('a write is acknowledged once a write quorum has stored it, and the operation is done', () => {
    const r = chain(
      replica('r1'),
      (s) => request(s, 'c1', 4, write(9)),
      (s) => message(s, 'r2', { kind: 'query-reply', op: '1', stored: NOTHING }),
      (s) => message(s, 'r3', { kind: 'store-ack', op: '1' }),
    );
    expect(replies(r.effects)).toEqual([{ client: 'c1', requestId: 4, response: { kind: 'write-ok' } }]);
    expect(r.state.pending).toEqual({});
    expect(r.state.handled).toEqual({ c1: { requestId: 4, response: { kind: 'write-ok' } } });
  });

  it('counts each replica once: a second answer from the same replica does not make a quorum', () => {
    const five = register.init('r1', ['r2', 'r3', 'r4', 'r5'], config({ system: thresholds(['r1', 'r2', 'r3', 'r4', 'r5'], 3, 3) }));
    const answer = (s: RegisterState) => message(s, 'r2', { kind: 'query-reply', op: '1', stored: NOTHING });
    const r = chain(five, (s) => request(s, 'c1', 1, read()), answer, answer);
    expect(r.effects).toEqual([]);
    expect(r.state.pending['1']).toMatchObject({ phase: 'query', answered: ['r1', 'r2'] });
  });

  it('ignores an answer to an operation it is not running, and an answer meant for the other phase', () => {
    const querying = request(replica('r1'), 'c1', 1, write(9)).state;
    expect(message(querying, 'r2', { kind: 'query-reply', op: '8', stored: NOTHING })).toEqual({ state: querying, effects: [] });
    expect(message(querying, 'r2', { kind: 'store-ack', op: '1' })).toEqual({ state: querying, effects: [] });
    const storing = message(querying, 'r2', { kind: 'query-reply', op: '1', stored: NOTHING }).state;
    expect(storing.pending['1']!.phase).toBe('store');
    expect(message(storing, 'r3', { kind: 'query-reply', op: '1', stored: stored(5, 9, 'r3.1') })).toEqual({ state: storing, effects: [] });
  });
});

describe('reads', () => {
  const afterQuorum = (c: Partial<RegisterConfig>, found: Stored) =>
    chain(replica('r1', c), (s) => request(s, 'c1', 2, read()), (s) => message(s, 'r2', { kind: 'query-reply', op: '1', stored: found }));

  it('a read of a register nobody wrote answers "nothing" at once: there is nothing to write back', () => {
    const r = afterQuorum({}, NOTHING);
    expect(r.effects).toEqual([{ kind: 'reply', client: 'c1', requestId: 2, response: { kind: 'read-ok', value: null } }]);
    expect(r.state.pending).toEqual({});
  });

  it('a read that found a value writes it back, under the same version, before it answers', () => {
    const found = stored(5, 2, 'r3.1');
    const r = afterQuorum({}, found);
    expect(replies(r.effects)).toEqual([]);
    expect(r.state.pending['1']).toMatchObject({ phase: 'store', stored: found, answered: ['r1'] });
    expect(sends(r.effects)).toEqual(['r2 store 1', 'r3 store 1']);
    const done = message(r.state, 'r2', { kind: 'store-ack', op: '1' });
    expect(replies(done.effects)).toEqual([{ client: 'c1', requestId: 2, response: { kind: 'read-ok', value: 5 } }]);
  });

  it('broken variant no-write-back: the read answers what it found at once', () => {
    const r = afterQuorum({ writeBack: false }, stored(5, 2, 'r3.1'));
    expect(r.effects).toEqual([{ kind: 'reply', client: 'c1', requestId: 2, response: { kind: 'read-ok', value: 5 } }]);
  });
});

describe('a coordinator asking one quorum (contact: quorum)', () => {
  const system = thresholds(REPLICAS, 2, 2);
  const quorumOf = (op: 'reads' | 'writes', pick: number) => pickQuorum(uniformStrategy(system)[op], new Rng(pick));
  /** A pick whose read quorum leaves out the coordinator r1. */
  const pick = Array.from({ length: 50 }, (_, i) => i).find((p) => !quorumOf('reads', p).includes('r1'))!;

  it('asks only the read quorum the request\'s pick draws, then only the write quorum the same pick draws', () => {
    expect(quorumOf('reads', pick)).toEqual(['r2', 'r3']);
    const r = request(replica('r1', { contact: 'quorum' }), 'c1', 1, write(9, pick));
    expect(sends(r.effects)).toEqual(['r2 query 1', 'r3 query 1']);
    expect(r.state.pending['1']!.answered).toEqual([]);
    const stores = chain(r.state, (s) => message(s, 'r2', { kind: 'query-reply', op: '1', stored: NOTHING }), (s) => message(s, 'r3', { kind: 'query-reply', op: '1', stored: NOTHING }));
    const writeQuorum = quorumOf('writes', pick);
    expect(sends(stores.effects)).toEqual(writeQuorum.filter((r) => r !== 'r1').map((r) => `${r} store 1`));
    expect(stores.state.pending['1']!.answered).toEqual(writeQuorum.includes('r1') ? ['r1'] : []);
  });
});

describe('read quorums and write quorums of different sizes (N = 3, R = 1, W = 3)', () => {
  const oneThree = (contact: RegisterConfig['contact']) => replica('r1', { system: thresholds(REPLICAS, 1, 3), contact });

  it('the query phase waits for a read quorum: the coordinator\'s own answer is one, so a write stores at once', () => {
    const r = request(oneThree('all'), 'c1', 1, write(9));
    expect(r.state.pending['1']).toMatchObject({ phase: 'store', answered: ['r1'] });
    expect(sends(r.effects).sort()).toEqual(['r2 query 1', 'r2 store 1', 'r3 query 1', 'r3 store 1']);
  });

  it('the store phase waits for a write quorum: all three', () => {
    const storing = request(oneThree('all'), 'c1', 1, write(9)).state;
    const r2 = message(storing, 'r2', { kind: 'store-ack', op: '1' });
    expect(r2.effects).toEqual([]);
    expect(replies(message(r2.state, 'r3', { kind: 'store-ack', op: '1' }).effects)).toEqual([{ client: 'c1', requestId: 1, response: { kind: 'write-ok' } }]);
  });

  it('asking one quorum, the query goes to one replica (a read quorum) and the store to all three (a write quorum)', () => {
    const system = thresholds(REPLICAS, 1, 3);
    const pick = Array.from({ length: 50 }, (_, i) => i).find((p) => pickQuorum(uniformStrategy(system).reads, new Rng(p))[0] === 'r2')!;
    const r = request(oneThree('quorum'), 'c1', 1, write(9, pick));
    expect(sends(r.effects)).toEqual(['r2 query 1']);
    const stored = message(r.state, 'r2', { kind: 'query-reply', op: '1', stored: NOTHING });
    expect(sends(stored.effects)).toEqual(['r2 store 1', 'r3 store 1']);
    expect(stored.state.pending['1']!.answered).toEqual(['r1']);
  });
});

describe('copies of a request', () => {
  const started = () => request(replica('r1'), 'c1', 4, write(9));
  const finished = () => chain(started().state, (s) => message(s, 'r2', { kind: 'query-reply', op: '1', stored: NOTHING }), (s) => message(s, 'r2', { kind: 'store-ack', op: '1' }));

  it('a copy of the request still running is ignored', () => {
    const s = started().state;
    expect(request(s, 'c1', 4, write(9))).toEqual({ state: s, effects: [] });
  });

  it('a copy of the finished request gets the same answer again, and runs nothing', () => {
    const s = finished().state;
    expect(request(s, 'c1', 4, write(9))).toEqual({ state: s, effects: [{ kind: 'reply', client: 'c1', requestId: 4, response: { kind: 'write-ok' } }] });
  });

  it('an older request of the same client is stale: no answer, nothing run', () => {
    const s = finished().state;
    expect(request(s, 'c1', 3, write(8))).toEqual({ state: s, effects: [] });
  });

  it('a newer request of the same client, or any request of another, runs', () => {
    const s = finished().state;
    expect(sends(request(s, 'c1', 5, read()).effects)).toEqual(['r2 query 2', 'r3 query 2']);
    expect(sends(request(s, 'c2', 1, read()).effects)).toEqual(['r2 query 2', 'r3 query 2']);
  });

  it('broken variant rerunDuplicates: a copy of the running request starts a second operation', () => {
    const s = request(replica('r1', { rerunDuplicates: true }), 'c1', 4, write(9)).state;
    expect(sends(request(s, 'c1', 4, write(9)).effects)).toEqual(['r2 query 2', 'r3 query 2']);
  });

  it('an operation that finishes after its client moved on is answered, but the newer request stays the one remembered', () => {
    // c1 gave up on request 4 and sent 5; request 4's operation then finishes.
    const r = chain(
      replica('r1'),
      (s) => request(s, 'c1', 4, write(9)),
      (s) => request(s, 'c1', 5, read()),
      (s) => message(s, 'r2', { kind: 'query-reply', op: '1', stored: NOTHING }),
      (s) => message(s, 'r2', { kind: 'store-ack', op: '1' }),
    );
    expect(replies(r.effects)).toEqual([{ client: 'c1', requestId: 4, response: { kind: 'write-ok' } }]);
    expect(r.state.handled).toEqual({ c1: { requestId: 5 } });
    // So a copy of request 5, still running, is still ignored.
    expect(request(r.state, 'c1', 5, read()).effects).toEqual([]);
  });
});

describe('what a trace shows', () => {
  it('names each message with its operation, and a value with its version (or "nothing")', () => {
    const v = stored(1001, 1, 'r1.2');
    expect(register.describeMessage!({ kind: 'query', op: '2' })).toBe('query, op 2');
    expect(register.describeMessage!({ kind: 'query-reply', op: '2', stored: v })).toBe('has 1001 (v1 by r1.2), op 2');
    expect(register.describeMessage!({ kind: 'query-reply', op: '1.3', stored: NOTHING })).toBe('has nothing, op 1.3');
    expect(register.describeMessage!({ kind: 'store', op: '2', stored: v })).toBe('store 1001 (v1 by r1.2), op 2');
    expect(register.describeMessage!({ kind: 'store-ack', op: '2' })).toBe('stored, op 2');
  });

  it('names requests and responses as a reader says them', () => {
    expect(register.describeRequest!(read())).toBe('read');
    expect(register.describeRequest!(write(7))).toBe('write 7');
    expect(register.describeResponse!({ kind: 'read-ok', value: 7 })).toBe('read 7');
    expect(register.describeResponse!({ kind: 'read-ok', value: null })).toBe('read nothing');
    expect(register.describeResponse!({ kind: 'write-ok' })).toBe('ok');
  });

  it('shows the disk as the value and version, with the boot count once the node has restarted', () => {
    expect(register.describeDurable!({ stored: stored(7, 2, 'r3.1'), boot: 0 })).toBe('7 (v2 by r3.1)');
    expect(register.describeDurable!({ stored: stored(7, 2, 'r3.1'), boot: 2 })).toBe('7 (v2 by r3.1); boot 2');
    expect(register.describeDurable!({ stored: NOTHING, boot: 1 })).toBe('nothing; boot 1');
  });
});
