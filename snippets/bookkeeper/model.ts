/**
 * The BookKeeper model as one simulator `Model`: the metadata store, bookies and Pulsar brokers (the
 * BookKeeper clients), each role fixed by the configuration and with its own dispatcher.
 */
import { effectsFor, unreachable, type Input, type Model, type NodeId, type Step } from '../sim/index.ts';
import { onBookieMessage, type BookieState } from './bookie.ts';
import { onBrokerMessage, onBrokerTick, onRequest } from './broker.ts';
import { newBroker, type BrokerState } from './broker-state.ts';
import { emptyStore, onStoreMessage, type StoreState } from './store.ts';
import type { BkConfig, BkMessage, BkRequest, BkResponse, Fragment } from './types.ts';

export type BkState = StoreState | BookieState | BrokerState;
/** Store and bookies keep everything on disk; a broker keeps only its boot count. */
export type BkDurable = StoreState | BookieState | { readonly role: 'broker'; readonly boot: number };

export type BkTypes = {
  state: BkState;
  message: BkMessage;
  request: BkRequest;
  response: BkResponse;
  durable: BkDurable;
  config: BkConfig;
};

const { persist } = effectsFor<BkTypes>();
const idle = (state: BkState): Step<BkTypes> => ({ state, effects: [] });

function initial(config: BkConfig, id: NodeId): BkState {
  if (id === config.store) return emptyStore();
  if (config.bookies.includes(id)) return { role: 'bookie', ledgers: {} };
  return newBroker(id, config);
}

function step(state: BkState, input: Input<BkTypes>): Step<BkTypes> {
  switch (state.role) {
    case 'store':
      return input.kind === 'message' && (input.message.kind === 'get' || input.message.kind === 'cas' || input.message.kind === 'create')
        ? onStoreMessage(state, input.from, input.message)
        : idle(state);
    case 'bookie':
      return input.kind === 'message' && (input.message.kind === 'add' || input.message.kind === 'fence' || input.message.kind === 'read')
        ? onBookieMessage(state, input.from, input.message)
        : idle(state);
    case 'broker':
      switch (input.kind) {
        case 'request':
          return onRequest(state, input.client, input.requestId, input.request);
        case 'message':
          return onBrokerMessage(state, input.from, input.message);
        case 'tick':
          return onBrokerTick(state);
        case 'restart': // a new incarnation, on disk before any tag names it
          return { state, effects: [persist({ role: 'broker', boot: state.boot })] };
        default:
          return unreachable(input);
      }
    default:
      return unreachable(state);
  }
}

function recover(config: BkConfig, id: NodeId, durable: BkDurable | undefined): BkState {
  const fresh = initial(config, id);
  if (fresh.role === 'broker') return newBroker(id, config, (durable?.role === 'broker' ? durable.boot : 0) + 1);
  return durable && durable.role === fresh.role ? (durable as BkState) : fresh;
}

export const showEnsembles = (ensembles: readonly Fragment[]) => ensembles.map((f) => `${f.first}:${f.bookies.join(',')}`).join(' ');

export function describeMessage(m: BkMessage): string {
  switch (m.kind) {
    case 'get':
      return `get ${m.key}`;
    case 'cas':
      return m.value.kind === 'managed'
        ? `CAS managed if v${m.expected}: [${m.value.ledgers.map((l) => `L${l}`).join(' ')}]`
        : `CAS ${m.key} if v${m.expected}: ${m.value.state}${m.value.state === 'CLOSED' ? ` last=${m.value.lastEntry}` : ''}${m.value.state === 'OPEN' ? ` ensembles ${showEnsembles(m.value.ensembles)}` : ''}`;
    case 'create':
      return `create ledger on ${m.ensemble.join(',')}`;
    case 'value': {
      const head = m.ok === undefined ? '' : m.ok ? 'ok, ' : 'failed, ';
      if (m.value === undefined) return `${head}${m.key} absent`;
      if (m.value.kind === 'managed') return `${head}managed v${m.version} [${m.value.ledgers.map((l) => `L${l}`).join(' ')}]`;
      return `${head}${m.key} v${m.version} ${m.value.state}${m.value.state === 'CLOSED' ? ` last=${m.value.lastEntry}` : ''}`;
    }
    case 'add':
      return `${m.recovery ? 'recovery add' : 'add'} L${m.ledger}:${m.entry} = ${m.value}, LAC ${m.lac}`;
    case 'added':
      return `added L${m.ledger}:${m.entry}`;
    case 'add-fenced':
      return `fenced L${m.ledger}, refused ${m.entry}`;
    case 'fence':
      return m.fence ? `fence L${m.ledger}` : `read LAC L${m.ledger}`;
    case 'lac':
      return `LAC L${m.ledger} = ${m.lac}`;
    case 'read':
      return `${m.fence ? 'fencing read' : 'read'} L${m.ledger}:${m.from}${m.to === m.from + 1 ? '' : `..${m.to - 1}`}`;
    case 'entries':
      return `L${m.ledger} from ${m.from}: [${m.values.map((v) => v ?? '_').join(',')}]`;
    default:
      return unreachable(m);
  }
}

export const bookkeeper: Model<BkTypes> = {
  name: 'bookkeeper',
  init: (id, _peers, config) => initial(config, id),
  recover: (id, _peers, config, durable) => recover(config, id, durable),
  step,
  describeMessage,
  describeRequest: (r) => (r.kind === 'append' ? `append ${r.value}` : 'read'),
  describeResponse: (r) => {
    switch (r.kind) {
      case 'appended':
        return `L${r.ledger}:${r.entry}`;
      case 'read':
        return r.ledgers.map((l) => `L${l.ledger} [${l.entries.join(',')}]`).join(' ') || 'nothing closed';
      case 'fenced':
        return 'fenced';
      default:
        return unreachable(r);
    }
  },
  describeDurable: (d) => {
    switch (d.role) {
      case 'store':
        return Object.entries(d.keys).map(([k, v]) => (v.value.kind === 'managed' ? `managed v${v.version} [${v.value.ledgers.map((l) => `L${l}`).join(' ')}]` : `${k} v${v.version} ${v.value.state}`)).join('; ');
      case 'bookie':
        return Object.entries(d.ledgers).map(([id, l]) => `L${id}: ${Object.keys(l.entries).length} entries, LAC ${l.lac}${l.fenced ? ', fenced' : ''}`).join('; ');
      case 'broker':
        return `boot ${d.boot}`;
      default:
        return unreachable(d);
    }
  },
};
