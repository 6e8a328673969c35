/** The delos player's module: /play/delos/player.js (src/integrations/player-bundles.ts bundles it). */
import { delosPlay } from '../../../snippets/delos/play.ts';
import { mountPlayer, type MountOptions } from './mount.ts';

export function mount(root: HTMLElement, options: MountOptions): void {
  mountPlayer(root, delosPlay, options);
}
