/**
 * The player's page part: renders a PlayDescriptor's runs (snippets/play/) as node cards, messages in
 * flight, the text trace and labelled controls. Loaded only when a reader presses "Run it" or opens
 * /play/<model>/ (src/components/player/). It keeps no run state of its own: everything shown is a
 * Frame of the Player, and the URL is the Player's spec.
 */
import { describeAction } from '../../../snippets/play/actions.ts';
import { scenarioOf, variantOf, type PlayDescriptor } from '../../../snippets/play/descriptor.ts';
import { Player, type Frame } from '../../../snippets/play/player.ts';
import { decodeSpec, encodeSpec, type PlaySpec } from '../../../snippets/play/url.ts';
import { formatEvent } from '../../../snippets/sim/trace-text.ts';
import { compactLabel, type ModelTypes } from '../../../snippets/sim/index.ts';
import { h, option } from './dom.ts';
import css from './player.css?inline';

export interface MountOptions {
  /** The standalone page keeps the URL in step with the run; a note page leaves its URL alone. */
  readonly standalone: boolean;
}

const SPEEDS = [
  { label: '1 step/s', ms: 1000 },
  { label: '3 steps/s', ms: 333 },
  { label: '10 steps/s', ms: 100 },
];
const TRACE_LINES = 40;

export function mountPlayer<T extends ModelTypes>(root: HTMLElement, descriptor: PlayDescriptor<T>, options: MountOptions): void {
  if (!document.getElementById('player-css')) document.head.append(h('style', { id: 'player-css' }, css));
  const pagePath = `/play/${descriptor.name}/`;
  const initial = readSpec(descriptor, options.standalone ? location.search : '');
  const player = new Player(descriptor, initial.spec);
  let timer: ReturnType<typeof setInterval> | undefined;
  let speed = SPEEDS[1]!.ms;

  const id = (name: string) => `player-${descriptor.name}-${name}`;
  const button = (label: string, onClick: () => void, attrs: Record<string, string> = {}) => {
    const b = h('button', { type: 'button', ...attrs }, label);
    b.addEventListener('click', onClick);
    return b;
  };

  // ── Setup: scenario, seed, variant ──
  const scenarioSelect = h('select', { id: id('scenario') });
  for (const s of descriptor.scenarios) scenarioSelect.append(option(s.id, s.label, s.id === player.spec.scenario));
  const seedInput = h('input', { id: id('seed'), type: 'number', min: 0, step: 1, inputmode: 'numeric', value: player.spec.seed });
  const variantSelect = h('select', { id: id('variant') });
  variantSelect.append(option('', 'none: the protocol as the paper has it', player.spec.variant === undefined));
  for (const v of descriptor.variants) variantSelect.append(option(v.id, v.label, v.id === player.spec.variant));
  const failingButton = button('Show me a failing run', () => {
    const variant = descriptor.variants.find((v) => v.id === variantSelect.value);
    if (!variant?.failing) return;
    scenarioSelect.value = variant.failing.scenario;
    seedInput.value = String(variant.failing.seed);
    restart();
  });
  const description = h('p', { class: 'player-description' });
  const restart = () => {
    stop();
    const seed = Number(seedInput.value);
    player.restart({ scenario: scenarioSelect.value, seed: Number.isInteger(seed) && seed >= 0 ? seed : 1, variant: variantSelect.value || undefined });
    render('New run.');
  };
  for (const control of [scenarioSelect, seedInput, variantSelect]) control.addEventListener('change', restart);

  // ── Time controls ──
  const backButton = button('← Back', () => move(() => player.back()), { 'aria-keyshortcuts': 'ArrowLeft' });
  const stepButton = button('Step →', () => move(() => player.forward()), { 'aria-keyshortcuts': 'ArrowRight' });
  const playButton = button('Play', () => (timer ? stop() : play()), { 'aria-keyshortcuts': 'Space', 'aria-pressed': 'false' });
  const speedSelect = h('select', { id: id('speed') });
  SPEEDS.forEach((s) => speedSelect.append(option(String(s.ms), s.label, s.ms === speed)));
  speedSelect.addEventListener('change', () => {
    speed = Number(speedSelect.value);
    if (timer) (stop(), play());
  });
  const link = h('a', { class: 'player-link', href: pagePath }, 'Link to this step');
  const copyButton = button('Copy link', () => {
    navigator.clipboard?.writeText(link.href).then(
      () => say('Link copied.'),
      () => say('Could not copy: use the “Link to this step” link.'),
    );
  });

  // ── What the run shows ──
  const status = h('p', { class: 'player-status', role: 'status', 'aria-live': 'polite' });
  const failure = h('div', { class: 'player-failure', role: 'alert' });
  const nodes = h('ul', { class: 'player-nodes', 'aria-label': 'Nodes' });
  const inFlight = h('ul', { class: 'player-flight' });
  const actions = h('ul', { class: 'player-actions' });
  const trace = h('pre', { class: 'player-trace', tabindex: 0, 'aria-label': 'Trace, last lines' });

  // ── Network faults ──
  const fromSelect = h('select', { id: id('drop-from') });
  const toSelect = h('select', { id: id('drop-to') });
  player.run.nodes.forEach((n, i) => (fromSelect.append(option(n, n, i === 0)), toSelect.append(option(n, n, i === 1))));
  const lossInput = h('input', { id: id('loss'), type: 'number', min: 0, max: 100, step: 1, value: 0 });
  const dupInput = h('input', { id: id('dup'), type: 'number', min: 0, max: 100, step: 1, value: 0 });
  const percent = (input: HTMLInputElement) => Math.max(0, Math.min(100, Math.round(Number(input.value) || 0)));

  root.replaceChildren(
    h(
      'div',
      { class: 'player' },
      h(
        'div',
        { class: 'player-setup' },
        h('label', { for: id('scenario') }, 'Scenario'),
        scenarioSelect,
        h('label', { for: id('seed') }, 'Seed'),
        seedInput,
        h('label', { for: id('variant') }, 'Break a rule'),
        variantSelect,
        failingButton,
      ),
      description,
      h('div', { class: 'player-controls', role: 'group', 'aria-label': 'Time' }, backButton, stepButton, playButton, h('label', { for: id('speed') }, 'Speed'), speedSelect, copyButton, link),
      status,
      failure,
      nodes,
      h(
        'div',
        { class: 'player-network', role: 'group', 'aria-label': 'Network faults' },
        button('Heal all links', () => act({ kind: 'heal' })),
        h('span', { class: 'player-field' }, h('label', { for: id('drop-from') }, 'Drop next message from'), fromSelect, h('label', { for: id('drop-to') }, 'to'), toSelect),
        button('Drop it', () => act({ kind: 'drop', from: fromSelect.value, to: toSelect.value })),
        h('span', { class: 'player-field' }, h('label', { for: id('loss') }, 'Loss %'), lossInput, h('label', { for: id('dup') }, 'Duplication %'), dupInput),
        button('Set rates', () => act({ kind: 'rates', lossPercent: percent(lossInput), duplicatePercent: percent(dupInput) })),
      ),
      h('h3', {}, 'Messages in flight'),
      inFlight,
      h('h3', {}, 'Your actions'),
      actions,
      h('h3', {}, 'Trace'),
      trace,
    ),
  );

  function act(action: Parameters<Player<T>['act']>[0]): void {
    stop();
    const refused = player.act(action);
    render(refused ? `Not done: ${refused}.` : `At step ${player.step}: ${describeAction({ ...action, at: player.step } as never)}.`);
  }

  function move(change: () => void): void {
    const before = player.step;
    change();
    if (player.step === before) {
      stop();
      render(player.step === 0 ? 'At the start.' : 'The run has ended.');
      return;
    }
    render();
  }

  function play(): void {
    if (player.atEnd) return;
    timer = setInterval(() => {
      move(() => player.forward());
      if (player.atEnd) stop();
    }, speed);
    playButton.textContent = 'Pause';
    playButton.setAttribute('aria-pressed', 'true');
  }

  function stop(): void {
    if (timer) clearInterval(timer);
    timer = undefined;
    playButton.textContent = 'Play';
    playButton.setAttribute('aria-pressed', 'false');
  }

  function say(text: string): void {
    status.textContent = text;
  }

  function render(note?: string): void {
    const frame = player.frame;
    const previous = player.step > 0 ? player.run.frame(player.step - 1) : undefined;
    const scenario = scenarioOf(descriptor, player.spec.scenario);
    description.textContent = scenario.description;
    const query = `?${encodeSpec(player.spec)}`;
    link.href = `${pagePath}${query}`;
    if (options.standalone) history.replaceState(null, '', query);
    root.dataset.step = String(frame.step);
    renderNodes(frame);
    renderFlight(frame);
    renderTrace(frame);
    actions.replaceChildren(...(player.spec.actions.length === 0 ? [h('li', {}, 'none yet')] : player.spec.actions.map((a) => h('li', {}, `step ${a.at}: ${describeAction(a)}`))));
    const what = player.run.trace.events.slice(previous?.traceLength ?? 0, frame.traceLength).map((e) => formatEvent(e).trim().replace(/^\d+\s+/, '').replace(/\s+/g, ' '));
    say(`${note ? note + ' ' : ''}Step ${frame.step}, tick ${frame.tick}${what.length ? ': ' + what.join('; ') : ''}.`);
    failure.replaceChildren(...(frame.failure ? [h('strong', {}, 'The run broke: '), frame.failure.message] : []));
    backButton.disabled = player.step === 0;
    failingButton.disabled = !descriptor.variants.find((v) => v.id === variantSelect.value)?.failing;
  }

  function renderNodes(frame: Frame<T>): void {
    nodes.replaceChildren(
      ...frame.view.nodes.map((node) => {
        const card = node.up ? descriptor.nodeView(node.state) : undefined;
        const cut = frame.rules.some((r) => (r.kind === 'isolate' ? r.node === node.id : r.from.includes(node.id) || r.to.includes(node.id)));
        return h(
          'li',
          { class: `player-node${node.up ? '' : ' is-down'}`, 'data-node': node.id, 'aria-label': `${node.id}, ${node.up ? card!.role : 'down'}` },
          h('p', { class: 'player-node-name' }, h('strong', {}, node.id), ' ', h('span', { class: 'player-role' }, node.up ? card!.role : 'down (crashed)'), cut && h('span', { class: 'player-cut' }, ' · links cut')),
          card ? h('dl', {}, ...card.fields.flatMap((f) => [h('dt', {}, f.label), h('dd', { 'data-field': f.label }, f.value)])) : h('p', { class: 'player-down-note' }, 'Memory lost; its disk is kept.'),
          h(
            'p',
            { class: 'player-node-actions' },
            node.up ? button(`Crash ${node.id}`, () => act({ kind: 'crash', node: node.id })) : button(`Restart ${node.id}`, () => act({ kind: 'restart', node: node.id })),
            button(`Isolate ${node.id}`, () => act({ kind: 'isolate', node: node.id })),
            button(`Partition ${node.id} off`, () => act({ kind: 'partition', groups: [[node.id], player.run.nodes.filter((n) => n !== node.id)] })),
          ),
        );
      }),
    );
  }

  function renderFlight(frame: Frame<T>): void {
    const label = (m: unknown) => descriptor.model.describeMessage?.(m) ?? compactLabel(m);
    const items = frame.inFlight.map(({ envelope: e }) => {
      const what = e.kind === 'message' ? label(e.message) : e.kind === 'request' ? (descriptor.model.describeRequest?.(e.request) ?? compactLabel(e.request)) : (descriptor.model.describeResponse?.(e.response) ?? compactLabel(e.response));
      return h('li', {}, `${e.from} → ${e.to} #${e.msgId} ${what}`);
    });
    inFlight.replaceChildren(...(items.length ? items : [h('li', {}, 'none')]));
  }

  function renderTrace(frame: Frame<T>): void {
    const events = player.run.trace.events.slice(Math.max(0, frame.traceLength - TRACE_LINES), frame.traceLength);
    trace.textContent = events.map((e) => formatEvent(e)).join('\n') || '(nothing yet)';
    trace.scrollTop = trace.scrollHeight;
  }

  // On its own page the player owns the keyboard; on a note, only while focus is inside it.
  (options.standalone ? document : root).addEventListener('keydown', (e) => {
    const event = e as KeyboardEvent;
    const target = event.target as HTMLElement;
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowRight') (event.preventDefault(), stepButton.click());
    else if (event.key === 'ArrowLeft') (event.preventDefault(), backButton.click());
    else if (event.key === ' ' && target.tagName !== 'BUTTON') (event.preventDefault(), playButton.click());
  });

  render(initial.error ? `The link was not understood (${initial.error}); showing a fresh run.` : undefined);
}

function readSpec<T extends ModelTypes>(descriptor: PlayDescriptor<T>, query: string): { spec: PlaySpec; error?: string } {
  const fallback: PlaySpec = { scenario: descriptor.scenarios[0]!.id, seed: descriptor.scenarios[0]!.seed, variant: undefined, actions: [], step: 0 };
  try {
    const spec = decodeSpec(query, { scenario: fallback.scenario });
    scenarioOf(descriptor, spec.scenario); // each throws on a name the model does not offer
    variantOf(descriptor, spec.variant);
    return { spec };
  } catch (error) {
    return { spec: fallback, error: error instanceof Error ? error.message : String(error) };
  }
}
