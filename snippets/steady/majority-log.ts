/**
 * The comparison's other side: a minimal leader-based majority log over 2f + 1 replicas, the steady
 * state of Raft, Multi-Paxos or VR (the VR model, snippets/vr/, has the view changes this one leaves
 * out). The leader m1 appends, sends the entry to every follower, and acknowledges once f + 1
 * replicas, itself included, hold it. It is here only to be measured on the same workload, in
 * failure-free runs; it has no leader election, so it is not a fault-tolerant log on its own.
 */
import { effectsFor, unreachable, type ClientId, type Model, type NodeId, type Step } from '../sim/index.ts';

export interface MajorityConfig {
  readonly leader: NodeId;
  readonly followers: readonly NodeId[];
  /** For the cost measurement: this follower answers the leader this many ticks late. */
  readonly slow?: { readonly node: NodeId; readonly ticks: number } | undefined;
}

type Message = { readonly kind: 'append'; readonly from: number; readonly entries: readonly number[] } | { readonly kind: 'ack'; readonly length: number };
interface Waiter { readonly pos: number; readonly client: ClientId; readonly requestId: number }
interface Late { readonly to: NodeId; readonly message: Message; readonly dueIn: number }

export interface MajorityState {
  readonly id: NodeId;
  readonly config: MajorityConfig;
  readonly log: readonly number[];
  readonly matched: Readonly<Record<NodeId, number>>;
  readonly waiting: readonly Waiter[];
  readonly late: readonly Late[];
}

export type MajorityTypes = {
  state: MajorityState;
  message: Message;
  request: { readonly kind: 'append'; readonly value: number };
  response: { readonly kind: 'appended'; readonly pos: number };
  durable: readonly number[];
  config: MajorityConfig;
};

type Result = Step<MajorityTypes>;
const { send, reply, persist } = effectsFor<MajorityTypes>();

// #region majority-commit
/** The leader acknowledges what f + 1 of the 2f + 1 replicas hold: itself and the f fastest followers. */
function commit(state: MajorityState, effects: Result['effects']): Result {
  const f = state.config.followers.length / 2;
  const held = Object.values(state.matched).sort((a, b) => b - a);
  const committed = held[f] ?? 0; // the (f + 1)-th highest: f + 1 replicas hold everything below it
  const done = state.waiting.filter((w) => w.pos < committed);
  return {
    state: { ...state, waiting: state.waiting.filter((w) => w.pos >= committed) },
    effects: [...effects, ...done.map((w) => reply(w.client, w.requestId, { kind: 'appended', pos: w.pos }))],
  };
}
// #endregion

function step(state: MajorityState, input: Parameters<Model<MajorityTypes>['step']>[1]): Result {
  switch (input.kind) {
    case 'request': {
      if (state.id !== state.config.leader) return { state, effects: [] };
      const log = [...state.log, input.request.value];
      const next = { ...state, log, matched: { ...state.matched, [state.id]: log.length }, waiting: [...state.waiting, { pos: log.length - 1, client: input.client, requestId: input.requestId }] };
      const sends = state.config.followers.map((f) => send(f, { kind: 'append', from: state.matched[f] ?? 0, entries: log.slice(state.matched[f] ?? 0) }));
      return { state: next, effects: [persist(log), ...sends] };
    }
    case 'message': {
      const m = input.message;
      if (m.kind === 'ack') return commit({ ...state, matched: { ...state.matched, [input.from]: Math.max(state.matched[input.from] ?? 0, m.length) } }, []);
      if (m.from > state.log.length || m.from + m.entries.length <= state.log.length) return hold(state, send(input.from, { kind: 'ack', length: state.log.length }), []);
      const log = [...state.log.slice(0, m.from), ...m.entries];
      return hold({ ...state, log }, send(input.from, { kind: 'ack', length: log.length }), [persist(log)]);
    }
    case 'tick': {
      const due = state.late.filter((l) => l.dueIn <= 1);
      if (state.late.length === 0) return { state, effects: [] };
      return { state: { ...state, late: state.late.filter((l) => l.dueIn > 1).map((l) => ({ ...l, dueIn: l.dueIn - 1 })) }, effects: due.map((l) => send(l.to, l.message)) };
    }
    case 'restart':
      return { state, effects: [] };
    default:
      return unreachable(input);
  }
}

/** A follower's answer, held back if it is the slow one. */
function hold(state: MajorityState, answer: Result['effects'][number], before: Result['effects']): Result {
  const slow = state.config.slow;
  if (slow?.node !== state.id || answer.kind !== 'send') return { state, effects: [...before, answer] };
  return { state: { ...state, late: [...state.late, { to: answer.to, message: answer.message, dueIn: slow.ticks }] }, effects: before };
}

export const majorityLog: Model<MajorityTypes> = {
  name: 'majority-log',
  init: (id, _peers, config) => ({ id, config, log: [], matched: { [config.leader]: 0 }, waiting: [], late: [] }),
  recover: (id, _peers, config, durable) => ({ id, config, log: durable ?? [], matched: { [config.leader]: 0 }, waiting: [], late: [] }),
  step,
  describeMessage: (m) => (m.kind === 'append' ? `append ${m.from}: [${m.entries.join(',')}]` : `have ${m.length}`),
  describeResponse: (r) => `at ${r.pos}`,
};
