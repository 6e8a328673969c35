/** What a BookKeeper trace shows, for the legend (`npm run snippet -- bookkeeper --legend` and the note page). */
import type { ModelLegend } from '../sim/legend.ts';
import { callLabel } from '../sim/trace.ts';
import { bookkeeper, describeMessage } from './model.ts';

export const bookkeeperLegend: ModelLegend = {
  name: 'BookKeeper and Pulsar',
  endpoints: [
    { term: 'p1, p2', meaning: 'Pulsar brokers: BookKeeper clients that own the topic (write its current ledger) or take it over (recover the last ledger)' },
    { term: 'b1 … b4', meaning: 'bookies: store entries in their journal, keep each ledger\'s LAC and fence bit' },
    { term: 'zk', meaning: 'the metadata store (ZooKeeper): ledger metadata and the managed ledger, written with compare-and-set' },
    { term: 'c1, c2, c3', meaning: 'Pulsar clients publishing values and reading the topic' },
  ],
  example: {
    node: 'p1', peer: 'b1', client: 'c1', note: '',
    // Printed by the model's own describe functions, so the legend shows what the trace shows.
    message: describeMessage({ kind: 'add', ledger: 0, entry: 3, value: 4, lac: 2, recovery: false }),
    call: callLabel('append', 4, 'p1'),
    response: bookkeeper.describeResponse!({ kind: 'appended', ledger: 0, entry: 3 }),
  },
  notation: [
    { term: 'append(p1, 4), read(p2)', meaning: 'client calls: publish a value, read every closed ledger of the topic; the broker the call goes to is shown first' },
    { term: 'L0:3', meaning: 'ledger 0, entry 3: where an append landed (Pulsar\'s message id)' },
    { term: 'add L0:3 = 4, LAC 2', meaning: 'addEntry: entry 3 holds 4; the writer has confirmed entries up to 2 (the last-add-confirmed, piggybacked)' },
    { term: 'recovery add', meaning: 'recovery writing an entry back; a fenced bookie still takes it' },
    { term: 'fence L0 / read LAC L0', meaning: 'recovery\'s first message: fence the ledger and report its LAC (read LAC: the broken variant that does not fence)' },
    { term: 'CAS L0 if v2: CLOSED last=3', meaning: 'a compare-and-set of L0\'s metadata, only if its version is still 2' },
    { term: 'ensembles 0:b1,b2,b3 1:b1,b4,b3', meaning: 'fragments: from entry 0 on b1, b2, b3; from entry 1 on b1, b4, b3' },
    { term: 'managed v2 [L0 L1]', meaning: 'the managed ledger: the topic\'s ledgers in order, at version 2' },
    { term: '_', meaning: 'in a read answer: the bookie has no such entry' },
    { term: 'fenced', meaning: 'a broker\'s answer once it has lost the topic: the append may or may not be in the log' },
  ],
  verdict: 'the invariants after every step (acknowledged entries inside the closed ledger, no confirmation past the close, readers agree, one fragment per entry, the managed ledger a chain of closed ledgers) and progress after the heal.',
};
