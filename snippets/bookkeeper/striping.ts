/**
 * Where an entry lives, and how many bookies recovery must hear from. Pure functions of the metadata
 * and the config, shared by the writer, recovery, readers and the invariants.
 */
import type { NodeId } from '../sim/index.ts';
import type { BkConfig, Fragment } from './types.ts';

/** The fragment that holds `entry`: the last one starting at or before it. */
export function fragmentOf(ensembles: readonly Fragment[], entry: number): Fragment {
  let found = ensembles[0];
  for (const f of ensembles) if (f.first <= entry) found = f;
  if (!found) throw new Error('a ledger without an ensemble');
  return found;
}

// #region write-set
/** Striping: entry i goes to Qw bookies of its ensemble, starting at position i mod E (round robin). */
export function writeSet(config: BkConfig, ensembles: readonly Fragment[], entry: number): NodeId[] {
  const { bookies } = fragmentOf(ensembles, entry);
  const set: NodeId[] = [];
  for (let j = 0; j < config.writeQuorum; j++) set.push(bookies[(entry + j) % config.ensembleSize]!);
  return set;
}
// #endregion

// #region coverage
/**
 * Recovery's fencing is done when no ack quorum of the ensemble can still be made of unfenced bookies:
 * every write set (the E rotations of striping) has at least Qw - Qa + 1 bookies that answered, so at
 * most Qa - 1 of it can still take the old writer's adds.
 */
export function covered(config: BkConfig, ensemble: readonly NodeId[], answered: readonly NodeId[]): boolean {
  const need = config.writeQuorum - config.ackQuorum + 1;
  for (let start = 0; start < config.ensembleSize; start++) {
    let n = 0;
    for (let j = 0; j < config.writeQuorum; j++) if (answered.includes(ensemble[(start + j) % config.ensembleSize]!)) n++;
    if (n < need) return false;
  }
  return true;
}
// #endregion

/** Recovery's read of an entry ends the ledger when this many of its write set say "no such entry": then no ack quorum can hold it. */
export const missingEnough = (config: BkConfig) => config.writeQuorum - config.ackQuorum + 1;
