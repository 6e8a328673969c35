/**
 * The tables content/notes/disaggregating-log-replication.md shows, generated from the backend
 * registry: where each system sits among the kinds of disaggregation, what its `Log` offers, and what
 * the conformance suite found on its broken variants. A test (tests/snippets/log/table.test.ts)
 * checks that the note carries them exactly as generated, so a new backend, a changed capability or a
 * new finding shows up as a failing test until the note says it.
 */
import { PROPERTY_LABELS, type LogBackend } from './conformance.ts';
import type { Capabilities, DisaggregationKind } from './interface.ts';

/** The survey posts' letters, in their order. */
export const KIND_LETTERS: Readonly<Record<DisaggregationKind, string>> = {
  roles: 'A',
  planes: 'B',
  segments: 'C',
  pointers: 'D',
  sequencer: 'E',
  proxies: 'F',
};

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

const ACK: Readonly<Record<Capabilities['ackPosition'], string>> = { offset: 'its offset', segment: 'segment and offset', virtual: 'a virtual log position', none: 'no position' };
const READ: Readonly<Record<Capabilities['read'], string>> = { committed: 'the committed prefix', 'closed-segments': 'closed segments only (our model)', none: 'no log read' };
const SEAL: Readonly<Record<Capabilities['seal'], string>> = { segment: 'seals a segment', fencing: 'fences by epoch', none: 'none' };
const TAIL: Readonly<Record<Capabilities['tail'], string>> = { client: 'to clients', internal: 'inside', none: 'none' };

/** Where each system sits: the kinds (as letters), and who reconfigures. */
export function mapTable(backends: readonly LogBackend[]): string[] {
  const kinds = Object.keys(KIND_LETTERS) as DisaggregationKind[];
  return [
    row(['system', ...kinds.map((k) => KIND_LETTERS[k]), 'reconfiguration']),
    row(['---', ...kinds.map(() => ':-:'), '---']),
    ...backends.map((b) => row([b.name, ...kinds.map((k) => (b.disaggregation.includes(k) ? '●' : '')), b.capabilities.reconfigure])),
  ];
}

function readSees(b: LogBackend): string {
  if (b.capabilities.read === 'none') return '—';
  if (b.capabilities.readSeesAcked) return 'yes';
  const witness = b.witnesses.readSeesAcked;
  return witness === undefined ? 'not promised' : `no (seed ${witness})`;
}

function caught(b: LogBackend): string {
  const findings = Object.values(b.findings);
  return `${findings.filter((f) => f.kind === 'caught').length} of ${findings.length}`;
}

/**
 * What each `Log` offers, and how many of its variants the suite caught. Every row's correct model
 * passes its `CONFORMANCE_SEEDS` seeds: the suite fails otherwise, so the table need not say it.
 */
export function promisesTable(backends: readonly LogBackend[]): string[] {
  return [
    row(['system', 'an ack names', 'a read returns', 'a read sees earlier acks', 'checkTail', 'seal', 'variants caught']),
    row(['---', '---', '---', '---', '---', '---', '---']),
    ...backends.map((b) => row([b.name, ACK[b.capabilities.ackPosition], READ[b.capabilities.read], readSees(b), TAIL[b.capabilities.tail], SEAL[b.capabilities.seal], caught(b)])),
  ];
}

/** Every broken variant, and what the suite saw of it. */
export function variantsTable(backends: readonly LogBackend[]): string[] {
  return [
    row(['system', 'variant', 'what the suite saw']),
    row(['---', '---', '---']),
    ...backends.flatMap((b) =>
      Object.entries(b.findings).map(([variant, f]) =>
        row([b.name, `\`${variant}\``, f.kind === 'caught' ? `${PROPERTY_LABELS[f.property]}, seed ${f.seed}` : `nothing in seeds 1–${f.seeds}; seen by ${f.seenBy}`]),
      ),
    ),
  ];
}
