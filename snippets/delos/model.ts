/**
 * The Delos model as one simulator `Model`: every node has a role fixed by the configuration
 * (MetaStore, simple Loglet, sequencer, LogServer, or VirtualLog node), and one dispatcher per role.
 */
import { effectsFor, unreachable, type Input, type Model, type NodeId, type Step } from '../sim/index.ts';
import { INITIAL_REGISTER, onMetaMessage, type MetaState } from './metastore.ts';
import { onSequencerMessage, onSequencerTick, onServerMessage, type SequencerDurable, type SequencerState, type ServerState } from './quorum-loglet.ts';
import { onSimpleMessage, type SimpleState } from './simple-loglet.ts';
import type { DelosConfig, DelosMessage, DelosRequest, DelosResponse, Register } from './types.ts';
import { newVlog, onVlogMessage, onVlogRequest, onVlogTick, type VlogDurable, type VlogState } from './virtual-log.ts';

export type DelosState = MetaState | SimpleState | SequencerState | ServerState | VlogState;
export type DelosDurable = MetaState | SimpleState | SequencerDurable | ServerState | VlogDurable;

export type DelosTypes = {
  state: DelosState;
  message: DelosMessage;
  request: DelosRequest;
  response: DelosResponse;
  durable: DelosDurable;
  config: DelosConfig;
};

type Result = Step<DelosTypes>;
const { note, persist } = effectsFor<DelosTypes>();
const idle = (state: DelosState): Result => ({ state, effects: [] });

export function roleOf(config: DelosConfig, id: NodeId): DelosState['role'] {
  if (id === config.metastore) return 'metastore';
  if (id === config.simple) return 'simple';
  if (id === config.sequencer) return 'sequencer';
  if (config.servers.includes(id)) return 'server';
  return 'vlog';
}

function initial(config: DelosConfig, id: NodeId): DelosState {
  const role = roleOf(config, id);
  switch (role) {
    case 'metastore':
      return { role, register: INITIAL_REGISTER, attempts: {} };
    case 'simple':
    case 'server':
      return { role, loglets: {} };
    case 'sequencer':
      return { role, config, maxSeen: -1, loglets: {} };
    case 'vlog':
      return newVlog(id, config);
    default:
      return unreachable(role);
  }
}

/** Storage roles answer only messages; the sequencer and VirtualLog nodes also keep timers. */
function step(state: DelosState, input: Input<DelosTypes>): Result {
  switch (state.role) {
    case 'metastore':
      return input.kind === 'message' && (input.message.kind === 'meta-read' || input.message.kind === 'meta-write')
        ? onMetaMessage(state, input.from, input.message)
        : idle(state);
    case 'simple':
      return input.kind === 'message' && input.message.kind !== 'meta-read' && input.message.kind !== 'meta-write' && input.message.kind !== 'meta'
        ? onSimpleMessage(state, input.from, input.message)
        : idle(state);
    case 'server':
      return input.kind === 'message' && input.message.kind !== 'meta-read' && input.message.kind !== 'meta-write' && input.message.kind !== 'meta'
        ? onServerMessage(state, input.from, input.message)
        : idle(state);
    case 'sequencer':
      if (input.kind === 'tick') return onSequencerTick(state.config, state);
      if (input.kind === 'restart') return { state, effects: state.maxSeen >= 0 ? [note(`forgot Loglets up to L${state.maxSeen}`)] : [] };
      return input.kind === 'message' && input.message.kind !== 'meta-read' && input.message.kind !== 'meta-write' && input.message.kind !== 'meta'
        ? onSequencerMessage(state.config, state, input.from, input.message)
        : idle(state);
    case 'vlog':
      return vlogStep(state.config, state, input);
    default:
      return unreachable(state);
  }
}

function vlogStep(config: DelosConfig, state: VlogState, input: Input<DelosTypes>): Result {
  switch (input.kind) {
    case 'request':
      return onVlogRequest(config, state, input.client, input.requestId, input.request);
    case 'message':
      return onVlogMessage(config, state, input.from, input.message);
    case 'tick':
      return onVlogTick(config, state);
    case 'restart': // a new incarnation, on disk before it names any operation
      return { state, effects: [persist({ role: 'vlog', boot: state.boot })] };
    default:
      return unreachable(input);
  }
}

/** What survives a crash: storage and the MetaStore keep everything (it is all on disk); the sequencer keeps only which Loglets it had seen. */
function recover(config: DelosConfig, id: NodeId, durable: DelosDurable | undefined): DelosState {
  const fresh = initial(config, id);
  if (fresh.role === 'sequencer') return { ...fresh, maxSeen: durable?.role === 'sequencer' ? durable.maxSeen : -1 };
  if (fresh.role === 'vlog') return newVlog(id, config, (durable?.role === 'vlog' ? durable.boot : 0) + 1);
  return durable && durable.role === fresh.role ? (durable as DelosState) : fresh;
}

const showChain = (r: Register) => `v${r.version} [${r.chain.map((s) => `${s.kind[0]}${s.loglet}@${s.start}`).join(' ')}]`;

export const delos: Model<DelosTypes> = {
  name: 'delos',
  init: (id, _peers, config) => initial(config, id),
  recover: (id, _peers, config, durable) => recover(config, id, durable),
  step: (state, input) => step(state, input),
  describeMessage: describeMessage,
  describeRequest: (r) => (r.kind === 'append' ? `append ${r.value}` : r.kind === 'read' ? 'read' : `reconfigure → ${r.to}`),
  describeResponse: (r) => {
    switch (r.kind) {
      case 'appended':
        return `at ${r.pos} (L${r.loglet}:${r.local})`;
      case 'read':
        return `[${r.entries.join(',')}]`;
      case 'reconfigured':
        return `${r.won ? 'won' : 'lost'}, chain v${r.version}`;
      case 'unknown':
        return 'unknown';
      default:
        return unreachable(r);
    }
  },
  describeDurable: (d) => {
    switch (d.role) {
      case 'metastore':
        return showChain(d.register);
      case 'sequencer':
        return `seen L${d.maxSeen}`;
      case 'vlog':
        return `boot ${d.boot}`;
      case 'simple':
      case 'server':
        return Object.entries(d.loglets).map(([id, l]) => `L${id}: ${Object.keys(l.entries).length} entries${l.sealed ? ', sealed' : ''}`).join('; ');
      default:
        return unreachable(d);
    }
  },
};

export function describeMessage(m: DelosMessage): string {
  switch (m.kind) {
    case 'append':
      return `append ${m.value} to L${m.loglet}`;
    case 'appended':
      return `appended L${m.loglet}:${m.pos}`;
    case 'append-failed':
      return `append ${m.why} L${m.loglet}`;
    case 'check-tail':
      return `checkTail L${m.loglet}`;
    case 'tail':
      return `tail L${m.loglet} = ${m.tail}${m.sealed ? ', sealed' : ''}`;
    case 'tail-unavailable':
      return `L${m.loglet} unavailable`;
    case 'seal':
      return `seal L${m.loglet}`;
    case 'seal-ok':
      return `sealed L${m.loglet}`;
    case 'read-next':
      return `readNext L${m.loglet} ${m.from}..${m.to - 1}`;
    case 'entries':
      return `L${m.loglet} from ${m.from}: [${m.values.map((v) => v ?? '_').join(',')}]`;
    case 'store':
      return `store ${m.entry.value} at L${m.loglet}:${m.pos}`;
    case 'stored':
      return `stored L${m.loglet}:${m.pos}`;
    case 'store-refused':
      return `refused L${m.loglet}:${m.pos}, sealed`;
    case 'meta-read':
      return 'read chain';
    case 'meta-write':
      return `write chain if v${m.expected}`;
    case 'meta':
      return `${m.won === undefined ? '' : m.won ? 'won, ' : 'lost, '}chain ${showChain(m.register)}`;
    default:
      return unreachable(m);
  }
}
