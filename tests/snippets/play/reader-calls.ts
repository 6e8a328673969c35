/** Helpers for the per-model reader-call tests: make the reader's calls one after another, and replay them from their URL. */
import { expect } from 'vitest';
import { Player, PlayRun } from '../../../snippets/play/player.ts';
import type { PlayDescriptor } from '../../../snippets/play/descriptor.ts';
import { decodeSpec, encodeSpec } from '../../../snippets/play/url.ts';
import type { ClientOperation, ModelTypes } from '../../../snippets/sim/index.ts';

export interface ReaderCall {
  readonly call: string;
  readonly to: string;
  readonly value?: number;
}

const answered = (ops: readonly ClientOperation[]) => ops.filter((op) => op.client === 'you' && op.returnTick !== undefined).length;

/**
 * From step `from` of `scenario`, makes each call as soon as the one before it is answered (as a reader
 * clicking the button would), then steps until the last is answered or the run ends.
 */
export function callInTurn<T extends ModelTypes>(descriptor: PlayDescriptor<T>, scenario: string, from: number, calls: readonly ReaderCall[]) {
  const player = new Player(descriptor, { scenario, seed: 1, variant: undefined, actions: [], step: from });
  for (const [i, c] of calls.entries()) {
    expect(player.act({ kind: 'call', call: c.call, to: c.to, ...(c.value === undefined ? {} : { value: c.value }) })).toBeUndefined();
    while (answered(player.frame.view.history) < i + 1 && !player.atEnd) player.forward();
  }
  const frame = player.frame;
  return { player, frame, ours: frame.view.history.filter((op) => op.client === 'you') };
}

/** The player's URL replays the same run: the same actions, the same events up to the same step. */
export function expectUrlReplays<T extends ModelTypes>(descriptor: PlayDescriptor<T>, player: Player<T>): void {
  const query = encodeSpec(player.spec);
  expect(query).toMatch(/\.call\./);
  const decoded = decodeSpec(query, { scenario: descriptor.scenarios[0]!.id });
  expect(decoded).toEqual(player.spec);
  const again = new PlayRun(descriptor, decoded);
  const frame = again.frame(decoded.step);
  expect(again.trace.events.slice(0, frame.traceLength)).toEqual(player.run.trace.events.slice(0, player.frame.traceLength));
  expect(frame.view.history).toEqual(player.frame.view.history);
}
