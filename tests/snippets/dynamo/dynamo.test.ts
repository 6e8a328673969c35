import { describe, expect, it } from 'vitest';
import { formatFailure, formatTrace, seeds, type RunResult } from '../../../snippets/sim/index.ts';
import { FAULTY, runDynamo } from '../../../snippets/dynamo/run-dynamo.ts';
import { concurrentPuts, deadHomes, firstReplyOnly, forgottenCounter, partitionedWrite, restartedCoordinator, scenarios, staleReadIn, writeThenRead } from '../../../snippets/dynamo/scenarios.ts';
import { demo } from '../../../snippets/dynamo/demo.ts';
import type { DynamoTypes } from '../../../snippets/dynamo/types.ts';
import { DEFAULT_CONFIG } from '../../../snippets/dynamo/node.ts';
import { seedCount } from '../../support/mutation-seeds.ts';

const explain = (result: RunResult<DynamoTypes>) => (result.ok ? '' : formatFailure(result));
/** No failures: delays vary (1-6 ticks) but nothing is lost, crashed or cut. */
const CALM = { network: { delayTicksMin: 1, delayTicksMax: 6 } };

describe('Dynamo under faults: sloppy quorum, hinted handoff, read repair (§4.4-§4.7, §5)', () => {
  it('500 seeds with loss, duplication, reordering, partitions and crashes: no acknowledged put is lost, siblings never include an ancestor; after the heal the home replicas converge', () => {
    for (const seed of seeds(seedCount(500))) {
      const result = runDynamo({ seed, safetyTicks: 100, ...FAULTY });
      expect(result.ok, `seed ${seed}: ${explain(result)}`).toBe(true);
    }
  });

  it('the faulty runs do exercise the fallbacks: some puts are acknowledged through hinted replicas', () => {
    const result = runDynamo({ seed: 3, safetyTicks: 100, ...FAULTY });
    expect(formatTrace(result.trace)).toMatch(/replicate cart-\d=\S+ hint n\d/);
    expect(formatTrace(result.trace)).toMatch(/handoff cart-\d/);
  });

  it('--seed 31 (the run the note walks through): a hinted copy, handoffs dropped until took, siblings on every home replica', () => {
    const text = demo.run({ seed: 31, mermaid: false });
    expect(text).toMatch(/\n +29 +n4 +send +→ n1 #\d+ replicate cart-1=1001@n4:1 hint n2\n/);
    expect(text).toMatch(/\n +32 +n1 +deliver +← n4 #\d+ replicate cart-1=1001@n4:1 hint n2\n/);
    expect(text).toMatch(/\n +32 +n2 +drop +← n1 #\d+ handoff cart-1=1001@n4:1 \(partition\)\n/);
    expect(text).toMatch(/\n +61 +n2 +send +→ n1 #\d+ took cart-1@n4:1\n/);
    expect(text).toMatch(/\n +\d+ +n2 +deliver +← c3 #\d+ put\(cart-1, \{\}, 3001\)\n/);
    expect(text).toMatch(/\n +\d+ +n2 +persist +cart-1=3001@n2:1 \| 1001@n4:1\n/);
    expect(text).toContain('\n  n4: 3001@n2:1 | 1001@n4:1\n  n5: 3001@n2:1 | 1001@n4:1\n  n2: 3001@n2:1 | 1001@n4:1\n');
  });
});

describe('strict quorum, R + W > N, no failures: a get sees every put acknowledged before it began (§4.5)', () => {
  it.each([
    { r: 2, w: 2, count: 200 },
    { r: 1, w: 3, count: 80 },
    { r: 3, w: 1, count: 80 },
  ])('N = 3, R = $r, W = $w over $count seeds', ({ r, w, count }) => {
    for (const seed of seeds(seedCount(count))) {
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

describe('broken variant: operation ids restart at 1 after a crash (issue 29 §2)', () => {
  it('scripted: acks for the old life\'s put 5 (op 1) acknowledge the new life\'s put 7 (op 1 again), whose copies were lost: put 7 is on no disk', () => {
    const broken = restartedCoordinator(false);
    expect(broken.ok, 'the reused op id should lose an acknowledged put').toBe(false);
    console.log(`op ids restart after a crash: caught\n${explain(broken)}`);
    expect(broken.ok ? '' : broken.message).toMatch(/no acknowledged put is lost .*put\(cart-1, 7\) acknowledged at tick 13 is on no disk/);
  });

  it('the same run with the incarnation: put 7 is op 1.1, the stale acks count for nothing, and fallbacks store it with hints', () => {
    const result = restartedCoordinator(true);
    expect(result.ok, explain(result)).toBe(true);
    const trace = formatTrace(result.trace);
    expect(trace).toMatch(/n3 +persist +boot 1/);
    expect(trace).toMatch(/stored, op 1\.1/);
    const put7 = result.history.find((op) => op.args === 7);
    expect(put7?.result).toEqual({ kind: 'put-ok', dot: { node: 'n3', counter: 2 } });
  });

  it('the boot count is on disk before the restarted node sends anything, and grows with every restart', () => {
    const trace = formatTrace(restartedCoordinator(true).trace).split('\n');
    const restart = trace.findIndex((l) => / n3 +restart /.test(l));
    expect(trace[restart + 1]).toMatch(/ n3 +persist +boot 1$/);
  });
});

describe('broken variant: the dot counter is lost in a crash (§4.4, issue 29 §5)', () => {
  it('scripted: the restarted coordinator stamps put 7 with n3:1 again; the homes take it for put 5 and put 7 is lost', () => {
    const broken = forgottenCounter(false);
    expect(broken.ok).toBe(false);
    expect(broken.ok ? '' : broken.message).toMatch(/a dot names one write .*dot n3:1 names two writes: 5 \(put acknowledged at tick 5\) and 7 \(put acknowledged at tick 13\)/);
  });

  it('the same run with the counter on disk: put 7 is n3:2, and a get returns 5 and 7 as siblings', () => {
    const result = forgottenCounter(true);
    expect(result.ok, explain(result)).toBe(true);
    const get = result.history.find((op) => op.op === 'get');
    expect((get?.result as { siblings: { value: number }[] }).siblings.map((s) => s.value)).toEqual([5, 7]);
  });

  it('random faulty runs catch it too: some of the suite\'s seeds crash a coordinator between two puts', () => {
    let caught: RunResult<DynamoTypes> | undefined;
    for (const seed of seeds(60)) {
      const result = runDynamo({ seed, safetyTicks: 100, config: { durableDots: false }, ...FAULTY });
      if (!result.ok) {
        caught = result;
        break;
      }
    }
    expect(caught, 'no seed of 60 caught a forgotten dot counter').toBeDefined();
    expect(caught!.ok ? '' : caught!.message).toMatch(/names two writes|is on no disk/);
  });
});

describe('broken variant: a get answers with one reply instead of merging all R (§4.5, issue 29 §5)', () => {
  it('scripted: R = 2 replicas answer, one holds put 7, and the get returns the other\'s nothing', () => {
    const broken = firstReplyOnly(false);
    expect(broken.ok).toBe(false);
    expect(broken.ok ? '' : broken.message).toMatch(/get\(cart-1\) at ticks 8-12 returned \[\], missing put 7 acknowledged at tick 5/);
  });

  it('merging both replies, the same get returns 7', () => {
    const result = firstReplyOnly(true);
    expect(result.ok, explain(result)).toBe(true);
    const get = result.history.find((op) => op.op === 'get');
    expect((get?.result as { siblings: { value: number }[] }).siblings.map((s) => s.value)).toEqual([7]);
  });
});

describe('efficiency: choosing targets by the failure detector (§4.6, issue 29 §5)', () => {
  const latencies = (avoidSuspects: boolean) => {
    const result = deadHomes(avoidSuspects);
    expect(result.ok, explain(result)).toBe(true);
    return result.history.map((op) => op.returnTick! - op.invokeTick);
  };

  it('with two homes down, the first put waits out the replica timeout; later puts go straight to healthy nodes', () => {
    const [first, ...later] = latencies(true);
    expect(first).toBeGreaterThan(DEFAULT_CONFIG.replicaTimeoutTicks);
    for (const ticks of later) expect(ticks).toBeLessThan(DEFAULT_CONFIG.replicaTimeoutTicks);
  });

  it('ignoring suspicion, every put waits out the timeout again, and nothing is lost (the invariants hold): a rule for speed, not safety', () => {
    for (const ticks of latencies(false)) expect(ticks).toBeGreaterThan(DEFAULT_CONFIG.replicaTimeoutTicks);
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

  it('--variant forgetful-dots --seed 12 (the seed the note gives) fails, naming the dot', () => {
    const text = demo.run({ seed: 12, mermaid: false, variant: 'forgetful-dots' });
    expect(text).toContain('Broken variant forgetful-dots:');
    expect(text).toMatch(/\nRun: FAILED in the safety phase at tick \d+: invariant "a dot names one write \(§4\.4\)" violated/);
    expect(demo.run({ seed: 12, mermaid: false })).toMatch(/\nRun: invariants held after every step/);
  });

  it.each(Object.keys(scenarios))('scenario %s draws a sequence diagram', (name) => {
    expect(scenarios[name]!()).toMatch(/^sequenceDiagram/);
  });
});

describe('the note describes the op-ids-restart diagram', () => {
  it('shows the crash, the acks for op 1 arriving after the restart, and put 7 acknowledged with its copies lost', () => {
    const lines = scenarios['op-ids-restart']!().split('\n').map((l) => l.trim());
    expect(lines).toEqual(expect.arrayContaining([
      'c1->>n3: put(cart‑1, {}, 5)', 'Note over n3: crashed', 'Note over n3: restarted from disk', 'c2->>n3: put(cart‑1, {}, 7)',
      'Note over n3,n4: replicate cart‑1=7@n3:2 n3→n4 lost (partition)', 'n4->>n3: stored, op 1', 'n5->>n3: stored, op 1', 'n3-->>c2: ok n3:2',
    ]));
    expect(lines.filter(Boolean).at(-1)).toMatch(/put\(cart‑1, 7\) acknowledged at tick 13 is on no disk/);
  });
});

describe('golden diagrams (update only on purpose)', () => {
  it.each(['hinted-handoff', 'no-hinted-handoff', 'stale-read', 'op-ids-restart'])('%s', async (name) => {
    await expect(scenarios[name]!()).toMatchFileSnapshot(`golden/${name}.mmd`);
  });
});
