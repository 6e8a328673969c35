/**
 * The learner and the object store, one rule at a time (snippets/neon/storage.ts): the pageserver
 * asks the safekeepers in turn for WAL past what it has ingested and takes only what is new; the
 * object store keeps uploads in order, overwriting what an upload covers. The seeded runs reach
 * these only inside whole runs.
 */
import { describe, expect, it } from 'vitest';
import { objectStoreStep, pageserverStep } from '../../../snippets/neon/storage.ts';
import { neonConfig } from '../../../snippets/neon/run-neon.ts';
import type { ObjectStoreState, PageserverState } from '../../../snippets/neon/state.ts';
import type { NeonMessage } from '../../../snippets/neon/types.ts';

const pageserver = (wal: number[] = [], change: Partial<PageserverState> = {}): PageserverState => ({ role: 'pageserver', id: 'ps', config: neonConfig({ readTicks: 3 }), now: 0, asked: 0, wal, ...change });
const store = (wal: number[] = []): ObjectStoreState => ({ role: 'object-store', id: 's3', wal });
const msg = (from: string, message: NeonMessage) => ({ kind: 'message' as const, from, message });

describe('the pageserver', () => {
  it('asks a safekeeper every readTicks ticks, each in turn, from what it has ingested, which is also its remote_consistent_lsn', () => {
    let s = pageserver([7, 8]);
    const asked: unknown[] = [];
    for (let t = 0; t < 9; t++) {
      const step = pageserverStep(s, { kind: 'tick' });
      asked.push(...step.effects);
      s = step.state;
    }
    expect(asked).toEqual(['sk1', 'sk2', 'sk3'].map((to) => ({ kind: 'send', to, message: { kind: 'read-wal', from: 2, remoteConsistentLsn: 2 } })));
    expect(s).toMatchObject({ now: 9, asked: 3 });
  });

  it('takes only the records past what it has, and writes them to disk', () => {
    const step = pageserverStep(pageserver([7, 8]), msg('sk1', { kind: 'wal', from: 1, records: [8, 9, 10] }));
    expect(step.state.wal).toEqual([7, 8, 9, 10]);
    expect(step.effects).toEqual([{ kind: 'persist', durable: { role: 'pageserver', wal: [7, 8, 9, 10] } }]);
  });

  it('ignores WAL that starts past its end (a gap) or brings nothing new', () => {
    const s = pageserver([7, 8]);
    expect(pageserverStep(s, msg('sk1', { kind: 'wal', from: 3, records: [10] }))).toEqual({ state: s, effects: [] });
    expect(pageserverStep(s, msg('sk1', { kind: 'wal', from: 0, records: [7, 8] }))).toEqual({ state: s, effects: [] });
    expect(pageserverStep(s, msg('sk1', { kind: 'wal', from: 2, records: [] }))).toEqual({ state: s, effects: [] });
    expect(pageserverStep(s, msg('sk1', { kind: 'wal', from: 2, records: [9] })).state.wal).toEqual([7, 8, 9]);
  });

  it('a restart changes nothing (what it ingested is on its disk)', () => {
    const s = pageserver([7]);
    expect(pageserverStep(s, { kind: 'restart' })).toEqual({ state: s, effects: [] });
  });
});

describe('object storage', () => {
  it('appends an upload at its end, writes it to disk, and answers how far its copy reaches', () => {
    const step = objectStoreStep(store([1, 2]), msg('sk2', { kind: 'upload', from: 2, records: [3, 4] }));
    expect(step.state.wal).toEqual([1, 2, 3, 4]);
    expect(step.effects).toEqual([{ kind: 'persist', durable: { role: 'object-store', wal: [1, 2, 3, 4] } }, { kind: 'send', to: 'sk2', message: { kind: 'uploaded', upTo: 4 } }]);
  });

  it('an upload of what it holds overwrites just that, and answers where the upload ends', () => {
    const step = objectStoreStep(store([1, 2, 3, 4]), msg('sk1', { kind: 'upload', from: 1, records: [2] }));
    expect(step.state.wal).toEqual([1, 2, 3, 4]);
    expect(step.effects[1]).toEqual({ kind: 'send', to: 'sk1', message: { kind: 'uploaded', upTo: 2 } });
  });

  it('ignores an upload that would leave a hole, ticks and other messages', () => {
    const s = store([1]);
    expect(objectStoreStep(s, msg('sk1', { kind: 'upload', from: 2, records: [3] }))).toEqual({ state: s, effects: [] });
    expect(objectStoreStep(s, { kind: 'tick' })).toEqual({ state: s, effects: [] });
    expect(objectStoreStep(s, msg('sk1', { kind: 'uploaded', upTo: 1 }))).toEqual({ state: s, effects: [] });
  });
});

describe('edges (session 17, the whole run\'s survivors)', () => {
  it('the pageserver ignores any message but WAL', () => {
    const s = pageserver([7]);
    for (const message of [{ kind: 'uploaded', upTo: 1 }, { kind: 'greeting', boot: 0 }] as NeonMessage[]) {
      expect(pageserverStep(s, msg('sk1', message))).toEqual({ state: s, effects: [] });
    }
  });
});
