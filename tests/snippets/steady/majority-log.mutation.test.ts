/**
 * The majority log the cost table measures (snippets/steady/majority-log.ts), stepped by hand: the
 * leader appends and sends each follower what it lacks, acknowledges once f + 1 of the 2f + 1
 * replicas hold an entry, a follower takes entries in order and says how much it holds, and the slow
 * follower's answers leave late. Written for mutation testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { majorityLog, type MajorityConfig, type MajorityState } from '../../../snippets/steady/majority-log.ts';

const config: MajorityConfig = { leader: 'm1', followers: ['m2', 'm3'] };
const node = (id: string, o: Partial<MajorityState> = {}, cfg = config): MajorityState => ({ ...majorityLog.init(id, [], cfg), ...o });
const request = (value: number, requestId = 1) => ({ kind: 'request', client: 'c1', requestId, request: { kind: 'append', value } }) as never;
const message = (from: string, m: unknown) => ({ kind: 'message', from, message: m }) as never;
const tick = { kind: 'tick' } as never;

describe('the majority log (session 17)', () => {
  it('starts empty with the leader at 0; recovers its log from disk', () => {
    expect(majorityLog.init('m2', [], config)).toEqual({ id: 'm2', config, log: [], matched: { m1: 0 }, waiting: [], late: [] });
    expect(majorityLog.recover!('m2', [], config, [1, 2])).toMatchObject({ log: [1, 2], matched: { m1: 0 }, waiting: [], late: [] });
    expect(majorityLog.recover!('m2', [], config, undefined).log).toEqual([]);
    const s = node('m2', { log: [4] });
    expect(majorityLog.step(s, { kind: 'restart' } as never)).toEqual({ state: s, effects: [] });
  });

  it('the leader appends, on disk first, then sends each follower what it lacks; a follower ignores requests', () => {
    const r = majorityLog.step(node('m1', { log: [5], matched: { m1: 1, m2: 1 } }), request(6, 2));
    expect(r.state).toMatchObject({ log: [5, 6], matched: { m1: 2, m2: 1 }, waiting: [{ pos: 1, client: 'c1', requestId: 2 }] });
    expect(r.effects).toEqual([
      { kind: 'persist', durable: [5, 6] },
      { kind: 'send', to: 'm2', message: { kind: 'append', from: 1, entries: [6] } },
      { kind: 'send', to: 'm3', message: { kind: 'append', from: 0, entries: [5, 6] } },
    ]);
    const f = node('m2');
    expect(majorityLog.step(f, request(6))).toEqual({ state: f, effects: [] });
  });

  it('acknowledges what f + 1 replicas hold (itself and the fastest follower), in order, and keeps the rest waiting', () => {
    const waiting = [{ pos: 0, client: 'c1', requestId: 1 }, { pos: 1, client: 'c2', requestId: 1 }];
    // m3 is inserted before m2, so the matched values are not already in order.
    const s = node('m1', { log: [5, 6], matched: { m1: 2, m3: 0 }, waiting });
    const r = majorityLog.step(s, message('m2', { kind: 'ack', length: 1 }));
    expect(r.effects).toEqual([{ kind: 'reply', client: 'c1', requestId: 1, response: { kind: 'appended', pos: 0 } }]);
    expect(r.state.waiting).toEqual([waiting[1]]);
    expect(r.state.matched).toEqual({ m1: 2, m3: 0, m2: 1 });
    expect(majorityLog.step(node('m1', { log: [5], matched: { m1: 1 }, waiting: [waiting[0]!] }), message('m2', { kind: 'ack', length: 0 })).effects).toEqual([]);
  });

  it('a follower takes entries that continue its log, on disk, and says how long it is', () => {
    const r = majorityLog.step(node('m2', { log: [5] }), message('m1', { kind: 'append', from: 0, entries: [5, 6] }));
    expect(r.state.log).toEqual([5, 6]);
    expect(r.effects).toEqual([{ kind: 'persist', durable: [5, 6] }, { kind: 'send', to: 'm1', message: { kind: 'ack', length: 2 } }]);
  });

  it('a gap or nothing new: only its length, nothing written', () => {
    const gap = node('m2', { log: [5] });
    expect(majorityLog.step(gap, message('m1', { kind: 'append', from: 2, entries: [7] }))).toEqual({ state: gap, effects: [{ kind: 'send', to: 'm1', message: { kind: 'ack', length: 1 } }] });
    expect(majorityLog.step(gap, message('m1', { kind: 'append', from: 0, entries: [5] }))).toEqual({ state: gap, effects: [{ kind: 'send', to: 'm1', message: { kind: 'ack', length: 1 } }] });
  });

  it('the slow follower\'s answers leave its ticks late; a prompt one\'s at once; a tick with nothing held does nothing', () => {
    const slow: MajorityConfig = { ...config, slow: { node: 'm2', ticks: 2 } };
    const r = majorityLog.step(node('m2', {}, slow), message('m1', { kind: 'append', from: 0, entries: [5] }));
    expect(r.effects).toEqual([{ kind: 'persist', durable: [5] }]);
    expect(r.state.late).toEqual([{ to: 'm1', message: { kind: 'ack', length: 1 }, dueIn: 2 }]);
    const t1 = majorityLog.step(r.state, tick);
    expect(t1.effects).toEqual([]);
    const t2 = majorityLog.step(t1.state, tick);
    expect(t2.effects).toEqual([{ kind: 'send', to: 'm1', message: { kind: 'ack', length: 1 } }]);
    expect(t2.state.late).toEqual([]);
    const prompt = majorityLog.step(node('m3', {}, slow), message('m1', { kind: 'append', from: 0, entries: [5] }));
    expect(prompt.effects.at(-1)).toEqual({ kind: 'send', to: 'm1', message: { kind: 'ack', length: 1 } });
  });

  it('labels its messages and answers', () => {
    expect(majorityLog.describeMessage!({ kind: 'append', from: 1, entries: [5, 6] })).toBe('append 1: [5,6]');
    expect(majorityLog.describeMessage!({ kind: 'ack', length: 2 })).toBe('have 2');
    expect(majorityLog.describeResponse!({ kind: 'appended', pos: 3 })).toBe('at 3');
  });
});
