/**
 * Where a reader can replay an explorer's counterexample in the browser player (`/play/<model>/`),
 * move by move: the explorer's configuration (its Size) and the violation's path, in the player's
 * replay URL format (snippets/play/url.ts, ReplaySpec; snippets/play/replay.ts replays it with the
 * explorer's own code). It opens at the last move, on the violation.
 */
import type { Size } from './descriptor.ts';
import type { Move } from './explorer.ts';
import { encodeReplaySpec } from '../play/url.ts';

export function replayLink(model: string, size: Size, path: readonly Move[]): string {
  const query = encodeReplaySpec({
    explore: model,
    variant: size.variant,
    nodes: size.nodes,
    requests: size.requests,
    ...(size.shape !== undefined && size.shape !== size.variant ? { shape: size.shape } : {}),
    path,
    step: path.length,
  });
  return `/play/${model}/?${query}`;
}
