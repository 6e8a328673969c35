/** The dynamo player's module: /play/dynamo/player.js (src/integrations/player-bundles.ts bundles it). */
import { dynamoPlay } from '../../../snippets/dynamo/play.ts';
import { mountPlayer, type MountOptions } from './mount.ts';

export function mount(root: HTMLElement, options: MountOptions): void {
  mountPlayer(root, dynamoPlay, options);
}
