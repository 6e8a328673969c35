/**
 * BookKeeper and Pulsar in the browser player (snippets/play/): the note's scripted runs, imported
 * from scenarios.ts and run-bookkeeper.ts rather than copied, what each node's card shows (the store's
 * ledgers and topic; each bookie's entries, LAC and fence bit per ledger; what a broker owns or is
 * doing), and the broken variants. tests/snippets/bookkeeper/play.test.ts checks the traces match.
 */
import type { PlayClientCall, PlayDescriptor } from '../play/descriptor.ts';
import { scenarioFromRun } from '../play/from-run.ts';
import { bkInvariants } from './invariants.ts';
import { bookkeeper, showEnsembles, type BkState, type BkTypes } from './model.ts';
import { bkConfig, bkRunOptions, FAULTY } from './run-bookkeeper.ts';
import { ensembleChangeRun, firstEntryTakeoverRun, takeoverRun } from './scenarios.ts';
import type { BkConfig } from './types.ts';
import { bookkeeperVariants } from './variants.ts';

/** What a broker is doing, in a few words. */
function brokerDoing(s: BkState & { role: 'broker' }): string {
  const task = s.task;
  if (task?.kind === 'owner') {
    const pending = Object.keys(task.pending).length;
    return `writes L${task.ledger}: LAC ${task.lac}, next entry ${task.nextEntry}${pending ? `, ${pending} waiting` : ''}${task.change ? ', ensemble change' : ''}`;
  }
  if (task?.kind === 'acquire') {
    const p = task.phase;
    return p.step === 'recover' ? `takes the topic: recovering L${p.recovery.ledger} (${p.recovery.step})` : `takes the topic: ${p.step}`;
  }
  return s.yieldTicks > 0 ? `fenced out (${s.yieldTicks} ticks)` : 'idle';
}

function card(s: BkState): { role: string; fields: Array<{ label: string; value: string }> } {
  switch (s.role) {
    case 'store': {
      const ledgers = Object.values(s.keys).flatMap((k) => (k.value.kind === 'ledger' ? [k.value] : []));
      const topic = s.keys.managed?.value;
      return {
        role: 'metadata store',
        fields: [
          { label: 'topic', value: topic?.kind === 'managed' && topic.ledgers.length > 0 ? topic.ledgers.map((l) => `L${l}`).join(' → ') : 'no ledger yet' },
          { label: 'ledgers', value: ledgers.length === 0 ? 'none' : ledgers.map((m) => `L${m.id} ${m.state}${m.state === 'CLOSED' ? ` at ${m.lastEntry}` : ''} [${showEnsembles(m.ensembles)}]`).join('; ') },
        ],
      };
    }
    case 'bookie': {
      const ledgers = Object.entries(s.ledgers);
      const value = ledgers.length === 0 ? 'none yet' : ledgers.map(([id, l]) => `L${id}: ${Object.keys(l.entries).map((e) => `${e}=${l.entries[Number(e)]}`).join(' ') || 'empty'}, LAC ${l.lac}${l.fenced ? ', fenced' : ''}`).join('; ');
      return { role: 'bookie', fields: [{ label: 'ledgers', value }] };
    }
    case 'broker':
      return { role: 'broker', fields: [{ label: 'doing', value: brokerDoing(s) }, { label: 'queued', value: String(s.queue.length) }] };
  }
}

const withConfig = (change: Partial<BkConfig>) => (base: BkConfig): BkConfig => ({ ...base, ...change });

const TIMEOUT_TICKS = 200;

/** The random-faults run has no script (its faults come from the injector), so it fits the player's scenario type. */
function withoutScript(options: ReturnType<typeof bkRunOptions>) {
  const { scenario: _none, ...rest } = options;
  return rest;
}

/** The reader's calls: publish a value, or read the topic's closed ledgers, through the broker the reader picks. */
const readerCalls: ReadonlyArray<PlayClientCall<BkTypes>> = [
  { id: 'append', label: 'Publish a value', takesValue: true, call: (_client, to, value) => ({ to, request: { kind: 'append', value }, op: 'append', args: value, timeoutTicks: TIMEOUT_TICKS, key: to }) },
  { id: 'read', label: 'Read the topic', takesValue: false, call: (_client, to) => ({ to, request: { kind: 'read' }, op: 'read', args: null, timeoutTicks: TIMEOUT_TICKS, key: to }) },
];

export const bookkeeperPlay: PlayDescriptor<BkTypes> = {
  name: 'bookkeeper',
  title: 'BookKeeper and Pulsar',
  model: bookkeeper,
  scenarios: [
    scenarioFromRun(
      { id: 'takeover', label: 'A broker takes the topic over', description: 'p1 writes ledger L0 for c1. c2 publishes through p2, which recovers L0: it marks it IN_RECOVERY, fences the bookies, reads entry 3 past LAC 2 and writes it back, and closes L0 at entry 3 with a compare-and-set. p1 is fenced out.' },
      () => takeoverRun(),
    ),
    scenarioFromRun(
      { id: 'ensemble-change', label: 'A bookie fails under the writer', description: 'b2 crashes after entry 0. Entry 1 waits for it; after three resends p1 replaces b2 with b4 in a new fragment from entry 1, written to the ledger\'s metadata with compare-and-set.' },
      () => ensembleChangeRun(),
    ),
    scenarioFromRun(
      { id: 'first-entry', label: 'A broker takes over after one entry', description: 'c1 publishes 1 through p1, which stores it as L0:0; no later add carries its confirmation, so the bookies still say LAC -1. c2 publishes through p2 at once: its recovery must read entry 0 past the LAC and keep it before closing L0.' },
      () => firstEntryTakeoverRun(),
    ),
    scenarioFromRun(
      { id: 'faulty', label: 'Random faults', description: 'The demo: three clients publish and read through p1 and p2, which take the topic from each other, on a network that loses, duplicates and reorders messages while nodes crash; add your own faults.' },
      () => withoutScript(bkRunOptions({ seed: 1, clients: 3, safetyTicks: 150, ...FAULTY })),
    ),
  ],
  variants: [
    { id: 'recovery-without-fencing', label: 'Recovery does not fence the bookies', config: withConfig(bookkeeperVariants['recovery-without-fencing'].config), failing: { scenario: 'takeover', seed: 1 } },
    // Found by the explorer only (npm run explore -- bookkeeper --variant unfenced-recovery-reads prints a player URL that replays it).
    { id: 'unfenced-recovery-reads', label: 'Recovery\'s reads past the LAC do not fence', config: withConfig(bookkeeperVariants['unfenced-recovery-reads'].config) },
    { id: 'close-at-lac', label: 'Recovery closes at the LAC without reading past it', config: withConfig(bookkeeperVariants['close-at-lac'].config), failing: { scenario: 'first-entry', seed: 1 } },
  ],
  // Every scenario here runs E = 3, Qw = Qa = 2, the quorums the invariants need to know.
  invariants: () => bkInvariants(bkConfig()),
  nodeView: card,
  maxTicks: 500,
  clientCalls: readerCalls,
};
