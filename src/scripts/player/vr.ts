/** The VR player's module: /play/vr/player.js (src/integrations/player-bundles.ts bundles it). */
import { vrPlay } from '../../../snippets/vr/play.ts';
import { mountPlayer, type MountOptions } from './mount.ts';

export function mount(root: HTMLElement, options: MountOptions): void {
  mountPlayer(root, vrPlay, options);
}
