/** What a steady-state trace shows, for the legend (`npm run snippet -- steady --legend` and the note page). */
import type { ModelLegend } from '../sim/legend.ts';
import { callLabel } from '../sim/trace.ts';
import { describeMessage, describeResponse } from './model.ts';

export const steadyLegend: ModelLegend = {
  name: 'steady state and reconfiguration',
  endpoints: [
    { term: 'r1, r2, r3', meaning: 'replicas: each epoch uses f + 1 of them (the first is its primary), the rest are spares' },
    { term: 'cfg', meaning: 'the configuration store: one register holding the current epoch, written with compare-and-set' },
    { term: 'k1, k2', meaning: 'controllers: they run reconfigurations (seal, tail, prepare, compare-and-set, activate)' },
    { term: 'c1, c2, admin', meaning: 'clients appending; admin asks a controller to reconfigure' },
  ],
  example: {
    node: 'r1', peer: 'r2', client: 'c1', note: 'primary of epoch 2',
    // Printed by the model's own describe functions, so the legend shows what the trace shows.
    message: describeMessage({ kind: 'replicate', epoch: 1, writer: 'init', from: 3, entries: [1002] }),
    call: callLabel('append', 1002),
    response: describeResponse({ kind: 'appended', pos: 3, epoch: 1 }),
  },
  notation: [
    { term: 'e2', meaning: 'epoch 2: the second configuration the store installed' },
    { term: 'replicate e1 3: [1002]', meaning: 'the primary of epoch 1 sends its log from position 3 on; the backup answers "have e1 4" (it holds 4 entries)' },
    { term: 'at 3 (e1)', meaning: 'an append\'s answer: position 3 of the log, acknowledged by the primary of epoch 1' },
    { term: 'e2 [r1 r3] from 2', meaning: 'a configuration: epoch 2, replicas r1 (primary) and r3, starting from a log of 2 entries' },
    { term: 'seal e1; sealed e1, log [..]', meaning: 'reconfiguration ends epoch 1 on a replica, which answers with its log (the tail)' },
    { term: 'prepare; activate', meaning: 'the tail handed to each new replica before the compare-and-set; then the new primary told to start' },
    { term: 'CAS e1 → …; won / lost', meaning: 'the compare-and-set on the store: install the configuration only if epoch 1 is still current' },
    { term: 'refused, sealed e1', meaning: 'a backup that is sealed (or in a later epoch) turns the old primary away: the primary is fenced' },
    { term: 'e1 sealed [1,2]', meaning: 'a replica\'s disk: its epoch, whether sealed, its log' },
  ],
  verdict: 'the invariants after every step (no acknowledged append lost; no replica takes an entry past the tail it gave; no acknowledgement past the next epoch\'s start; one winner per epoch) and progress after the heal.',
};
