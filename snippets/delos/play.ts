/**
 * Delos in the browser player (snippets/play/): the note's scripted runs, imported from scenarios.ts
 * and run-delos.ts rather than copied, what each node's card shows (the MetaStore's chain; each
 * Loglet's tail and seal bit on the nodes that store it; what a VirtualLog node believes and does),
 * and the two broken variants. tests/snippets/play/delos-play.test.ts checks the traces match.
 */
import type { PlayClientCall, PlayDescriptor } from '../play/descriptor.ts';
import { scenarioFromRun } from '../play/from-run.ts';
import { readerCall } from '../play/reader-call.ts';
import { delosInvariants } from './invariants.ts';
import { delos, type DelosState, type DelosTypes } from './model.ts';
import { serverTail } from './quorum-loglet.ts';
import { delosRunOptions, FAULTY } from './run-delos.ts';
import { halfSealedRun, racingReconfigurationsRun, staleAppenderRun } from './scenarios.ts';
import type { Chain, DelosConfig } from './types.ts';
import { delosVariants } from './variants.ts';

const chain = (version: number, c: Chain) => `v${version}: ${c.map((s) => `L${s.loglet} ${s.kind} from ${s.start}`).join(', ')}`;
/** Each Loglet the node serves: its tail (for the sequencer, the positions committed) and its seal bit. */
const loglets = (list: ReadonlyArray<[string, { tail: number; sealed: boolean }]>, tail = 'tail') =>
  list.length === 0 ? 'none yet' : list.map(([id, l]) => `L${id}: ${tail} ${l.tail}${l.sealed ? ', sealed' : ''}`).join('; ');

function card(s: DelosState): { role: string; fields: Array<{ label: string; value: string }> } {
  switch (s.role) {
    case 'metastore':
      return { role: 'MetaStore', fields: [{ label: 'chain', value: chain(s.register.version, s.register.chain) }] };
    case 'simple':
      return { role: 'simple Loglet', fields: [{ label: 'Loglets', value: loglets(Object.entries(s.loglets).map(([id, l]) => [id, { tail: l.entries.length, sealed: l.sealed }])) }] };
    case 'server':
      return { role: 'LogServer', fields: [{ label: 'Loglets', value: loglets(Object.entries(s.loglets).map(([id, l]) => [id, { tail: serverTail(l), sealed: l.sealed }])) }] };
    case 'sequencer':
      return { role: 'sequencer', fields: [{ label: 'Loglets', value: loglets(Object.entries(s.loglets).map(([id, l]) => [id, { tail: l.committed, sealed: l.sealed }]), 'committed') }] };
    case 'vlog': {
      const op = s.op;
      const doing = op === undefined ? 'nothing' : `${op.request.kind === 'append' ? `append ${op.request.value}` : op.request.kind === 'read' ? 'read' : `reconfigure to ${op.request.to}`} for ${op.client}: ${op.phase.kind}${op.retries ? `, ${op.retries} ${op.retries === 1 ? 'retry' : 'retries'}` : ''}`;
      return {
        role: 'VirtualLog',
        fields: [
          { label: 'chain', value: s.register ? chain(s.register.version, s.register.chain) : 'not read yet' },
          { label: 'doing', value: doing },
          { label: 'queued', value: String(s.queue.length) },
        ],
      };
    }
  }
}

const withConfig = (change: Partial<DelosConfig>) => (base: DelosConfig): DelosConfig => ({ ...base, ...change });

/** As run-delos.ts's workload gives up: long enough to wait out a reconfiguration. */
const TIMEOUT_TICKS = 150;

/** The reader's calls: an append of the value the reader gives, or a read of the whole log, through the VirtualLog node the reader picks. */
const readerCalls: ReadonlyArray<PlayClientCall<DelosTypes>> = [
  readerCall('append', 'Append a value', { takesValue: true, timeoutTicks: TIMEOUT_TICKS }, (value) => ({ request: { kind: 'append', value }, op: 'append', args: value })),
  readerCall('read', 'Read the log', { takesValue: false, timeoutTicks: TIMEOUT_TICKS }, () => ({ request: { kind: 'read' }, op: 'read', args: null })),
];

export const delosPlay: PlayDescriptor<DelosTypes> = {
  name: 'delos',
  title: 'Delos',
  model: delos,
  scenarios: [
    scenarioFromRun(
      { id: 'stale-appender', label: 'A stale appender meets the seal', description: 'The operator moves the log from simple Loglet L0 to quorum Loglet L1 through v2. c3 then appends 3 through v1, which still believes in L0: the sealed L0 refuses, and v1 reads the new chain and appends on L1 (§3.2).' },
      () => staleAppenderRun(true),
    ),
    scenarioFromRun(
      { id: 'racing-reconfigurations', label: 'Two reconfigurations race', description: "Two operators reconfigure chain v1 through v1 and v2 at the same tick. Both seal L0; the MetaStore's conditional write lets one win, and the other adopts its chain (§3.2)." },
      () => racingReconfigurationsRun(),
    ),
    scenarioFromRun(
      { id: 'half-sealed', label: 'A seal that reaches one LogServer', description: "The log moves on from quorum Loglet L1 while v2's seals to l2 and l3 are cut and l1 crashes. The seal waits for a majority, and checkTail counts only sealed tails, so c2's append of 20 is refused or lands inside L1's segment (§4.2.1)." },
      () => halfSealedRun({}),
    ),
    scenarioFromRun(
      { id: 'faulty', label: 'Random faults', description: 'The demo: two clients append and read through v1 and v2 while an operator reconfigures between simple and quorum Loglets, on a network that loses, duplicates and reorders messages while nodes crash; add your own faults.' },
      () => delosRunOptions({ seed: 1, safetyTicks: 100, ...FAULTY }),
    ),
  ],
  variants: [
    { id: 'no-seal', label: 'Reconfiguration skips the seal (no “seal before writing the new chain”, §3.2)', config: withConfig(delosVariants['no-seal'].config), failing: { scenario: 'stale-appender', seed: 1 } },
    {
      id: 'weak-seal',
      label: 'The seal moves on after one LogServer and checkTail counts unsealed tails (§4.2.1)',
      config: withConfig(delosVariants['weak-seal'].config),
      failing: { scenario: 'half-sealed', seed: 1 },
    },
  ],
  invariants: delosInvariants,
  nodeView: card,
  maxTicks: 400,
  // No checkHistory: run-delos.ts checks linearizability only after a run (checkDelos), settling open
  // appends with the final log; on a history cut mid-run the checker would try every order of them.
  clientCalls: readerCalls,
};
