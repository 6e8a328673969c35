/** The quorums player's module: /play/quorums/player.js (src/integrations/player-bundles.ts bundles it). */
import { quorumsPlay } from '../../../snippets/quorums/play.ts';
import { mountPlayer, type MountOptions } from './mount.ts';

export function mount(root: HTMLElement, options: MountOptions): void {
  mountPlayer(root, quorumsPlay, options);
}
