import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractRegion } from '../../../src/plugins/snippet-regions.ts';
import { assertPassed, formatTrace, simulate, traceToMermaid, type RunResult } from '../../../snippets/sim/index.ts';
// #region model
import { effectsFor, unreachable, type Model } from '../../../snippets/sim/index.ts';

type Echo = {
  state: { peers: readonly string[]; served: number; heard: number };
  message: { kind: 'served'; text: string };
  request: string;
  response: string;
  durable: { served: number };
  config: undefined;
};
const { reply, persist, broadcast } = effectsFor<Echo>();

/** Answers each request with its own text, tells the other nodes, and counts on disk what it served. */
export const echo: Model<Echo> = {
  name: 'echo',
  init: (_id, peers) => ({ peers, served: 0, heard: 0 }),
  recover: (_id, peers, _config, durable) => ({ peers, served: durable?.served ?? 0, heard: 0 }),
  step(state, input) {
    switch (input.kind) {
      case 'request': {
        const served = state.served + 1; // on disk before the reply leaves: effects apply in order
        const told = broadcast(state.peers, { kind: 'served', text: input.request });
        const effects = [persist({ served }), reply(input.client, input.requestId, input.request), ...told];
        return { state: { ...state, served }, effects };
      }
      case 'message':
        return { state: { ...state, heard: state.heard + 1 }, effects: [] };
      case 'tick':
      case 'restart':
        return { state, effects: [] };
      default:
        return unreachable(input);
    }
  },
  describeMessage: (m) => `Served(${m.text})`,
};
// #endregion

function runExample(): RunResult<Echo> {
  // #region run
  const result = simulate<Echo>({
    model: echo,
    nodes: ['r1', 'r2', 'r3'],
    config: undefined,
    seed: 42,
    network: { delayTicksMin: 1, delayTicksMax: 5, lossProbability: 0.1, duplicateProbability: 0.05 },
    faults: { crash: { probabilityPerTick: 0.02, downTicksMin: 5, downTicksMax: 20 } },
    scenario: (sim) => sim.at(30, (s) => s.isolate('r2')).at(60, (s) => s.heal()),
    clients: [{
      id: 'c1',
      // 20 calls, each to a random node, each given up after 12 ticks without an answer
      workload: ({ index, nodes, rng }) => {
        if (index === 20) return undefined;
        const text = `hi ${index}`;
        return { to: rng.pick(nodes), request: text, op: 'echo', args: [text], timeoutTicks: 12 };
      },
    }],
    invariants: {
      'a node never served more than it saved': (view) => {
        for (const n of view.nodes) {
          if (n.up && n.state.served > (n.durable?.served ?? 0)) return `${n.id} served ${n.state.served}`;
        }
        return undefined;
      },
    },
    safetyTicks: 150,
    liveness: {
      progress: 'a call made after settling is answered',
      holds: (view) => view.history.some((op) => op.returnTick !== undefined && op.invokeTick >= view.settledTick!),
      withinTicks: 50,
    },
  });
  assertPassed(result); // on failure, throws the seed, the tick, the message and the end of the trace
  // #endregion
  return result;
}

describe('the README example', () => {
  it('runs and passes', () => {
    const result = runExample();
    expect(result.history.length).toBeGreaterThan(5);
    expect(formatTrace(result.trace, { toTick: 20 })).toContain('Served(hi 0)');
  });

  it('its trace and diagram in snippets/README.md are what it prints', () => {
    const readme = readFileSync('snippets/README.md', 'utf8');
    const result = runExample();
    expect(readme).toContain('```text\n' + formatTrace(result.trace, { toTick: 10 }) + '```');
    expect(readme).toContain('```mermaid\n' + traceToMermaid(result.trace, { toTick: 10 }) + '```');
  });

  it('is shown in snippets/README.md exactly as tested here', () => {
    const readme = readFileSync('snippets/README.md', 'utf8');
    const source = readFileSync('tests/snippets/sim/readme-example.test.ts', 'utf8');
    for (const region of ['model', 'run']) {
      const code = extractRegion(source, region)!.replace("'../../../snippets/sim/index.ts'", "'../sim/index.ts'");
      expect(readme).toContain(code);
    }
  });
});
