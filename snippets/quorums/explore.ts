/**
 * `npm run explore -- quorums`: the ABD register on N replicas with majority quorums, every
 * interleaving of one write and some reads, checked for linearizability whenever an operation returns.
 */
import { checkLinearizability } from '../check/linearizability.ts';
import { counterexampleText } from '../check/counterexample.ts';
import { registerModel } from '../check/models/register.ts';
import { defineSetup, type ExploreDescriptor } from '../explore/descriptor.ts';
import type { ClientSpec } from '../sim/index.ts';
import { thresholds } from './quorum-system.ts';
import { register, type RegisterConfig, type RegisterTypes } from './register.ts';
import { registerHistory, replicaNames } from './run-register.ts';

const variants = {
  'r1-w1': 'R + W ≤ N: reads and writes wait for one replica each, so a read can miss a write',
  'no-write-back': 'reads answer without writing back what they saw (ABD’s second phase)',
  'ack-before-persist': 'a replica acknowledges a store before it writes it to disk',
} as const;

export const explore: ExploreDescriptor = {
  description: 'The ABD register, majority quorums, every replica contacted: c1 writes through the first replica, c2 reads through the last.',
  variants,
  defaults: { nodes: 3, requests: 2, depth: 16 },
  setup({ nodes: n, requests, variant }) {
    const nodes = replicaNames(n);
    const majority = Math.floor(n / 2) + 1;
    const quorum = variant === 'r1-w1' ? 1 : majority;
    const config: RegisterConfig = {
      system: thresholds(nodes, quorum, quorum),
      contact: 'all',
      writeBack: variant !== 'no-write-back',
      incarnation: true,
      ackBeforePersist: variant === 'ack-before-persist',
    };
    // One write, then reads: requests - 1 of them, from the far end of the cluster.
    const writer: ClientSpec<RegisterTypes>['workload'] = ({ index }) =>
      index === 0 ? { to: nodes[0]!, request: { kind: 'write', value: 1, pick: 0 }, op: 'write', args: 1 } : undefined;
    const reader: ClientSpec<RegisterTypes>['workload'] = ({ index }) =>
      index < requests - 1 ? { to: nodes[n - 1]!, request: { kind: 'read', pick: 0 }, op: 'read', args: null } : undefined;
    return defineSetup<RegisterTypes>({
      model: register,
      nodes,
      config,
      clients: [{ id: 'c1', workload: writer }, { id: 'c2', workload: reader }],
      historyCheck: (history) => {
        const result = checkLinearizability(registerModel, registerHistory(history));
        return result.ok ? undefined : `not linearizable:\n${counterexampleText(registerModel, result.counterexample)}`;
      },
    });
  },
};
