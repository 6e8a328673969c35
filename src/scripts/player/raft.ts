/** The raft player's module: /play/raft/player.js (src/integrations/player-bundles.ts bundles it). */
import { raftPlay } from '../../../snippets/raft/play.ts';
import { explore } from '../../../snippets/raft/explore.ts';
import { isReplayQuery } from '../../../snippets/play/url.ts';
import { mountPlayer, type MountOptions } from './mount.ts';
import { mountReplay } from './replay-view.ts';

export function mount(root: HTMLElement, options: MountOptions): void {
  // An explorer's counterexample URL (npm run explore prints it) replays the explorer's path instead.
  if (options.standalone && isReplayQuery(location.search)) mountReplay(root, raftPlay, explore, location.search);
  else mountPlayer(root, raftPlay, options);
}
