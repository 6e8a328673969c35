/** The neon player's module: /play/neon/player.js (src/integrations/player-bundles.ts bundles it). */
import { neonPlay } from '../../../snippets/neon/play.ts';
import { explore } from '../../../snippets/neon/explore.ts';
import { isReplayQuery } from '../../../snippets/play/url.ts';
import { mountPlayer, type MountOptions } from './mount.ts';
import { mountReplay } from './replay-view.ts';

export function mount(root: HTMLElement, options: MountOptions): void {
  // An explorer's counterexample URL (npm run explore prints it) replays the explorer's path instead.
  if (options.standalone && isReplayQuery(location.search)) mountReplay(root, neonPlay, explore, location.search);
  else mountPlayer(root, neonPlay, options);
}
