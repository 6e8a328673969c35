/**
 * The writer of a ledger (the broker that owns the topic): adds entries striped over the ensemble
 * with its last-add-confirmed piggybacked, confirms them in order once an ack quorum has each, and
 * replaces a bookie that stops answering with an ensemble change (a new fragment, written with a CAS).
 */
import { effectsFor, type Effect, type NodeId } from '../sim/index.ts';
import type { BkTypes } from './model.ts';
import { ledgerKey } from './store.ts';
import { writeSet } from './striping.ts';
import type { BkConfig, Fragment, LedgerMeta } from './types.ts';
import { nextTag, type BrokerState, type Owner, type Pending } from './broker-state.ts';

const { send, note } = effectsFor<BkTypes>();
export type Result = { state: BrokerState; effects: Effect<BkTypes>[] };
export type Answer = (state: BrokerState, client: string, requestId: number, response: import('./types.ts').BkResponse) => Result;

const sendAdds = (config: BkConfig, o: Owner, entry: number, p: Pending): Effect<BkTypes>[] =>
  writeSet(config, o.ensembles, entry).filter((b) => !p.acks.includes(b))
    .map((b) => send(b, { kind: 'add', ledger: o.ledger, entry, value: p.value, lac: o.lac, recovery: false }));

// #region add-entry
/** addEntry: the next entry id, sent to its write set with the LAC piggybacked (held back while an ensemble change is in flight). */
export function startAdd(config: BkConfig, state: BrokerState, o: Owner, client: string, requestId: number, value: number): Result {
  const entry = o.nextEntry;
  const p: Pending = { value, client, requestId, acks: [], waitTicks: 0, retries: 0 };
  const owner: Owner = { ...o, nextEntry: entry + 1, pending: { ...o.pending, [entry]: p } };
  return { state: { ...state, task: owner }, effects: o.change ? [] : sendAdds(config, owner, entry, p) };
}

/** A bookie acknowledged: count it if it is in the entry's write set, then confirm entries in order while each has Qa acks. */
export function onAdded(config: BkConfig, state: BrokerState, o: Owner, from: NodeId, entry: number, answer: Answer): Result {
  const p = o.pending[entry];
  if (!p || p.acks.includes(from) || !writeSet(config, o.ensembles, entry).includes(from)) return { state, effects: [] };
  // During an ensemble change, entries from its first on belong to the coming fragment: acks from the old one do not count.
  if (o.change && entry >= o.change.ensembles[o.change.ensembles.length - 1]!.first) return { state, effects: [] };
  let owner: Owner = { ...o, pending: { ...o.pending, [entry]: { ...p, acks: [...p.acks, from] } } };
  let next: Result = { state: { ...state, task: owner }, effects: [] };
  for (;;) {
    const head = owner.pending[owner.lac + 1];
    if (!head || head.acks.length < config.ackQuorum) break;
    // Stryker disable next-line ArithmeticOperator: Stryker wraps a mutated destructuring key in a block, which hides `rest` (docs/mutation.md).
    const { [owner.lac + 1]: _done, ...rest } = owner.pending;
    owner = { ...owner, lac: owner.lac + 1, pending: rest };
    const answered = answer({ ...next.state, task: owner }, head.client, head.requestId, { kind: 'appended', ledger: owner.ledger, entry: owner.lac });
    next = { state: answered.state, effects: [...next.effects, ...answered.effects] };
  }
  return next;
}
// #endregion

/** A bookie said the ledger is fenced, or the metadata is no longer OPEN: the topic has a new owner. Every waiting append learns "fenced". */
export function fenced(state: BrokerState, o: Owner, answer: Answer): Result {
  let next: Result = { state: { ...state, task: undefined, yieldTicks: state.config.yieldTicks }, effects: [note(`fenced out of L${o.ledger}`)] };
  for (const p of Object.values(o.pending)) {
    const a = answer(next.state, p.client, p.requestId, { kind: 'fenced' });
    next = { state: a.state, effects: [...next.effects, ...a.effects] };
  }
  return next;
}

// #region ensemble-change
/**
 * Replace `failed` with a bookie outside the ensemble, in a fragment that starts at the first entry not
 * yet confirmed (LAC + 1). If the last fragment already starts there (it holds no confirmed entry),
 * the new ensemble replaces it, so no entry ever falls in two fragments. Undefined when every bookie
 * is already in the ensemble: there is no spare to change to.
 */
function startChange(config: BkConfig, state: BrokerState, o: Owner, failed: NodeId): Result | undefined {
  const last = o.ensembles[o.ensembles.length - 1]!;
  const spare = config.bookies.find((b) => !last.bookies.includes(b));
  if (spare === undefined) return undefined;
  const fragment: Fragment = { first: o.lac + 1, bookies: last.bookies.map((b) => (b === failed ? spare : b)) };
  const ensembles = last.first === fragment.first ? [...o.ensembles.slice(0, -1), fragment] : [...o.ensembles, fragment];
  const [tag, tagged] = nextTag(state);
  const owner: Owner = { ...o, change: { tag, ensembles, waitTicks: 0 } };
  return { state: { ...tagged, task: owner }, effects: [note(`ensemble change: ${failed} → ${spare} from entry ${fragment.first}`), changeRequest(config, owner)] };
}

const changeRequest = (config: BkConfig, o: Owner): Effect<BkTypes> => {
  const value: LedgerMeta = { kind: 'ledger', id: o.ledger, state: 'OPEN', lastEntry: -1, ensembles: o.change!.ensembles };
  return send(config.store, { kind: 'cas', op: o.change!.tag, key: ledgerKey(o.ledger), expected: o.version, value });
};

/** The CAS answer: won, so resend the held entries to their new write sets; lost to recovery, so the writer is fenced. */
export function onChangeAnswer(config: BkConfig, state: BrokerState, o: Owner, version: number, meta: LedgerMeta, ok: boolean, answer: Answer): Result {
  if (!ok && meta.state !== 'OPEN') return fenced(state, o, answer);
  if (!ok) return { state: { ...state, task: { ...o, version, ensembles: meta.ensembles, change: { ...o.change!, waitTicks: 0 } } }, effects: [] };
  let owner: Owner = { ...o, version, ensembles: meta.ensembles, change: undefined };
  const pending: Record<number, Pending> = {};
  for (const [k, p] of Object.entries(o.pending)) {
    const set = writeSet(config, meta.ensembles, Number(k));
    pending[Number(k)] = { ...p, acks: p.acks.filter((b) => set.includes(b)), waitTicks: 0, retries: 0 };
  }
  owner = { ...owner, pending };
  const effects = Object.entries(pending).flatMap(([k, p]) => sendAdds(config, owner, Number(k), p));
  return { state: { ...state, task: owner }, effects };
}
// #endregion

/** Timers: resend what is unacknowledged; a bookie silent for `suspectAfterRetries` resends is replaced. */
export function onOwnerTick(config: BkConfig, state: BrokerState, o: Owner): Result {
  if (o.change) {
    const waitTicks = o.change.waitTicks + 1;
    if (waitTicks < config.retryTicks) return { state: { ...state, task: { ...o, change: { ...o.change, waitTicks } } }, effects: [] };
    const owner: Owner = { ...o, change: { ...o.change, waitTicks: 0 } };
    return { state: { ...state, task: owner }, effects: [changeRequest(config, owner)] };
  }
  const pending: Record<number, Pending> = {};
  const effects: Effect<BkTypes>[] = [];
  let suspect: NodeId | undefined;
  for (const [k, p] of Object.entries(o.pending)) {
    const entry = Number(k);
    const waitTicks = p.waitTicks + 1;
    if (waitTicks < config.retryTicks) { pending[entry] = { ...p, waitTicks }; continue; }
    const q: Pending = { ...p, waitTicks: 0, retries: p.retries + 1 };
    pending[entry] = q;
    const silent = writeSet(config, o.ensembles, entry).find((b) => !p.acks.includes(b));
    if (q.retries >= config.suspectAfterRetries && silent !== undefined && suspect === undefined) suspect = silent;
    effects.push(...sendAdds(config, o, entry, q));
  }
  const owner: Owner = { ...o, pending };
  // With no spare bookie there is nothing to change to: keep resending, the silent bookie may come back.
  const change = suspect === undefined ? undefined : startChange(config, { ...state, task: owner }, owner, suspect);
  return change ?? { state: { ...state, task: owner }, effects };
}
