/**
 * `npm run explore -- quorums`: the ABD register on N replicas with majority quorums, every
 * interleaving of one write and some reads, checked for linearizability whenever an operation returns.
 */
import { checkLinearizability } from '../check/linearizability.ts';
import { counterexampleText } from '../check/counterexample.ts';
import { registerModel } from '../check/models/register.ts';
import { defineSetup, type Defaults, type ExploreDescriptor } from '../explore/descriptor.ts';
import type { ClientSpec, Invariant } from '../sim/index.ts';
import { thresholds } from './quorum-system.ts';
import { register, type RegisterConfig, type RegisterTypes } from './register.ts';
import { registerHistory, registerInvariants, replicaNames } from './run-register.ts';
import { isQuorumsVariant, quorumsVariants } from './variants.ts';
import { variantDescriptions } from '../demo.ts';

// The same names and rules as `npm run snippet -- quorums --variant` and the player (variants.ts).
const variants = variantDescriptions(quorumsVariants);

/** Each variant's shape: the smallest bounds that reach its bug (and the model's depth where they do not say). */
const variantDefaults: Readonly<Record<string, Defaults>> = {
  'r1-w1': { depth: 8, crashes: 0 },
  'no-write-back': { requests: 3, depth: 14, crashes: 0 },
  // Two writes through r1, with a crash of r1 between them: c1's write, then c2's after the restart.
  'writer-ids-restart': { requests: 2, depth: 14, crashes: 1 },
  'reruns-duplicates': { requests: 1, depth: 12, crashes: 0, duplicates: 1 },
  'ack-before-persist': { depth: 13, crashes: 1 },
};

/**
 * Every client write carries a value of its own, so two disks holding one value under two versions
 * means one write was stored twice (a write-back copies the version it read, never makes a new one).
 */
const oneVersionPerValue: Invariant<RegisterTypes> = ({ nodes }) => {
  const versions = new Map<number, { version: string; id: string }>();
  for (const node of nodes) {
    const stored = node.durable?.stored;
    if (!stored || stored.value === null) continue;
    const version = `(${stored.version.counter}, ${stored.version.writer})`;
    const other = versions.get(stored.value);
    if (other && other.version !== version) return `${stored.value} is stored under ${other.version} on ${other.id} and under ${version} on ${node.id}`;
    versions.set(stored.value, { version, id: node.id });
  }
  return undefined;
};

export const explore: ExploreDescriptor = {
  description: 'The ABD register, majority quorums, every replica contacted: c1 writes through the first replica, c2 reads through the last.',
  variants,
  defaults: { nodes: 3, requests: 2, depth: 16, losses: 0 },
  variantDefaults,
  setup({ nodes: n, requests, variant, shape = variant }) {
    const nodes = replicaNames(n);
    const majority = Math.floor(n / 2) + 1;
    const correct: RegisterConfig = {
      system: thresholds(nodes, majority, majority),
      // One quorum per operation where ids are reused: with every replica asked, the restarted writer's
      // query would see its old write and pick a later version (protected only by accident, issue 29).
      contact: shape === 'writer-ids-restart' ? 'quorum' : 'all',
      writeBack: true,
      incarnation: true,
    };
    const config = isQuorumsVariant(variant) ? quorumsVariants[variant].config(correct) : correct;
    // One write, then reads: requests - 1 of them, from the far end of the cluster.
    const writer: ClientSpec<RegisterTypes>['workload'] = ({ index }) =>
      index === 0 ? { to: nodes[0]!, request: { kind: 'write', value: 1, pick: 0 }, op: 'write', args: 1 } : undefined;
    const reader: ClientSpec<RegisterTypes>['workload'] = ({ index }) =>
      index < requests - 1 ? { to: nodes[n - 1]!, request: { kind: 'read', pick: 0 }, op: 'read', args: null } : undefined;
    // The reused ids need a second write through the same coordinator, after its restart. Picks 0 and 5
    // draw the write quorums {r2, r3} and {r1, r3}: the restarted r1 does not ask r2, which holds the first.
    const secondWriter: ClientSpec<RegisterTypes>['workload'] = ({ index }) =>
      index === 0 ? { to: nodes[0]!, request: { kind: 'write', value: 2, pick: 5 }, op: 'write', args: 2 } : undefined;
    const second = shape === 'writer-ids-restart' ? secondWriter : reader;
    return defineSetup<RegisterTypes>({
      model: register,
      nodes,
      config,
      clients: [{ id: 'c1', workload: writer }, { id: 'c2', workload: second }],
      invariants: () => ({ ...registerInvariants(), 'a value is stored under one version': oneVersionPerValue }),
      historyCheck: (history) => {
        const result = checkLinearizability(registerModel, registerHistory(history));
        return result.ok ? undefined : `not linearizable:\n${counterexampleText(registerModel, result.counterexample)}`;
      },
    });
  },
};
