/** Helpers for the per-model descriptor tests: play a scenario to its end, and compare it with the scripted run it comes from. */
import { expect } from 'vitest';
import { PlayRun, type Frame } from '../../../snippets/play/player.ts';
import type { PlayDescriptor } from '../../../snippets/play/descriptor.ts';
import type { ModelTypes, RunResult, Trace } from '../../../snippets/sim/index.ts';

/** Steps a run until it ends (a failure, or the descriptor's maxTicks); its last frame. */
export function toEnd<T extends ModelTypes>(run: PlayRun<T>): Frame<T> {
  let frame = run.frame(0);
  while (!run.ended) frame = run.frame(frame.step + 1);
  return run.frame(run.recorded);
}

/** Plays a scenario until the run ends; returns the run and its last frame. */
export function played<T extends ModelTypes>(descriptor: PlayDescriptor<T>, scenario: string, variant: string | undefined, seed = 1) {
  const run = new PlayRun(descriptor, { scenario, seed, variant, actions: [] });
  return { run, last: toEnd(run) };
}

/** The first frame at or after `tick`. */
export function frameAtTick<T extends ModelTypes>(descriptor: PlayDescriptor<T>, scenario: string, tick: number, variant?: string): Frame<T> {
  const run = new PlayRun(descriptor, { scenario, seed: 1, variant, actions: [] });
  let frame = run.frame(0);
  while (frame.tick < tick && !run.ended) frame = run.frame(frame.step + 1);
  return frame;
}

/**
 * The player ran the very run `simulated` ran: event for event up to where either stopped (the
 * player may check more, and so stop earlier, than the script does).
 */
export function expectSameRun<T extends ModelTypes>(descriptor: PlayDescriptor<T>, scenario: string, variant: string | undefined, simulated: RunResult<T>): void {
  const { run, last } = played(descriptor, scenario, variant);
  const ran = run.trace.events.filter((e) => e.kind !== 'failure');
  const expected = simulated.trace.events.filter((e) => e.kind !== 'failure');
  const until = last.failure ? last.failure.tick : simulated.tick;
  const upTo = (events: typeof ran) => events.filter((e) => e.tick < until);
  expect(upTo(ran).length).toBeGreaterThan(5);
  expect(upTo(ran)).toEqual(upTo(expected));
}

/** A node's card as label → value. */
export function cardOf<T extends ModelTypes>(descriptor: PlayDescriptor<T>, frame: Frame<T>, id: string): { role: string; fields: Record<string, string> } {
  const node = frame.view.nodes.find((n) => n.id === id);
  if (!node?.up) throw new Error(`${id} is not up at step ${frame.step}`);
  const card = descriptor.nodeView(node.state);
  return { role: card.role, fields: Object.fromEntries(card.fields.map((f) => [f.label, f.value])) };
}

/** Each answer a client got, as `tick client label`, in order: what a scenario's readers see it return. */
export function returnLines(trace: Trace): string[] {
  return trace.events.flatMap((e) => (e.kind === 'return' ? [`${e.tick} ${e.node} ${e.label}`] : []));
}
