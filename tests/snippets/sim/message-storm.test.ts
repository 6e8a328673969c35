/**
 * A model whose traffic multiplies instead of settling fails fast as a message storm, naming the
 * limit and the last message sent, instead of running on for hours (Raft's leader once answered
 * every duplicated AppendEntries reply with a new send: 600,000 events in 212 ticks of one seed, and
 * a CI run that never finished). The limit is far above what a correct model keeps in flight.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_IN_FLIGHT } from '../../../snippets/sim/cluster.ts';
import { effectsFor, formatFailure, simulate, type Model, type RunOptions } from '../../../snippets/sim/index.ts';
import { RANDOM_SUITES } from '../../../snippets/swarm-runs.ts';
import { seedCount } from '../../support/mutation-seeds.ts';

type Echo = {
  state: { readonly id: string; readonly config: EchoConfig; readonly started: boolean };
  message: { readonly hop: number };
  request: never;
  response: never;
  durable: never;
  config: EchoConfig;
};
interface EchoConfig {
  readonly copiesPerMessage: number;
  readonly hopsMax: number;
}

const { send } = effectsFor<Echo>();

/** r1 sends one message at its first tick; every node answers each message it gets with `copiesPerMessage` back to the sender, up to `hopsMax` hops. */
const echo: Model<Echo> = {
  name: 'echo',
  init: (id, _peers, config) => ({ id, config, started: false }),
  recover: (id, _peers, config) => ({ id, config, started: false }),
  step(state, input) {
    if (input.kind === 'tick' && state.id === 'r1' && !state.started) return { state: { ...state, started: true }, effects: [send('r2', { hop: 1 })] };
    if (input.kind !== 'message' || input.message.hop >= state.config.hopsMax) return { state, effects: [] };
    const hop = input.message.hop + 1;
    return { state, effects: Array.from({ length: state.config.copiesPerMessage }, () => send(input.from, { hop })) };
  },
  describeMessage: (m) => `Echo(hop=${m.hop})`,
  describeRequest: () => '',
  describeResponse: () => '',
};

function run(config: EchoConfig, overrides: Partial<RunOptions<Echo>> = {}) {
  return simulate<Echo>({ model: echo, nodes: ['r1', 'r2'], config, seed: 1, safetyTicks: 100, network: { delayTicksMin: 1, delayTicksMax: 1 }, ...overrides });
}

describe('a message storm ends the run', () => {
  it('traffic that doubles every hop fails as a message storm within a few ticks, naming the limit and the last message', () => {
    const result = run({ copiesPerMessage: 2, hopsMax: 1_000 });
    expect(result).toMatchObject({ ok: false, kind: 'message-storm', phase: 'safety' });
    if (result.ok) return;
    expect(result.tick).toBeLessThan(15); // 2^10 > 1000
    expect(result.message).toMatch(new RegExp(`^message storm: ${DEFAULT_MAX_IN_FLIGHT + 1} messages in flight at once \\(the limit is ${DEFAULT_MAX_IN_FLIGHT}\\); the last sent: r[12] → r[12] Echo\\(hop=\\d+\\)$`));
    expect(formatFailure(result)).toContain('echo: message storm in the safety phase');
  });

  it('the same traffic, bounded, stays under the limit and passes', () => {
    expect(run({ copiesPerMessage: 2, hopsMax: 9 }).ok).toBe(true); // 2^9 = 512 in flight at most
  });

  it('the limit is an option: a model that needs more in flight can raise it, and a lower one trips sooner', () => {
    expect(run({ copiesPerMessage: 2, hopsMax: 11 }).ok).toBe(false);
    expect(run({ copiesPerMessage: 2, hopsMax: 11 }, { maxInFlight: 5_000 }).ok).toBe(true);
    const low = run({ copiesPerMessage: 2, hopsMax: 9 }, { maxInFlight: 10 });
    expect(low).toMatchObject({ ok: false, kind: 'message-storm' });
  });

  it('no default suite comes near it: the busiest seed of each keeps under a tenth of the limit in flight (first 100 seeds)', () => {
    for (const [name, suite] of Object.entries(RANDOM_SUITES)) {
      let most = 0;
      // A headroom check that must pass on every seed: under `npm run mutation`, fewer (docs/mutation.md).
      for (let seed = 1; seed <= seedCount(Math.min(100, suite.seeds)); seed++) {
        const { result } = suite.run(seed);
        let inFlight = 0;
        for (const e of result.trace.events) {
          if (e.kind === 'send' || e.kind === 'duplicate') inFlight++;
          if (e.kind === 'deliver' || e.kind === 'drop') inFlight--;
          most = Math.max(most, inFlight);
        }
      }
      expect(most, name).toBeLessThan(DEFAULT_MAX_IN_FLIGHT / 10);
    }
  }, 120_000);
});
