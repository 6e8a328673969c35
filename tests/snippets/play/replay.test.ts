/**
 * The explorer's counterexample, replayed in the player from the URL `npm run explore` prints: the
 * same moves reach the same trace (every state along the way) and the same violation, step/back is a
 * replay of a prefix, and a URL the cluster cannot follow is refused with the move that fails.
 */
import { describe, expect, it } from 'vitest';
import { resolveBounds, type ExploreDescriptor } from '../../../snippets/explore/descriptor.ts';
import { explore, type Violation } from '../../../snippets/explore/explorer.ts';
import { replayLink } from '../../../snippets/explore/player-link.ts';
import { ReplayPlayer, ReplayRun } from '../../../snippets/play/replay.ts';
import { decodeReplaySpec, isReplayQuery, type ReplaySpec } from '../../../snippets/play/url.ts';
import { explore as quorums } from '../../../snippets/quorums/explore.ts';
import { explore as vr } from '../../../snippets/vr/explore.ts';
import { explore as dynamo } from '../../../snippets/dynamo/explore.ts';

const descriptors: Readonly<Record<string, ExploreDescriptor>> = { vr, quorums, dynamo };
const found = new Map<string, { violation: Violation; link: string }>();

/** The explorer's counterexample for `variant` at its default bounds, and the link the CLI prints for it. */
function counterexample(model: string, variant: string) {
  const key = `${model} ${variant}`;
  if (!found.has(key)) {
    const descriptor = descriptors[model]!;
    const { size, bounds } = resolveBounds(descriptor, variant);
    const { violation } = explore(descriptor.setup(size).setup, bounds);
    if (!violation) throw new Error(`${key}: the explorer found no violation`);
    found.set(key, { violation, link: replayLink(model, size, violation.events) });
  }
  return found.get(key)!;
}

const queryOf = (link: string) => new URL(link, 'http://x').search.slice(1);

describe.each([
  { model: 'vr', variant: 'new-primary-keeps-own-log' },
  // A crash cut inside a step and a history (linearizability) violation.
  { model: 'quorums', variant: 'ack-before-persist' },
  // A crash and a restart between steps.
  { model: 'quorums', variant: 'writer-ids-restart' },
  { model: 'dynamo', variant: 'r1-w1' },
])('replaying $model --variant $variant from its URL', { timeout: 120_000 }, ({ model, variant }) => {
  it('reaches the same trace and the same violation as the explorer', () => {
    const { violation, link } = counterexample(model, variant);
    expect(link.startsWith(`/play/${model}/?`)).toBe(true);
    const query = queryOf(link);
    expect(isReplayQuery(query)).toBe(true);
    const spec = decodeReplaySpec(query);
    expect(spec.path).toEqual(violation.events);
    expect(spec.step).toBe(violation.events.length);
    const run = new ReplayRun(descriptors[model]!, spec);
    expect(run.violation).toBe(violation.message);
    expect(run.frame(spec.step).failure?.message).toBe(violation.message);
    // Every event the explorer's own replay traced, in order: the same states all the way, and the same end.
    expect(run.trace.events).toEqual(violation.trace.events);
    // No step before the last is a violation.
    expect(run.frames.slice(0, -1).every((frame) => frame.failure === undefined)).toBe(true);
  });

  it('steps back and forth as replays of a prefix of the path', () => {
    const { link } = counterexample(model, variant);
    const spec = decodeReplaySpec(queryOf(link));
    const player = new ReplayPlayer(descriptors[model]!, spec);
    expect(player.atEnd).toBe(true);
    for (let k = spec.step; k > 0; k--) {
      const back = player.back();
      expect(player.step).toBe(k - 1);
      const prefix = new ReplayRun(descriptors[model]!, { ...spec, path: spec.path.slice(0, k - 1), step: k - 1 });
      expect(back.view).toEqual(prefix.frame(k - 1).view);
      expect(back.inFlight).toEqual(prefix.frame(k - 1).inFlight);
    }
    expect(player.back().step).toBe(0);
    expect(player.forward().step).toBe(1);
    expect(player.spec).toEqual({ ...spec, step: 1 });
  });
});

describe('a bad or stale replay URL is refused, never run as something else', () => {
  const spec = (): ReplaySpec => decodeReplaySpec(queryOf(counterexample('vr', 'new-primary-keeps-own-log').link));

  it('a move the cluster does not enable names the move', () => {
    const good = spec();
    const path = [...good.path];
    path[2] = { kind: 'deliver', copy: 999 };
    expect(() => new ReplayRun(vr, { ...good, path })).toThrow(/path: move 3 .*"copy":999.* is not possible in that state .*another version of the model/);
  });

  it('moves past the violation', () => {
    const good = spec();
    expect(() => new ReplayRun(vr, { ...good, path: [...good.path, { kind: 'call', client: 'c1' }] })).toThrow(/move 9 comes after the violation at move 8/);
  });

  it('a variant or shape the explorer does not know (its setup would build the correct model)', () => {
    expect(() => new ReplayRun(vr, { ...spec(), variant: 'no-such-rule' })).toThrow(/variant: the explorer has no variant "no-such-rule"/);
    expect(() => new ReplayRun(vr, { ...spec(), shape: 'no-such-rule' })).toThrow(/shape: the explorer has no variant "no-such-rule"/);
  });

  it('without the variant the same path is not a violation of the correct model', () => {
    // The correct model takes other steps on the same moves: either a move is refused or the path ends clean.
    let run: ReplayRun | undefined;
    try {
      run = new ReplayRun(vr, { ...spec(), variant: undefined });
    } catch (error) {
      expect(String(error)).toMatch(/not possible in that state/);
    }
    if (run) expect(run.violation).toBeUndefined();
  });
});
