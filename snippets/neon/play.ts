/**
 * Neon in the browser player (snippets/play/): the note's scripted runs, imported from scenarios.ts
 * and run-neon.ts rather than copied, what each node's card shows (a compute's role, term and
 * commit_lsn; a safekeeper's term, term history, WAL and LSNs; what the pageserver and object
 * storage hold), and the broken variants. tests/snippets/neon/play.test.ts checks the traces match.
 */
import type { RunOptions } from '../sim/index.ts';
import type { PlayClientCall, PlayDescriptor } from '../play/descriptor.ts';
import { scenarioFromRun } from '../play/from-run.ts';
import { neonInvariants } from './invariants.ts';
import { neon } from './model.ts';
import { FAULTY, neonRunOptions } from './run-neon.ts';
import { lowerTermRun, normalCaseRun, oneFlushRun, proposerChangeRun } from './scenarios.ts';
import { flushLsn, type NeonState, type NeonTypes } from './state.ts';
import { showHistory } from './term-history.ts';
import type { NeonConfig } from './types.ts';
import { neonVariants, type NeonVariantName } from './variants.ts';

const list = (xs: readonly number[]) => (xs.length === 0 ? 'empty' : xs.join(' '));

function card(s: NeonState): { role: string; fields: Array<{ label: string; value: string }> } {
  switch (s.role) {
    case 'compute': {
      const m = s.mode;
      const waiting = { label: 'commits held', value: String(s.held.length) };
      if (m.kind === 'leader') {
        return {
          role: `proposer, term ${m.term}`,
          fields: [
            { label: 'WAL', value: `${m.walBase > 0 ? `(from ${m.walBase}) ` : ''}${list(m.wal)}` },
            { label: 'commit_lsn', value: String(m.commitLsn) },
            { label: 'term history', value: showHistory(m.termHistory) },
            waiting,
          ],
        };
      }
      const doing = m.kind === 'idle' ? 'not leading' : m.kind === 'greeting' ? 'greeting the safekeepers' : `asking for votes in term ${m.term} (${m.votes.length} so far)`;
      return { role: m.kind === 'idle' ? 'compute' : 'candidate', fields: [{ label: 'doing', value: doing }, waiting] };
    }
    case 'safekeeper':
      return {
        role: `safekeeper, term ${s.term}`,
        fields: [
          { label: 'WAL', value: `${s.walBase > 0 ? `(from ${s.walBase}) ` : ''}${list(s.wal)}` },
          { label: 'term history', value: showHistory(s.termHistory) },
          { label: 'flush / commit', value: `${flushLsn(s)} / ${s.commitLsn}` },
          { label: 'backup_lsn', value: String(s.backupLsn) },
        ],
      };
    case 'pageserver':
      return { role: 'pageserver', fields: [{ label: 'ingested', value: list(s.wal) }] };
    case 'object-store':
      return { role: 'object storage', fields: [{ label: 'WAL', value: list(s.wal) }] };
  }
}

/** The demo's run has no script of its own (its faults are random), so the player's scenario takes none. */
function withoutScript(options: RunOptions<NeonTypes>): Omit<RunOptions<NeonTypes>, 'scenario'> {
  const { scenario: _, ...rest } = options;
  return rest;
}

const withConfig = (change: Partial<NeonConfig>) => (base: NeonConfig): NeonConfig => ({ ...base, ...change });

/** A broken variant from the one table (variants.ts), with the player's short label and the scripted run that shows it failing. */
const variant = (id: NeonVariantName, label: string, scenario: string) => ({ id, label, config: withConfig(neonVariants[id].config), failing: { scenario, seed: 1 } });

const TIMEOUT_TICKS = 60;

/** The reader's call: commit a value at the compute the reader picks. */
const readerCalls: ReadonlyArray<PlayClientCall<NeonTypes>> = [
  { id: 'commit', label: 'Commit a value', takesValue: true, call: (_client, to, value) => ({ to, request: { kind: 'commit', value }, op: 'commit', args: value, timeoutTicks: TIMEOUT_TICKS }) },
];

export const neonPlay: PlayDescriptor<NeonTypes> = {
  name: 'neon',
  title: 'Neon\'s WAL service',
  model: neon,
  scenarios: [
    scenarioFromRun(
      { id: 'normal-case', label: 'One commit', description: 'pg1 commits 1 at cA, which leads term 1; the safekeepers flush it, commit_lsn passes it, pg1 is told; the pageserver reads it and a safekeeper uploads it.' },
      () => normalCaseRun(),
    ),
    scenarioFromRun(
      { id: 'proposer-change', label: 'The compute fails, another takes over', description: 'Commit 1 is on sk2 and sk3 only when cA crashes. cB campaigns for term 2, takes the most advanced log among its voters (sk2\'s), and commit 1 survives.' },
      () => proposerChangeRun(true),
    ),
    scenarioFromRun(
      { id: 'one-flush', label: 'Only one safekeeper reachable', description: 'cA can reach only sk1. Commit 1 is flushed there, but a majority never has it, so pg1 is never told it committed.' },
      () => oneFlushRun(true),
    ),
    scenarioFromRun(
      { id: 'lower-term', label: 'Two computes at once', description: 'cB campaigns for term 2 while cA still streams in term 1. The safekeepers refuse cA\'s WAL after voting, cA learns of term 2 and stops, cB commits.' },
      () => lowerTermRun(true),
    ),
    scenarioFromRun(
      { id: 'faulty', label: 'Random faults', description: 'The demo: two clients committing through two computes on a network that loses, duplicates and reorders messages while nodes crash and partitions come and go; add your own faults.' },
      () => withoutScript(neonRunOptions({ seed: 1, safetyTicks: 150, ...FAULTY })),
    ),
  ],
  variants: [
    variant('skip-sync-from-majority', 'A new proposer takes the first voter\'s log', 'proposer-change'),
    variant('ack-on-one-flush', 'commit_lsn from one safekeeper\'s flush', 'one-flush'),
    variant('accept-lower-term', 'Safekeepers accept WAL from a lower term', 'lower-term'),
  ],
  invariants: neonInvariants,
  nodeView: card,
  maxTicks: 400,
  clientCalls: readerCalls,
};
