/**
 * The client table in front of the service (VRR §4, §4.1, service.ts): what a prepared entry records,
 * one rule a test. Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { recordPrepared } from '../../../snippets/vr/service.ts';
import { replica } from '../../../snippets/vr/replica.ts';
import { DEFAULT_CONFIG, type Entry, type ReplicaState } from '../../../snippets/vr/types.ts';

const entry = (requestNumber: number, requestId: number): Entry => ({ client: 'c1', requestNumber, op: { f: 'put', key: 'x', value: requestNumber }, requestId });
const withRecord = (record: ReplicaState['clientTable'][string]): ReplicaState => ({ ...replica.init('r2', ['r1', 'r3'], DEFAULT_CONFIG), clientTable: { c1: record } });

describe('a prepared entry in the client table (VRR §4.1 steps 3 and 4)', () => {
  it('a later request of the client replaces its record, as in progress (no result yet)', () => {
    expect(recordPrepared(withRecord({ requestNumber: 1, result: null, requestId: 7 }), entry(2, 9)).clientTable['c1']).toEqual({ requestNumber: 2, requestId: 9 });
  });

  it('the same request again keeps the record and its result, so a retry is still answered from the table', () => {
    const state = withRecord({ requestNumber: 2, result: 5, requestId: 7 });
    expect(recordPrepared(state, entry(2, 9))).toBe(state);
  });

  it('an older request leaves the newer record alone', () => {
    const state = withRecord({ requestNumber: 3, requestId: 7 });
    expect(recordPrepared(state, entry(2, 9))).toBe(state);
  });
});
