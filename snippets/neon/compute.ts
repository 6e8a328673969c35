/**
 * A compute node's walproposer: the proposer. It greets the safekeepers to learn their terms, asks
 * for votes in a term higher than any it heard of, takes the most advanced log among the majority
 * that voted (the donor), tells each safekeeper where to truncate (ProposerElected), then streams
 * WAL (AppendRequest) and acknowledges a commit once commit_lsn, the LSN a majority has flushed in
 * this term, passes it. After pgxn/neon/walproposer.c. A compute that meets a higher term stops
 * leading (Neon's walproposer exits and the compute restarts).
 */
import { effectsFor, type ClientId, type NodeId } from '../sim/index.ts';
import { chooseDonor, lastLogTerm, startStreamingAt } from './term-history.ts';
import { flushLsn, proposerName, type ComputeState, type Held, type NeonTypes, type ProposerMode, type RoleStep, type Stream } from './state.ts';
import type { NeonConfig, NeonMessage, Vote } from './types.ts';

const { send, broadcast, reply, persist, note } = effectsFor<NeonTypes>();
type ComputeStep = RoleStep<ComputeState>;
type Leader = Extract<ProposerMode, { kind: 'leader' }>;

const majority = (config: NeonConfig) => Math.floor(config.safekeepers.length / 2) + 1;

export function newCompute(id: NodeId, config: NeonConfig, boot: number): ComputeState {
  return { role: 'compute', id, config, boot, now: 0, mode: { kind: 'idle', campaignAfter: 0 }, knownTerm: 0, held: [], lastRequest: {} };
}

/** The first compute of a new timeline leads term 1 over empty safekeepers. */
export function firstLeader(state: ComputeState): ComputeState {
  const streams = Object.fromEntries(state.config.safekeepers.map((sk) => [sk, { startStreamingAt: 0, flushLsn: 0, commitLsn: 0 }]));
  return { ...state, knownTerm: 1, mode: { kind: 'leader', term: 1, termHistory: [{ term: 1, lsn: 0 }], termStartLsn: 0, donor: state.config.safekeepers[0]!, walBase: 0, wal: [], commitLsn: 0, truncateLsn: 0, streams, lastBeat: 0 } };
}

function startGreeting(s: ComputeState): ComputeStep {
  const next: ComputeState = { ...s, mode: { kind: 'greeting', since: s.now, terms: {} } };
  return { state: next, effects: broadcast(s.config.safekeepers, { kind: 'greeting', boot: s.boot }) };
}

/** Lose the lead (or the campaign) to a higher term: drop what waits, back off before campaigning again. */
function stepDown(s: ComputeState, term: number, why: string): ComputeStep {
  const position = s.config.computes.indexOf(s.id) + 1;
  const next: ComputeState = { ...s, knownTerm: Math.max(s.knownTerm, term), held: [], mode: { kind: 'idle', campaignAfter: s.now + s.config.backoffTicks * position } };
  return { state: next, effects: [note(`${why}: saw term ${term}, stops`)] };
}

// #region election
function onGreetingReply(s: ComputeState, from: NodeId, term: number): ComputeStep {
  if (s.mode.kind !== 'greeting') return { state: s, effects: [] };
  const terms = { ...s.mode.terms, [from]: term };
  if (Object.keys(terms).length < majority(s.config)) return { state: { ...s, mode: { ...s.mode, terms } }, effects: [] };
  // A term higher than any the majority (or this life) has seen: no safekeeper of the majority has voted in it.
  const proposed = Math.max(s.knownTerm, ...Object.values(terms)) + 1;
  const next: ComputeState = { ...s, knownTerm: proposed, mode: { kind: 'campaign', since: s.now, term: proposed, votes: [] } };
  return { state: next, effects: broadcast(s.config.safekeepers, { kind: 'vote-request', boot: s.boot, term: proposed }) };
}

function onVote(s: ComputeState, from: NodeId, vote: Vote): ComputeStep {
  const mode = s.mode;
  if (mode.kind === 'leader') {
    if (vote.term > mode.term) return stepDown(s, vote.term, `${from} is in a higher term`);
    // A late voter in this term (or one that voted for us before) gets ProposerElected too, as in Neon.
    return vote.term === mode.term && mode.streams[from] === undefined ? sendElected({ ...s, mode }, from, vote) : { state: s, effects: [] };
  }
  if (mode.kind !== 'campaign') return { state: s, effects: [] };
  // A refusal while campaigning ends the campaign, as in Neon (its walproposer exits): another proposer has this term or a higher one.
  if (!vote.voteGiven) return vote.term >= mode.term ? stepDown(s, vote.term, `${from} refused the vote`) : { state: s, effects: [] };
  if (vote.term !== mode.term || mode.votes.some((v) => v.id === from)) return { state: s, effects: [] };
  const votes = [...mode.votes, { id: from, vote }];
  if (votes.length < majority(s.config)) return { state: { ...s, mode: { ...mode, votes } }, effects: [] };
  return becomeLeader(s, mode.term, votes);
}

/**
 * Elected: the donor is the voter with the highest <last_log_term, flush_lsn>; its log is this
 * term's starting point, and its flush_lsn is where the new term begins. Every voter gets
 * ProposerElected with the point where its own history parts from the new one.
 */
function becomeLeader(s: ComputeState, term: number, votes: ReadonlyArray<{ id: NodeId; vote: Vote }>): ComputeStep {
  const donor = chooseDonor(votes, !s.config.syncFromMajority);
  const termStartLsn = donor.vote.flushLsn;
  const termHistory = [...donor.vote.termHistory, { term, lsn: termStartLsn }];
  const truncateLsn = Math.max(...votes.map((v) => v.vote.truncateLsn));
  const leader: Leader = { kind: 'leader', term, termHistory, termStartLsn, donor: donor.id, walBase: donor.vote.walBase, wal: donor.vote.wal, commitLsn: 0, truncateLsn, streams: {}, lastBeat: s.now };
  let state: ComputeState = { ...s, mode: leader };
  const effects = [note(`elected in term ${term}: donor ${donor.id} (last_log_term ${lastLogTerm(donor.vote.termHistory, termStartLsn)}, flush_lsn ${termStartLsn})`)];
  for (const v of votes) {
    const step = sendElected(state as ComputeState & { mode: Leader }, v.id, v.vote);
    state = step.state;
    effects.push(...step.effects);
  }
  const queued = appendHeld(state);
  return { state: queued.state, effects: [...effects, ...queued.effects] };
}

function sendElected(s: ComputeState & { mode: Leader }, to: NodeId, vote: Vote): ComputeStep {
  const at = startStreamingAt(s.mode.termHistory, s.mode.term, vote.termHistory, vote.flushLsn);
  if (at < s.mode.walBase) throw new Error(`model: ${s.id} must stream to ${to} from ${at}, below the donor's trimmed WAL (${s.mode.walBase})`);
  const streams: Record<NodeId, Stream> = { ...s.mode.streams, [to]: { startStreamingAt: at, flushLsn: undefined, commitLsn: 0 } };
  const mode: Leader = { ...s.mode, streams };
  const m = mode;
  return {
    state: { ...s, mode },
    effects: [
      send(to, { kind: 'elected', boot: s.boot, term: m.term, startStreamingAt: at, termHistory: m.termHistory }),
      send(to, { kind: 'append', boot: s.boot, term: m.term, beginLsn: at, records: m.wal.slice(at - m.walBase), commitLsn: m.commitLsn, truncateLsn: m.truncateLsn }),
    ],
  };
}
// #endregion

// #region stream
/** AppendRequest to one safekeeper: everything past what it last reported flushed, with the latest commit_lsn. */
function appendTo(s: ComputeState, m: Leader, sk: NodeId) {
  const stream = m.streams[sk]!;
  const begin = stream.flushLsn ?? stream.startStreamingAt;
  return send(sk, { kind: 'append', boot: s.boot, term: m.term, beginLsn: begin, records: m.wal.slice(begin - m.walBase), commitLsn: m.commitLsn, truncateLsn: m.truncateLsn });
}

function appendHeld(s: ComputeState): ComputeStep {
  if (s.mode.kind !== 'leader') return { state: s, effects: [] };
  const fresh = s.held.filter((h) => h.lsn === undefined);
  if (fresh.length === 0) return { state: s, effects: [] };
  let end = flushLsn(s.mode);
  const held = s.held.map((h) => (h.lsn === undefined ? { ...h, lsn: ++end } : h));
  const mode: Leader = { ...s.mode, wal: [...s.mode.wal, ...fresh.map((h) => h.value)] };
  const next = { ...s, held, mode };
  return { state: next, effects: Object.keys(mode.streams).map((sk) => appendTo(next, mode, sk)) };
}
// #endregion

// #region commit-lsn
/**
 * commit_lsn: the highest LSN a majority has flushed in this term. Like Raft, a flush below the
 * term's start does not count (walproposer.c, GetAcknowledgedByQuorumWALPosition); once a majority
 * passes the start, everything before it is committed too.
 */
export function quorumFlush(m: Leader, config: NeonConfig): number {
  const flushes = config.safekeepers.map((sk) => m.streams[sk]?.flushLsn ?? 0).map((f) => (f >= m.termStartLsn ? f : 0)).sort((a, b) => b - a);
  return config.quorumCommit ? flushes[majority(config) - 1]! : flushes[0]!;
}
// #endregion

function onAppendResponse(s: ComputeState, from: NodeId, m: Extract<NeonMessage, { kind: 'append-response' }>): ComputeStep {
  if (s.mode.kind !== 'leader') return { state: s, effects: [] };
  if (m.term > s.mode.term) return stepDown(s, m.term, `${from} is in a higher term`);
  const stream = s.mode.streams[from];
  if (m.term !== s.mode.term || stream === undefined) return { state: s, effects: [] };
  const streams = { ...s.mode.streams, [from]: { ...stream, flushLsn: m.flushLsn, commitLsn: m.commitLsn } };
  let mode: Leader = { ...s.mode, streams };
  const commitLsn = Math.max(mode.commitLsn, quorumFlush(mode, s.config));
  // truncate_lsn: flushed on every safekeeper, and never past commit_lsn.
  const everywhere = Math.min(...s.config.safekeepers.map((sk) => streams[sk]?.flushLsn ?? 0));
  mode = { ...mode, commitLsn, truncateLsn: Math.max(mode.truncateLsn, Math.min(everywhere, commitLsn)) };
  const done = s.held.filter((h) => h.lsn !== undefined && h.lsn <= commitLsn);
  const next: ComputeState = { ...s, mode, held: s.held.filter((h) => !done.includes(h)) };
  const acks = done.map((h) => reply(h.client, h.requestId, { kind: 'committed', lsn: h.lsn!, term: mode.term, by: proposerName(s) }));
  const news = commitLsn > s.mode.commitLsn ? Object.keys(streams).map((sk) => appendTo(next, mode, sk)) : [];
  return { state: next, effects: [...acks, ...news] };
}

function onRequest(s: ComputeState, client: ClientId, requestId: number, value: number): ComputeStep {
  if ((s.lastRequest[client] ?? -1) >= requestId) return { state: s, effects: [] }; // a copy of one already held
  const next: ComputeState = { ...s, lastRequest: { ...s.lastRequest, [client]: requestId }, held: [...s.held, { client, requestId, value }] };
  if (next.mode.kind === 'leader') return appendHeld(next);
  if (next.mode.kind === 'idle' && next.now >= next.mode.campaignAfter) return startGreeting(next);
  return { state: next, effects: [] };
}

function onTick(s0: ComputeState): ComputeStep {
  const s = { ...s0, now: s0.now + 1 };
  const mode = s.mode;
  switch (mode.kind) {
    case 'idle':
      return s.held.length > 0 && s.now >= mode.campaignAfter ? startGreeting(s) : { state: s, effects: [] };
    case 'greeting': {
      // Greet again those that have not answered (a lost message; Neon reconnects).
      if (s.now - mode.since < s.config.campaignTicks) return { state: s, effects: [] };
      const silent = s.config.safekeepers.filter((sk) => mode.terms[sk] === undefined);
      return { state: { ...s, mode: { ...mode, since: s.now } }, effects: silent.map((sk) => send(sk, { kind: 'greeting', boot: s.boot })) };
    }
    case 'campaign': {
      if (s.now - mode.since < s.config.campaignTicks) return { state: s, effects: [] };
      const silent = s.config.safekeepers.filter((sk) => !mode.votes.some((v) => v.id === sk));
      return { state: { ...s, mode: { ...mode, since: s.now } }, effects: silent.map((sk) => send(sk, { kind: 'vote-request', boot: s.boot, term: mode.term })) };
    }
    case 'leader': {
      if (s.now - mode.lastBeat < s.config.heartbeatTicks) return { state: s, effects: [] };
      const next = { ...s, mode: { ...mode, lastBeat: s.now } };
      // A safekeeper that has not voted in this term yet is asked again; the answer brings it ProposerElected.
      const silent = s.config.safekeepers.filter((sk) => mode.streams[sk] === undefined);
      // ProposerElected again where no AppendResponse came back (it may have been lost; a copy is harmless).
      const unsynced = Object.entries(mode.streams).filter(([, st]) => st.flushLsn === undefined);
      const effects = [
        ...unsynced.map(([sk, st]) => send(sk, { kind: 'elected', boot: s.boot, term: mode.term, startStreamingAt: st.startStreamingAt, termHistory: mode.termHistory })),
        // AppendRequest only where WAL or commit_lsn has not arrived yet: an idle timeline sends nothing.
        ...Object.entries(mode.streams).filter(([, st]) => st.flushLsn !== flushLsn(mode) || st.commitLsn < mode.commitLsn).map(([sk]) => appendTo(next, mode, sk)),
        ...silent.map((sk) => send(sk, { kind: 'vote-request', boot: s.boot, term: mode.term })),
      ];
      return { state: next, effects };
    }
  }
}

export function computeStep(s: ComputeState, input: { kind: 'message'; from: NodeId; message: NeonMessage } | { kind: 'tick' } | { kind: 'restart' } | { kind: 'request'; client: ClientId; requestId: number; request: { value: number } }): ComputeStep {
  switch (input.kind) {
    case 'tick':
      return onTick(s);
    case 'restart':
      return { state: s, effects: [persist({ role: 'compute', boot: s.boot })] }; // the new boot count before anything is sent
    case 'request':
      return onRequest(s, input.client, input.requestId, input.request.value);
    case 'message': {
      const m = input.message;
      if (!('boot' in m) || m.boot !== s.boot) return { state: s, effects: [] }; // an answer to a previous life
      switch (m.kind) {
        case 'greeting-reply':
          return onGreetingReply(s, input.from, m.term);
        case 'vote-response':
          return onVote(s, input.from, m);
        case 'append-response':
          return onAppendResponse(s, input.from, m);
        default:
          return { state: s, effects: [] };
      }
    }
  }
}

export type { Held };
