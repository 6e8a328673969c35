/**
 * Breadth first, the explorer's counterexample is a shortest one: never longer than the run random
 * search fails on. Compared in moves, the explorer's unit: a random run's trace is cut at its failure
 * and counted as the events the explorer would have chosen (deliveries, client calls and returns,
 * timers that fired, crashes, restarts, losses); drops at a crashed node and partition drops are left
 * out, which only shortens the random side.
 */
import { describe, expect, it } from 'vitest';
import type { ExploreDescriptor } from '../../../snippets/explore/descriptor.ts';
import { exploreModel } from '../../../snippets/explore/explorer.ts';
import { explore as dynamo } from '../../../snippets/dynamo/explore.ts';
import { explore as vr } from '../../../snippets/vr/explore.ts';
import { runDynamo } from '../../../snippets/dynamo/run-dynamo.ts';
import { FAULTY as VR_FAULTY, runVr } from '../../../snippets/vr/run-vr.ts';
import type { RunResult, Trace } from '../../../snippets/sim/index.ts';

/** Trace events that are one explorer move each. */
function moves(trace: Trace): number {
  return trace.events.filter((e) =>
    e.kind === 'deliver' || e.kind === 'invoke' || e.kind === 'return' || e.kind === 'ignore' || e.kind === 'timer' ||
    e.kind === 'crash' || e.kind === 'restart' || e.kind === 'timeout' || (e.kind === 'drop' && e.reason === 'loss')).length;
}

/** The first seed (of `seeds`) whose run breaks an invariant matching `pattern`. */
function firstFailure(seeds: number, run: (seed: number) => RunResult<never>, pattern: RegExp) {
  for (let seed = 1; seed <= seeds; seed++) {
    const result = run(seed);
    if (!result.ok && result.kind === 'invariant-violated' && pattern.test(result.message)) return { seed, result };
  }
  return undefined;
}

interface Case {
  readonly name: string;
  readonly descriptor: ExploreDescriptor;
  readonly variant: string;
  readonly pattern: RegExp;
  /** One random run (its model's types erased, so cases of two models share a list). */
  readonly random: (seed: number) => RunResult<never>;
}

const cases: Case[] = [
  {
    name: 'vr new-primary-keeps-own-log',
    descriptor: vr,
    variant: 'new-primary-keeps-own-log',
    pattern: /committed operations survive/,
    random: (seed) => runVr({ seed, config: { logChoice: 'own' }, ...VR_FAULTY }) as RunResult<never>,
  },
  {
    name: 'dynamo r1-w1',
    descriptor: dynamo,
    variant: 'r1-w1',
    pattern: /a get sees every put acknowledged before it began/,
    random: (seed) => runDynamo({ seed, nodes: 3, strict: true, config: { r: 1, w: 1 }, noLiveness: true }) as RunResult<never>,
  },
];

describe.each(cases)('$name: the explorer’s counterexample against random search’s', (c) => {
  it('is no longer, in moves, than the first failing random run', () => {
    const found = firstFailure(60, c.random, c.pattern);
    expect(found, 'random search finds the bug within 60 seeds').toBeDefined();
    const result = exploreModel(c.descriptor, c.variant);
    expect(result.violation?.message).toMatch(c.pattern);
    const randomMoves = moves(found!.result.trace);
    expect(result.violation!.events.length).toBeLessThanOrEqual(randomMoves);
    // Not a tie by accident: the random run wanders far more.
    expect(randomMoves).toBeGreaterThan(2 * result.violation!.events.length);
  }, 300_000);
});
