/**
 * The write-all log in the browser player (snippets/play/): the note's scripted runs, imported from
 * scenarios.ts and run-steady.ts rather than copied, what each node's card shows (the store's
 * configuration; a replica's epoch, seal and log; a controller's reconfiguration in flight), and the
 * two broken variants. tests/snippets/steady/play.test.ts checks the traces match.
 */
import type { PlayClientCall, PlayDescriptor } from '../play/descriptor.ts';
import { scenarioFromRun } from '../play/from-run.ts';
import { steadyInvariants } from './invariants.ts';
import { showConfiguration, steady, type SteadyState, type SteadyTypes } from './model.ts';
import { FAULTY, steadyRunOptions } from './run-steady.ts';
import { ackEarlyRun, racingRun, replaceBackupRun, stalePrimaryRun, steadyStateRun } from './scenarios.ts';
import type { SteadyConfig } from './types.ts';
import { steadyVariants } from './variants.ts';

function card(s: SteadyState): { role: string; fields: Array<{ label: string; value: string }> } {
  switch (s.role) {
    case 'store':
      return { role: 'configuration store', fields: [{ label: 'current', value: showConfiguration(s.current) }] };
    case 'controller': {
      const op = s.op;
      const doing = op === undefined ? 'nothing' : `reconfigure${op.remove ? ` without ${op.remove}` : ''} for ${op.client}: ${op.phase.kind}`;
      return { role: 'controller', fields: [{ label: 'doing', value: doing }] };
    }
    case 'replica': {
      const c = s.configuration;
      const role = s.epoch === 0 ? 'spare' : s.lead ? `primary of e${s.epoch}` : c?.primary === s.id && !s.active && !s.sealed ? `primary of e${s.epoch}, not yet active` : `replica of e${s.epoch}`;
      return {
        role,
        fields: [
          { label: 'epoch', value: s.epoch === 0 ? 'none' : `e${s.epoch}${s.sealed ? ', sealed' : ''}` },
          { label: 'log', value: `[${s.log.join(',')}]` },
          ...(s.lead ? [{ label: 'acknowledged below', value: String(s.lead.committed) }] : []),
        ],
      };
    }
  }
}

const withConfig = (change: Partial<SteadyConfig>) => (base: SteadyConfig): SteadyConfig => ({ ...base, ...change });

/** The reader's calls: an append of the value the reader gives, to the replica the reader picks. */
const readerCalls: ReadonlyArray<PlayClientCall<SteadyTypes>> = [
  { id: 'append', label: 'Append a value', takesValue: true, call: (_client, to, value) => ({ to, request: { kind: 'append', value }, op: 'append', args: value, timeoutTicks: 40 }) },
];

function randomFaults() {
  const { scenario: _none, ...options } = steadyRunOptions({ seed: 1, safetyTicks: 120, ...FAULTY });
  return options;
}

export const steadyPlay: PlayDescriptor<SteadyTypes> = {
  name: 'steady',
  title: 'steady state and reconfiguration',
  model: steady,
  scenarios: [
    scenarioFromRun({ id: 'steady-state', label: 'The steady state', description: 'Two appends to the primary r1 of epoch 1 = [r1 r2]: each is acknowledged once both replicas hold it, one round trip to the backup.' }, () => steadyStateRun()),
    scenarioFromRun({ id: 'reconfigure', label: 'A backup fails', description: 'r2 crashes with an append waiting at r1. The operator asks k1 to reconfigure without r2: seal epoch 1, take r1\'s log as the tail, prepare r1 and the spare r3, install epoch 2 with compare-and-set, activate r1.' }, () => replaceBackupRun()),
    scenarioFromRun({ id: 'stale-primary', label: 'A stale primary meets the seal', description: 'r1 is cut off from the controller and replaced. It still takes c2\'s append and sends it to r2, which is sealed and refuses: nothing is acknowledged.' }, () => stalePrimaryRun()),
    scenarioFromRun({ id: 'ack-early', label: 'An append r1 cannot replicate', description: 'r1 is cut off from r2, takes an append, then crashes and is replaced. With write-all the append was never acknowledged, so nothing is lost.' }, () => ackEarlyRun()),
    scenarioFromRun({ id: 'racing-reconfigurations', label: 'Two reconfigurations race', description: 'k1 and k2 reconfigure epoch 1 at once. Both seal and prepare; the store\'s compare-and-set installs one epoch 2, and the other is told it lost.' }, () => racingRun()),
    scenarioFromRun({ id: 'faulty', label: 'Random faults', description: 'The demo: two clients append while an operator reconfigures through k1 and k2, on a network that loses, duplicates and reorders messages while nodes crash; add your own faults.' }, randomFaults),
  ],
  variants: [
    { id: 'ack-before-all-replicas', label: 'The primary acknowledges before every replica holds the entry (no write-all)', config: withConfig(steadyVariants['ack-before-all-replicas'].config), failing: { scenario: 'ack-early', seed: 1 } },
    { id: 'reconfigure-without-seal', label: 'Reconfiguration reads the tail without sealing the old epoch', config: withConfig(steadyVariants['reconfigure-without-seal'].config), failing: { scenario: 'stale-primary', seed: 1 } },
  ],
  invariants: steadyInvariants,
  nodeView: card,
  maxTicks: 400,
  clientCalls: readerCalls,
};
