/**
 * A failed run in words, for the player's alert: which step broke what, which nodes and clients the
 * violation names (their cards are highlighted), and what the clients had been told by then (the
 * acknowledged calls), so "what was acknowledged, what was lost" can be read side by side.
 */
import { callLabel, compactLabel, type ModelTypes } from '../sim/index.ts';
import type { PlayDescriptor } from './descriptor.ts';
import type { Frame } from './player.ts';

export interface Explanation {
  /** `Step 31, tick 14`. */
  readonly where: string;
  /** The violated rule or check, as the run reported it. */
  readonly what: string;
  /** Nodes and clients the message names, in cluster order (nodes first). */
  readonly involved: readonly string[];
  /** One line per call that had returned by then: `c1: put(x, 1, s=1) → ok, at tick 5`. */
  readonly acknowledged: readonly string[];
}

export function explainFailure<T extends ModelTypes>(descriptor: PlayDescriptor<T>, frame: Frame<T>, clients: readonly string[]): Explanation | undefined {
  const failure = frame.failure;
  if (!failure) return undefined;
  const names = [...frame.view.nodes.map((n) => n.id), ...clients];
  const involved = names.filter((name) => new RegExp(`(^|[^A-Za-z0-9_-])${escape(name)}($|[^A-Za-z0-9_-])`).test(failure.message));
  const answer = (result: unknown) => descriptor.model.describeResponse?.(result as T['response']) ?? compactLabel(result);
  const acknowledged = frame.view.history
    .filter((op) => op.returnTick !== undefined)
    .map((op) => `${op.client}: ${callLabel(op.op, op.args, op.key)} → ${answer(op.result)}, at tick ${op.returnTick}`);
  return { where: `Step ${frame.step}, tick ${frame.tick}`, what: failure.message, involved, acknowledged };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
