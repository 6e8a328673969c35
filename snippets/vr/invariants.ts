/**
 * What VR promises, checked after every step of a run (VRR §8): no two different operations committed
 * at one op-number, committed operations survive every later view change, and a client request
 * executes at most once. The checks remember what they have seen, so a replica that crashes and forgets
 * cannot erase the evidence: make a fresh set for each run.
 */
import type { Invariant } from '../sim/index.ts';
import { requestKey } from './service.ts';
import { primaryOf, type VrTypes } from './types.ts';

export function vrInvariants(): Record<string, Invariant<VrTypes>> {
  /** op-number → the request committed there, and the first view in which a replica saw it committed. */
  const committed = new Map<number, { key: string; view: number; at: string }>();
  return {
    // #region same-op-number
    'no two different operations are committed at the same op-number (VRR §8.1)': ({ nodes }) => {
      for (const node of nodes) {
        if (!node.up) continue;
        const s = node.state;
        for (let n = 1; n <= s.commitNumber; n++) {
          const key = requestKey(s.log[n - 1]!);
          const seen = committed.get(n);
          if (seen === undefined) committed.set(n, { key, view: s.view, at: s.id });
          else if (seen.key !== key) return `op-number ${n}: ${seen.at} committed ${seen.key} (view ${seen.view}), ${s.id} committed ${key} (view ${s.view})`;
          else if (s.view < seen.view) committed.set(n, { ...seen, view: s.view });
        }
      }
      return undefined;
    },
    // #endregion
    // #region survive
    'committed operations survive every later view change (VRR §4.2)': ({ nodes }) => {
      for (const node of nodes) {
        if (!node.up || node.state.status !== 'normal' || primaryOf(node.state.replicas, node.state.view) !== node.id) continue;
        const s = node.state;
        for (const [n, seen] of committed) {
          if (seen.view > s.view) continue;
          const entry = s.log[n - 1];
          if (entry === undefined || requestKey(entry) !== seen.key) {
            return `${s.id}, primary of view ${s.view}, has ${entry ? requestKey(entry) : 'nothing'} at op-number ${n}, where ${seen.key} was committed (seen in view ${seen.view} at ${seen.at})`;
          }
        }
      }
      return undefined;
    },
    // #endregion
    // #region at-most-once
    'a client request is in the log, and so executes, at most once (VRR §4.1)': ({ nodes }) => {
      for (const node of nodes) {
        if (!node.up) continue;
        const keys = node.state.log.map(requestKey);
        const twice = keys.find((k, i) => keys.indexOf(k) !== i);
        if (twice !== undefined) return `${node.id} holds ${twice} twice`;
      }
      return undefined;
    },
    // #endregion
  };
}
