import { describe, expect, it } from 'vitest';
import { formatFailure, formatTrace, seeds, type RunResult } from '../../../snippets/sim/index.ts';
import { FAULTY, runDynamo } from '../../../snippets/dynamo/run-dynamo.ts';
import { concurrentPuts, partitionedWrite, scenarios, staleReadIn, writeThenRead } from '../../../snippets/dynamo/scenarios.ts';
import { demo } from '../../../snippets/dynamo/demo.ts';
import type { DynamoTypes } from '../../../snippets/dynamo/types.ts';

const explain = (result: RunResult<DynamoTypes>) => (result.ok ? '' : formatFailure(result));
/** No failures: delays vary (1-6 ticks) but nothing is lost, crashed or cut. */
const CALM = { network: { delayTicksMin: 1, delayTicksMax: 6 } };

describe('Dynamo under faults: sloppy quorum, hinted handoff, read repair (§4.4-§4.7, §5)', () => {
  it('500 seeds with loss, duplication, reordering, partitions and crashes: no acknowledged put is lost, siblings never include an ancestor; after the heal the home replicas converge', () => {
    for (const seed of seeds(500)) {
      const result = runDynamo({ seed, safetyTicks: 100, ...FAULTY });
      expect(result.ok, `seed ${seed}: ${explain(result)}`).toBe(true);
    }
  });

  it('the faulty runs do exercise the fallbacks: some puts are acknowledged through hinted replicas', () => {
    const result = runDynamo({ seed: 3, safetyTicks: 100, ...FAULTY });
    expect(formatTrace(result.trace)).toMatch(/replicate cart-\d=\S+ hint n\d/);
    expect(formatTrace(result.trace)).toMatch(/handoff cart-\d/);
  });
});

describe('strict quorum, R + W > N, no failures: a get sees every put acknowledged before it began (§4.5)', () => {
  it.each([
    { r: 2, w: 2, count: 200 },
    { r: 1, w: 3, count: 80 },
    { r: 3, w: 1, count: 80 },
  ])('N = 3, R = $r, W = $w over $count seeds', ({ r, w, count }) => {
    for (const seed of seeds(count)) {
      const result = runDynamo({ seed, strict: true, safetyTicks: 80, config: { r, w }, ...CALM });
      expect(result.ok, `seed ${seed}: ${explain(result)}`).toBe(true);
    }
  });
});

describe('concurrent writes become siblings, none silently lost (§4.4)', () => {
  it('two puts with the same context come back together; a put with the merged context collapses them', () => {
    const result = concurrentPuts();
    expect(result.ok, explain(result)).toBe(true);
    const gets = result.history.filter((op) => op.op === 'get').map((op) => (op.result as { siblings: { value: number }[] }).siblings.map((s) => s.value));
    expect(gets).toEqual([[5, 6], [12]]);
  });
});

describe('broken variant: R + W ≤ N (§4.5)', () => {
  it('scripted: with R = W = 1 a get through n5 misses the put n4 acknowledged; with R = W = 2 it cannot', () => {
    const stale = staleReadIn(writeThenRead(1, 1));
    expect(stale, 'R = W = 1 should give a stale read').toMatch(/missing put 7 acknowledged/);
    expect(staleReadIn(writeThenRead(2, 2))).toBeUndefined();
  });

  it('random seeds, no failures at all: the strict-quorum invariant catches a stale read', () => {
    let caught: RunResult<DynamoTypes> | undefined;
    for (const seed of seeds(50)) {
      const result = runDynamo({ seed, strict: true, safetyTicks: 100, config: { r: 1, w: 1 }, ...CALM });
      if (!result.ok) {
        caught = result;
        break;
      }
    }
    expect(caught, 'no seed of 50 gave a stale read with R = W = 1').toBeDefined();
    console.log(`R = W = 1, N = 3: stale read caught\n${explain(caught!)}`);
    expect(caught!.ok ? '' : caught!.message).toMatch(/a get sees every put acknowledged before it began/);
  });
});

describe('broken variant: no hinted handoff (§4.6)', () => {
  it('a put acknowledged by fallbacks during a partition never reaches its home replicas: liveness fails, and the read after the heal misses it', () => {
    const broken = partitionedWrite(false);
    expect(broken.ok, 'without hints the home replicas should never converge').toBe(false);
    console.log(`no hinted handoff: caught\n${explain(broken)}`);
    expect(broken.ok ? '' : broken.message).toMatch(/no progress/);
    const read = broken.history.find((op) => op.op === 'get');
    expect((read?.result as { siblings: unknown[] }).siblings).toEqual([]);
    expect(staleReadIn(broken)).toMatch(/missing put 7/);
  });

  it('the same run with hinted handoff converges, and the read after the heal sees the put', () => {
    const result = partitionedWrite(true);
    expect(result.ok, explain(result)).toBe(true);
    const read = result.history.find((op) => op.op === 'get');
    expect((read?.result as { siblings: { value: number }[] }).siblings.map((s) => s.value)).toEqual([7]);
  });
});

describe('demo and scenarios', () => {
  it('the demo prints a trace and a verdict, and the same seed prints the same bytes', () => {
    const text = demo.run({ seed: 1, mermaid: false });
    expect(text).toMatch(/\nVerdict: eventually consistent — \d+ client calls: /);
    expect(text).toMatch(/\nChecked: no acknowledged put lost/);
    expect(demo.run({ seed: 1, mermaid: false })).toBe(text);
    expect(demo.run({ seed: 1, mermaid: true })).toMatch(/^sequenceDiagram/);
  });

  it.each(Object.keys(scenarios))('scenario %s draws a sequence diagram', (name) => {
    expect(scenarios[name]!()).toMatch(/^sequenceDiagram/);
  });
});

describe('golden diagrams (update only on purpose)', () => {
  it.each(['hinted-handoff', 'no-hinted-handoff', 'stale-read'])('%s', async (name) => {
    await expect(scenarios[name]!()).toMatchFileSnapshot(`golden/${name}.mmd`);
  });
});
