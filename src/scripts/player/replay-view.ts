/**
 * The player page on an explorer replay URL (snippets/play/url.ts, ReplaySpec): the explorer's path,
 * move by move, with Back and Step, each node's card, the trace so far and, at the last move, the
 * explorer's violation. Everything shown comes from snippets/play/replay.ts (the explorer's own
 * code); a URL it cannot follow is shown as an error, never as another run.
 */
import type { ExploreDescriptor } from '../../../snippets/explore/descriptor.ts';
import type { PlayDescriptor } from '../../../snippets/play/descriptor.ts';
import { ReplayPlayer } from '../../../snippets/play/replay.ts';
import { decodeReplaySpec, encodeReplaySpec } from '../../../snippets/play/url.ts';
import type { ModelTypes } from '../../../snippets/sim/index.ts';
import { formatEvent } from '../../../snippets/sim/trace-text.ts';
import { h } from './dom.ts';
import css from './player.css?inline';

export function mountReplay<T extends ModelTypes>(root: HTMLElement, play: PlayDescriptor<T>, explore: ExploreDescriptor, query: string): void {
  if (!document.getElementById('player-css')) document.head.append(h('style', { id: 'player-css' }, css));
  let player: ReplayPlayer;
  try {
    const spec = decodeReplaySpec(query);
    if (spec.explore !== play.name) throw new Error(`explore: "${spec.explore}" is not this page's model (${play.name})`);
    player = new ReplayPlayer(explore, spec);
  } catch (error) {
    root.replaceChildren(h('p', { class: 'player-failure', role: 'alert' }, `This explorer replay link cannot be replayed: ${error instanceof Error ? error.message : String(error)}`));
    return;
  }
  const spec = player.spec;
  const status = h('p', { class: 'player-replay-status', 'aria-live': 'polite' });
  const cards = h('div', { class: 'player-replay-nodes' });
  const failure = h('div', { class: 'player-failure', role: 'alert' });
  const trace = h('pre', { class: 'player-trace', tabindex: 0, 'aria-label': 'Trace of the replayed moves so far' });
  const button = (label: string, onClick: () => void) => {
    const b = h('button', { type: 'button' }, label);
    b.addEventListener('click', () => (onClick(), render()));
    return b;
  };
  const back = button('← Back', () => player.back());
  const step = button('Step →', () => player.forward());
  const render = () => {
    const frame = player.frame;
    back.toggleAttribute('disabled', player.step === 0);
    step.toggleAttribute('disabled', player.atEnd);
    status.textContent = `Move ${player.step} of ${spec.path.length}`;
    cards.replaceChildren(
      ...frame.view.nodes.map((node) => {
        const card = node.up ? play.nodeView(node.state as T['state']) : undefined;
        return h('dl', { class: 'player-node', 'data-node': node.id }, h('dt', {}, `${node.id}: ${card ? card.role : 'down'}`), ...(card?.fields ?? []).map((f) => h('dd', {}, `${f.label}: ${f.value}`)));
      }),
    );
    failure.textContent = frame.failure ? frame.failure.message : '';
    failure.hidden = !frame.failure;
    trace.textContent = player.run.trace.events.slice(0, frame.traceLength).map((e) => formatEvent(e)).join('\n');
    history.replaceState(null, '', `?${encodeReplaySpec(player.spec)}`);
  };
  const variant = spec.variant === undefined ? 'the correct model' : `variant ${spec.variant}`;
  // Inside .player, so the player's styles (button size, focus ring, the trace's scroll box) apply here too.
  root.replaceChildren(h('div', { class: 'player' },
    h('p', { class: 'player-description' }, `The explorer's shortest counterexample: ${play.title}, ${variant}, ${spec.nodes} nodes, ${spec.requests} request${spec.requests === 1 ? '' : 's'}; ${spec.path.length} moves, replayed exactly as the explorer took them (npm run explore -- ${spec.explore}${spec.variant === undefined ? '' : ` --variant ${spec.variant}`}).`),
    h('div', { class: 'player-controls' }, back, step, status),
    failure,
    cards,
    trace,
  ));
  render();
}
