import { describe, expect, it } from 'vitest';
import { explainFailure } from '../../../snippets/play/explain.ts';
import type { PlayDescriptor } from '../../../snippets/play/descriptor.ts';
import type { Frame } from '../../../snippets/play/player.ts';
import type { ClientOperation, Failure, ModelTypes } from '../../../snippets/sim/index.ts';

/** A frame with just what the explanation reads: its step, tick, nodes, history and failure. */
function frameOf(nodes: string[], history: ClientOperation[], failure: Failure | undefined): Frame<ModelTypes> {
  return { step: 31, tick: 14, view: { tick: 14, nodes: nodes.map((id) => ({ id })), history, settledTick: undefined }, inFlight: [], rules: [], traceLength: 0, failure } as unknown as Frame<ModelTypes>;
}
const plain = { model: {} } as unknown as PlayDescriptor<ModelTypes>;
const described = { model: { describeResponse: (r: { ok: boolean }) => (r.ok ? 'ok' : 'refused') } } as unknown as PlayDescriptor<ModelTypes>;
const broke = (message: string): Failure => ({ kind: 'invariant-violated', tick: 14, message });
const op = (client: string, over: Partial<ClientOperation>): ClientOperation => ({ id: 1, client, op: 'put', args: ['x', 1], key: 'x', invokeTick: 2, invokeOrder: 1, ...over });

describe("the player's alert for a failed run (explainFailure)", () => {
  it('a run that has not failed has nothing to explain', () => {
    expect(explainFailure(plain, frameOf(['r1'], [], undefined), ['c1'])).toBeUndefined();
  });

  it('says where the run broke (step and tick) and what broke, as the run reported it', () => {
    const e = explainFailure(plain, frameOf(['r1', 'r2'], [], broke('two primaries')), [])!;
    expect(e.where).toBe('Step 31, tick 14');
    expect(e.what).toBe('two primaries');
  });

  it('names the nodes and clients the message names, nodes first in cluster order, whole words only', () => {
    const e = explainFailure(plain, frameOf(['r1', 'r2', 'r3', 'r10'], [], broke('c2 read x from r3, but r1 (view 2) committed it; r10-b is not r10')), ['c1', 'c2'])!;
    expect(e.involved).toEqual(['r1', 'r3', 'r10', 'c2']);
  });

  it('a name at the very start or end of the message counts; one inside a longer name does not', () => {
    expect(explainFailure(plain, frameOf(['r1', 'r2'], [], broke('r1 disagrees with r2')), [])!.involved).toEqual(['r1', 'r2']);
    expect(explainFailure(plain, frameOf(['r1', 'r2'], [], broke('xr1 and r2_ and r2-b')), [])!.involved).toEqual([]);
  });

  it('a name with regular-expression characters matches only itself', () => {
    const e = explainFailure(plain, frameOf(['n.1', 'm.2', 'n+'], [], broke('nx1 is down, m.2 is late, n+ is up')), [])!;
    expect(e.involved).toEqual(['m.2', 'n+']);
  });

  it('lists each returned call with its answer and tick, leaving out calls still waiting', () => {
    const history = [op('c1', { returnTick: 5, result: { ok: true } }), op('c2', { id: 2, op: 'get', args: [] }), op('c2', { id: 3, args: ['x', 2], returnTick: 9, result: { ok: false } })];
    const e = explainFailure(described, frameOf(['r1'], history, broke('lost')), ['c1', 'c2'])!;
    expect(e.acknowledged).toEqual(['c1: put(x, 1) → ok, at tick 5', 'c2: put(x, 2) → refused, at tick 9']);
  });

  it('without a description of responses, an answer shows as compact JSON', () => {
    const e = explainFailure(plain, frameOf(['r1'], [op('c1', { returnTick: 5, result: { ok: true } })], broke('lost')), ['c1'])!;
    expect(e.acknowledged).toEqual(['c1: put(x, 1) → {"ok":true}, at tick 5']);
  });
});
