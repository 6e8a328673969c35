/**
 * The steady-state model as one simulator `Model`: every node has a role fixed by the configuration
 * (configuration store, controller, or replica of the pool) and one dispatcher per role.
 */
import { effectsFor, unreachable, type Input, type Model, type NodeId, type Step } from '../sim/index.ts';
import { newStore, onStoreMessage, type StoreState } from './config-store.ts';
import { newController, onControllerMessage, onControllerRequest, onControllerTick, type ControllerDurable, type ControllerState } from './controller.ts';
import { newReplica, onAppend, onReplicaMessage, onReplicaRestart, onReplicaTick, type ReplicaDurable, type ReplicaState } from './replica.ts';
import type { Configuration, SteadyConfig, SteadyMessage, SteadyRequest, SteadyResponse } from './types.ts';

export type SteadyState = StoreState | ControllerState | ReplicaState;
export type SteadyDurable = StoreState | ControllerDurable | ReplicaDurable;

export type SteadyTypes = {
  state: SteadyState;
  message: SteadyMessage;
  request: SteadyRequest;
  response: SteadyResponse;
  durable: SteadyDurable;
  config: SteadyConfig;
};

const { reply, persist } = effectsFor<SteadyTypes>();

function initial(config: SteadyConfig, id: NodeId): SteadyState {
  if (id === config.store) return newStore(config.initial);
  if (config.controllers.includes(id)) return newController(id, config);
  return newReplica(id, config);
}

function recover(config: SteadyConfig, id: NodeId, durable: SteadyDurable | undefined): SteadyState {
  if (id === config.store) return durable?.role === 'store' ? durable : newStore(config.initial);
  // A controller's tags name configurations: a new life gets a new boot number, on disk before it tags anything.
  if (config.controllers.includes(id)) return newController(id, config, (durable?.role === 'controller' ? durable.boot : 0) + 1);
  return newReplica(id, config, durable?.role === 'replica' ? durable : undefined);
}

function step(state: SteadyState, input: Input<SteadyTypes>): Step<SteadyTypes> {
  switch (state.role) {
    case 'store':
      return input.kind === 'message' ? onStoreMessage(state, input.from, input.message) : { state, effects: [] };
    case 'controller': {
      const { config } = state;
      switch (input.kind) {
        case 'request':
          return onControllerRequest(config, state, input.client, input.requestId, input.request);
        case 'message':
          return onControllerMessage(config, state, input.from, input.message);
        case 'tick':
          return onControllerTick(config, state);
        case 'restart':
          return { state, effects: [persist({ role: 'controller', boot: state.boot })] };
        default:
          return unreachable(input);
      }
    }
    case 'replica': {
      const { config, id } = state;
      switch (input.kind) {
        case 'request':
          return input.request.kind === 'append'
            ? onAppend(config, state, input.client, input.requestId, input.request.value)
            : { state, effects: [reply(input.client, input.requestId, { kind: 'busy' })] };
        case 'message':
          return onReplicaMessage(config, state, id, input.from, input.message);
        case 'tick':
          return onReplicaTick(config, state);
        case 'restart':
          return onReplicaRestart(state);
        default:
          return unreachable(input);
      }
    }
    default:
      return unreachable(state);
  }
}

export const showConfiguration = (c: Configuration) => `e${c.epoch} [${c.replicas.join(' ')}] from ${c.start}`;

export function describeMessage(m: SteadyMessage): string {
  switch (m.kind) {
    case 'replicate':
      return `replicate e${m.epoch} ${m.from}: [${m.entries.join(',')}]`;
    case 'replicated':
      return `have e${m.epoch} ${m.length}`;
    case 'refused':
      return `refused, ${m.sealed ? 'sealed' : 'in'} e${m.epoch}`;
    case 'seal':
      return `seal e${m.epoch}`;
    case 'read-tail':
      return `read tail e${m.epoch}`;
    case 'sealed':
      return `sealed e${m.epoch}, log [${m.log.join(',')}]`;
    case 'tail':
      return `tail e${m.epoch}, log [${m.log.join(',')}]`;
    case 'prepare':
      return `prepare ${showConfiguration(m.configuration)}, log [${m.log.join(',')}]`;
    case 'prepared':
      return `prepared e${m.epoch}`;
    case 'prepare-refused':
      return `refused e${m.epoch}, at e${m.at}`;
    case 'activate':
      return `activate e${m.epoch}`;
    case 'activated':
      return m.ok ? `active e${m.epoch}` : `not activated e${m.epoch}`;
    case 'read-config':
      return 'read config';
    case 'cas':
      return `CAS e${m.expected} → ${showConfiguration(m.next)}`;
    case 'config':
      return `${m.won === undefined ? '' : m.won ? 'won, ' : 'lost, '}config ${showConfiguration(m.configuration)}`;
    default:
      return unreachable(m);
  }
}

export function describeResponse(r: SteadyResponse): string {
  switch (r.kind) {
    case 'appended':
      return `at ${r.pos} (e${r.epoch})`;
    case 'not-primary':
      return r.primary ? `not primary, try ${r.primary}` : 'not primary';
    case 'reconfigured':
      return `${r.won ? 'won' : 'lost'}, e${r.epoch}`;
    case 'busy':
      return 'busy';
    case 'gave-up':
      return 'gave up';
    default:
      return unreachable(r);
  }
}

export const steady: Model<SteadyTypes> = {
  name: 'steady',
  init: (id, _peers, config) => initial(config, id),
  recover: (id, _peers, config, durable) => recover(config, id, durable),
  step: (state, input) => step(state, input),
  describeMessage,
  describeRequest: (r) => (r.kind === 'append' ? `append ${r.value}` : r.remove ? `reconfigure without ${r.remove}` : 'reconfigure'),
  describeResponse,
  describeDurable: (d) => {
    switch (d.role) {
      case 'store':
        return showConfiguration(d.current);
      case 'controller':
        return `boot ${d.boot}`;
      case 'replica':
        return `e${d.epoch}${d.sealed ? ' sealed' : ''} [${d.log.join(',')}]`;
      default:
        return unreachable(d);
    }
  },
};
