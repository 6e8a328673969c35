/**
 * VR's invariants (VRR §8, invariants.ts), each fed hand-built cluster views that break it in exactly
 * one way, and one at the edge that keeps it; the tests assert what the violation names. Everything is
 * computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import type { ClusterView } from '../../../snippets/sim/index.ts';
import { vrInvariants } from '../../../snippets/vr/invariants.ts';
import { replica } from '../../../snippets/vr/replica.ts';
import { DEFAULT_CONFIG, type Entry, type ReplicaState, type VrTypes } from '../../../snippets/vr/types.ts';

const at = (id: string, change: Partial<ReplicaState> = {}): ReplicaState => ({ ...replica.init(id, ['r1', 'r2', 'r3'].filter((r) => r !== id), DEFAULT_CONFIG), ...change });
const entry = (client: string, requestNumber = 1): Entry => ({ client, requestNumber, op: { f: 'put', key: 'x', value: requestNumber }, requestId: requestNumber });
const view = (...states: ReplicaState[]): ClusterView<VrTypes> =>
  ({ tick: 0, nodes: states.map((state) => ({ id: state.id, up: true, state, durable: undefined })), history: [], settledTick: undefined }) as unknown as ClusterView<VrTypes>;
const down = (id: string): ClusterView<VrTypes> =>
  ({ tick: 0, nodes: [{ id, up: false, state: undefined, durable: undefined }], history: [], settledTick: undefined }) as unknown as ClusterView<VrTypes>;

const SAME = 'no two different operations are committed at the same op-number (VRR §8.1)';
const SURVIVE = 'committed operations survive every later view change (VRR §4.2)';
const ONCE = 'a client request is in the log, and so executes, at most once (VRR §4.1)';

describe('committed operations survive every later view change (VRR §4.2)', () => {
  it('a primary of the view an operation was seen committed in, without it at that op-number, breaks it', () => {
    const checks = vrInvariants();
    // r3 saw c1#1 committed at op-number 1 in view 1; r2, primary of view 1, holds nothing there.
    expect(checks[SAME]!(view(at('r3', { view: 1, log: [entry('c1')], commitNumber: 1 })))).toBeUndefined();
    expect(checks[SURVIVE]!(view(at('r2', { view: 1 })))).toBe('r2, primary of view 1, has nothing at op-number 1, where c1#1 was committed (seen in view 1 at r3)');
  });

  it('a primary holding another request there breaks it, and the violation names that request', () => {
    const checks = vrInvariants();
    checks[SAME]!(view(at('r2', { log: [entry('c1')], commitNumber: 1 })));
    expect(checks[SURVIVE]!(view(at('r1', { log: [entry('c9')] })))).toBe('r1, primary of view 0, has c9#1 at op-number 1, where c1#1 was committed (seen in view 0 at r2)');
  });

  it('holds for a primary with the committed request in place, even if it has not committed it itself', () => {
    const checks = vrInvariants();
    checks[SAME]!(view(at('r2', { log: [entry('c1')], commitNumber: 1 })));
    expect(checks[SURVIVE]!(view(at('r1', { log: [entry('c1'), entry('c2')] })))).toBeUndefined();
  });

  it('a primary of an earlier view than the one the commit was seen in is not held to it', () => {
    const checks = vrInvariants();
    checks[SAME]!(view(at('r3', { view: 2, log: [entry('c1')], commitNumber: 1 })));
    expect(checks[SURVIVE]!(view(at('r2', { view: 1 })))).toBeUndefined();
  });

  it('the earliest view a commit was seen in counts: a later sighting from an earlier view lowers it', () => {
    const checks = vrInvariants();
    checks[SAME]!(view(at('r3', { view: 2, log: [entry('c1')], commitNumber: 1 })));
    checks[SAME]!(view(at('r1', { view: 1, log: [entry('c1')], commitNumber: 1 })));
    expect(checks[SURVIVE]!(view(at('r2', { view: 1 })))).toBe('r2, primary of view 1, has nothing at op-number 1, where c1#1 was committed (seen in view 1 at r3)');
  });
});

describe('a client request is in the log, and so executes, at most once (VRR §4.1)', () => {
  it('a replica holding one request twice breaks it, and the violation names the replica and the request', () => {
    const checks = vrInvariants();
    expect(checks[ONCE]!(view(at('r1'), at('r2', { log: [entry('c1'), entry('c2'), entry('c1')] })))).toBe('r2 holds c1#1 twice');
  });

  it('holds for two requests of one client, and for one request on several replicas', () => {
    const checks = vrInvariants();
    const log = [entry('c1', 1), entry('c1', 2)];
    expect(checks[ONCE]!(view(at('r1', { log }), at('r2', { log })))).toBeUndefined();
  });

  it('a replica that is down is not read', () => {
    const checks = vrInvariants();
    for (const name of [SAME, SURVIVE, ONCE]) expect(checks[name]!(down('r1'))).toBeUndefined();
  });
});
