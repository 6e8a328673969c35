/**
 * The player's page part: renders a PlayDescriptor's runs (snippets/play/) as client chips and node
 * cards with the messages in flight drawn between them, a live sequence diagram, the text trace and
 * labelled controls. Loaded only when a reader presses "Run it" or opens /play/<model>/
 * (src/components/player/). It keeps no run state of its own: everything shown is a Frame of the
 * Player, and the URL is the Player's spec.
 */
import { describeAction, READER, type PlayAction } from '../../../snippets/play/actions.ts';
import { scenarioOf, variantOf, type PlayDescriptor } from '../../../snippets/play/descriptor.ts';
import { explainFailure } from '../../../snippets/play/explain.ts';
import { Player, type Frame } from '../../../snippets/play/player.ts';
import { decodeSpec, encodeSpec, type PlaySpec } from '../../../snippets/play/url.ts';
import { envelopeLabel } from '../../../snippets/sim/cluster.ts';
import { blocked } from '../../../snippets/sim/link-rules.ts';
import { formatEvent } from '../../../snippets/sim/trace-text.ts';
import type { ModelTypes } from '../../../snippets/sim/index.ts';
import diagramCss from '../../styles/diagrams.css?inline';
import { liveDiagramSvg } from './diagram.ts';
import { h, option } from './dom.ts';
import { drawFlight } from './flight.ts';
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
const TRACE_LINES = 200;
const DIAGRAM_LINES = 16;

type Act = PlayAction extends infer A ? (A extends unknown ? Omit<A, 'at'> : never) : never;

export function mountPlayer<T extends ModelTypes>(root: HTMLElement, descriptor: PlayDescriptor<T>, options: MountOptions): void {
  if (!document.getElementById('player-css')) document.head.append(h('style', { id: 'player-css' }, css + diagramCss));
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
  const labelled = (label: string, control: HTMLElement) => h('span', { class: 'player-field' }, h('label', { for: control.id }, label), control);

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
    restart(`A run known to break without this rule: scenario ${variant.failing.scenario}, seed ${variant.failing.seed}. Press Play.`);
  });
  const description = h('p', { class: 'player-description' });
  const restart = (note = 'New run.') => {
    stop();
    const seed = Number(seedInput.value);
    player.restart({ scenario: scenarioSelect.value, seed: Number.isInteger(seed) && seed >= 0 ? seed : 1, variant: variantSelect.value || undefined });
    render(note);
  };
  for (const control of [scenarioSelect, seedInput, variantSelect]) control.addEventListener('change', () => restart());

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
  const clientChips = h('ul', { class: 'player-clients', 'aria-label': 'Clients' });
  const nodes = h('ul', { class: 'player-nodes', 'aria-label': 'Nodes' });
  const flightSvg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  flightSvg.setAttribute('class', 'player-flight-layer');
  flightSvg.setAttribute('aria-hidden', 'true');
  const cluster = h('div', { class: 'player-cluster' }, clientChips, nodes);
  cluster.append(flightSvg);
  const inFlight = h('ul', { class: 'player-flight-list' });
  const actions = h('ul', { class: 'player-actions' });
  const diagram = h('div', { class: 'player-diagram-scroll', tabindex: 0, role: 'region', 'aria-label': 'Sequence diagram of the run so far' });
  const diagramNote = h('p', { class: 'player-hint' });
  const trace = h('pre', { class: 'player-trace', tabindex: 0, 'aria-label': 'Trace of the run so far, as npm run snippet prints it' });

  // ── Network faults ──
  const nodeNames = player.run.nodes;
  const fromSelect = h('select', { id: id('drop-from') });
  const toSelect = h('select', { id: id('drop-to') });
  nodeNames.forEach((n, i) => (fromSelect.append(option(n, n, i === 0)), toSelect.append(option(n, n, i === 1))));
  const lossInput = h('input', { id: id('loss'), type: 'number', min: 0, max: 100, step: 1, value: 0 });
  const dupInput = h('input', { id: id('dup'), type: 'number', min: 0, max: 100, step: 1, value: 0 });
  const percent = (input: HTMLInputElement) => Math.max(0, Math.min(100, Math.round(Number(input.value) || 0)));
  const sideBoxes = nodeNames.map((n) => h('input', { type: 'checkbox', id: id(`side-${n}`), value: n }));
  const partitionButton = button('Partition', () => {
    const side = sideBoxes.filter((b) => b.checked).map((b) => b.value);
    const rest = nodeNames.filter((n) => !side.includes(n));
    if (side.length === 0 || rest.length === 0) return say('Not done: tick some nodes, not all, to cut them off from the others.');
    act({ kind: 'partition', groups: [side, rest] });
  });

  // ── The reader's client ──
  const calls = descriptor.clientCalls ?? [];
  const callSelect = h('select', { id: id('call') });
  calls.forEach((c, i) => callSelect.append(option(c.id, c.label, i === 0)));
  const valueInput = h('input', { id: id('value'), type: 'number', min: 0, step: 1, value: 1 });
  const callTo = h('select', { id: id('call-to') });
  nodeNames.forEach((n, i) => callTo.append(option(n, n, i === 0)));
  const valueField = labelled('Value', valueInput);
  const syncValue = () => (valueField.hidden = !calls.find((c) => c.id === callSelect.value)?.takesValue);
  callSelect.addEventListener('change', syncValue);
  syncValue();
  const sendButton = button('Send', () => {
    const chosen = calls.find((c) => c.id === callSelect.value);
    if (!chosen) return;
    act({ kind: 'call', call: chosen.id, to: callTo.value, ...(chosen.takesValue ? { value: Math.max(0, Math.round(Number(valueInput.value) || 0)) } : {}) });
  });

  root.replaceChildren(
    h(
      'div',
      { class: 'player' },
      h(
        'div',
        { class: 'player-setup' },
        labelled('Scenario', scenarioSelect),
        labelled('Seed', seedInput),
        labelled('Break a rule', variantSelect),
        failingButton,
      ),
      description,
      h('div', { class: 'player-controls', role: 'group', 'aria-label': 'Time' }, backButton, stepButton, playButton, labelled('Speed', speedSelect), copyButton, link),
      status,
      failure,
      cluster,
      h(
        'div',
        { class: 'player-network', role: 'group', 'aria-label': 'Network faults' },
        h('div', { class: 'player-row' }, button('Heal all links', () => act({ kind: 'heal' }))),
        h('fieldset', { class: 'player-side' }, h('legend', {}, 'Cut these nodes off from the others'), ...sideBoxes.map((b) => h('label', { class: 'player-check' }, b, ` ${b.value}`)), partitionButton),
        h(
          'div',
          { class: 'player-row' },
          h('span', { class: 'player-field' }, h('label', { for: id('drop-from') }, 'Drop the next message from'), fromSelect, h('label', { for: id('drop-to') }, 'to'), toSelect),
          button('Drop it', () => act({ kind: 'drop', from: fromSelect.value, to: toSelect.value })),
        ),
        h(
          'div',
          { class: 'player-row' },
          labelled('Loss %', lossInput),
          labelled('Duplication %', dupInput),
          button('Set rates', () => act({ kind: 'rates', lossPercent: percent(lossInput), duplicatePercent: percent(dupInput) })),
        ),
      ),
      calls.length > 0 &&
        h('div', { class: 'player-row', role: 'group', 'aria-label': 'Your client' }, h('span', { class: 'player-group-name' }, 'Your client (“you”):'), labelled('Call', callSelect), valueField, labelled('at', callTo), sendButton),
      h('h3', {}, 'Sequence diagram'),
      diagramNote,
      h('figure', { class: 'diagram player-diagram' }, diagram),
      h('h3', {}, 'Messages in flight'),
      inFlight,
      h('h3', {}, 'Your actions'),
      actions,
      h('h3', {}, 'Trace'),
      trace,
    ),
  );

  function act(action: Act): void {
    stop();
    const refused = player.act(action);
    render(refused ? `Not done: ${refused}.` : `At step ${player.step}: ${describeAction({ ...action, at: player.step } as PlayAction)}.`);
  }

  function move(change: () => void): void {
    const before = player.step;
    change();
    if (player.step === before) {
      stop();
      render(player.frame.failure ? 'The run has stopped at the violation.' : player.step === 0 ? 'At the start.' : 'The run has ended.');
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
    description.textContent = scenarioOf(descriptor, player.spec.scenario).description;
    const query = `?${encodeSpec(player.spec)}`;
    link.href = `${pagePath}${query}`;
    if (options.standalone) history.replaceState(null, '', query);
    root.dataset.step = String(frame.step);
    const explanation = explainFailure(descriptor, frame, player.run.trace.clients);
    const involved = new Set(explanation?.involved ?? []);
    renderClients(frame, involved);
    renderNodes(frame, involved);
    renderFlight(frame);
    renderDiagram(frame);
    renderTrace(frame, previous?.traceLength ?? 0);
    actions.replaceChildren(
      ...(player.spec.actions.length === 0 ? [h('li', {}, 'none yet')] : player.spec.actions.map((a) => h('li', {}, `step ${a.at} (tick ${player.run.frame(a.at).tick}): ${describeAction(a)}`))),
    );
    const what = player.run.trace.events.slice(previous?.traceLength ?? 0, frame.traceLength).map((e) => formatEvent(e).trim().replace(/^\d+\s+/, '').replace(/\s+/g, ' '));
    say(`${note ? note + ' ' : ''}Step ${frame.step}, tick ${frame.tick}${what.length ? ': ' + what.join('; ') : ''}.`);
    failure.replaceChildren(
      ...(explanation
        ? [
            h('p', {}, h('strong', {}, 'The run broke: '), explanation.what),
            h('p', {}, `${explanation.where}${explanation.involved.length ? `; it involves ${explanation.involved.join(', ')} (outlined in red below)` : ''}.`),
            h('p', {}, explanation.acknowledged.length ? 'What the clients had been told by then (acknowledged):' : 'No client had been answered by then.'),
            ...(explanation.acknowledged.length > 0 ? [h('ul', {}, ...explanation.acknowledged.map((line) => h('li', {}, line)))] : []),
          ]
        : []),
    );
    backButton.disabled = player.step === 0;
    failingButton.disabled = !descriptor.variants.find((v) => v.id === variantSelect.value)?.failing;
    sendButton.disabled = frame.failure !== undefined;
  }

  function renderClients(frame: Frame<T>, involved: ReadonlySet<string>): void {
    const names = player.run.trace.clients;
    // A call that timed out stays open in the history, but its client has moved on.
    const gaveUp = new Set(player.run.trace.events.slice(0, frame.traceLength).flatMap((e) => (e.kind === 'timeout' ? [e.opId] : [])));
    clientChips.replaceChildren(
      ...names.map((name) => {
        const pending = frame.view.history.find((op) => op.client === name && op.returnTick === undefined && !gaveUp.has(op.id));
        const doing = pending ? `waiting: ${pending.op}` : 'idle';
        return h('li', { class: `player-client${involved.has(name) ? ' is-involved' : ''}`, 'data-endpoint': name, 'data-client': name }, h('strong', {}, name === READER ? 'you' : name), ` ${doing}`);
      }),
    );
  }

  function renderNodes(frame: Frame<T>, involved: ReadonlySet<string>): void {
    nodes.replaceChildren(
      ...frame.view.nodes.map((node) => {
        const card = node.up ? descriptor.nodeView(node.state) : undefined;
        const cut = frame.rules.some((r) => (r.kind === 'isolate' ? r.node === node.id : r.from.includes(node.id) || r.to.includes(node.id)));
        const classes = `player-node${node.up ? '' : ' is-down'}${involved.has(node.id) ? ' is-involved' : ''}`;
        return h(
          'li',
          { class: classes, 'data-node': node.id, 'data-endpoint': node.id, 'aria-label': `${node.id}, ${node.up ? card!.role : 'down'}${involved.has(node.id) ? ', involved in the violation' : ''}` },
          h('p', { class: 'player-node-name' }, h('strong', {}, node.id), ' ', h('span', { class: 'player-role' }, node.up ? card!.role : 'down (crashed)'), cut && h('span', { class: 'player-cut' }, ' · links cut')),
          card ? h('dl', {}, ...card.fields.flatMap((f) => [h('dt', {}, f.label), h('dd', { 'data-field': f.label }, f.value)])) : h('p', { class: 'player-down-note' }, 'Memory lost; its disk is kept.'),
          h(
            'p',
            { class: 'player-node-actions' },
            node.up ? button(`Crash ${node.id}`, () => act({ kind: 'crash', node: node.id })) : button(`Restart ${node.id}`, () => act({ kind: 'restart', node: node.id })),
            button(`Isolate ${node.id}`, () => act({ kind: 'isolate', node: node.id })),
          ),
        );
      }),
    );
  }

  function renderFlight(frame: Frame<T>): void {
    const upNodes = new Set(frame.view.nodes.filter((n) => n.up).map((n) => n.id));
    const items = frame.inFlight.map(({ envelope: e }) => {
      const label = envelopeLabel(descriptor.model, e);
      const doomed = blocked(frame.rules, e.from, e.to) || (e.kind !== 'reply' && !upNodes.has(e.to));
      return { from: e.from, to: e.to, label, doomed, text: `${e.from} → ${e.to} #${e.msgId} ${label}${doomed ? ' (will be lost)' : ''}` };
    });
    inFlight.replaceChildren(...(items.length ? items.map((i) => h('li', {}, i.text)) : [h('li', {}, 'none')]));
    drawFlight(flightSvg, cluster, items, nodes);
  }

  function renderDiagram(frame: Frame<T>): void {
    const { svg, lines, violation } = liveDiagramSvg(player.run.trace, frame.traceLength, DIAGRAM_LINES);
    diagram.innerHTML = svg;
    const drawing = diagram.querySelector('svg');
    drawing?.setAttribute('role', 'img');
    const last = violation ? ' The last note, outlined in red, is the violation that stopped the run.' : '';
    drawing?.setAttribute('aria-label', `Sequence diagram of the run so far: ${Math.min(lines, DIAGRAM_LINES)} arrows and notes shown; the trace below lists the same events as text.${last}`);
    diagramNote.textContent =
      lines > DIAGRAM_LINES
        ? `Drawn from the trace by the code that draws the note's diagrams: the last ${DIAGRAM_LINES} of ${lines} arrows and notes.`
        : "Drawn from the trace by the code that draws the note's diagrams; it grows as the run steps.";
  }

  function renderTrace(frame: Frame<T>, stepStart: number): void {
    const events = player.run.trace.events;
    const first = Math.max(0, frame.traceLength - TRACE_LINES);
    const width = Math.max(4, ...[...player.run.trace.nodes, ...player.run.trace.clients].map((n) => n.length));
    const lines: Node[] = first > 0 ? [document.createTextNode(`… ${first} earlier lines\n`)] : [];
    for (let i = first; i < frame.traceLength; i++) {
      const text = formatEvent(events[i]!, width) + '\n';
      const failed = events[i]!.kind === 'failure';
      lines.push(i >= stepStart ? h('mark', { class: failed ? 'is-failure' : 'is-current' }, text) : document.createTextNode(text));
    }
    trace.replaceChildren(...(lines.length ? lines : ['(nothing yet)']));
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
  // The arrows follow the cards when the layout changes (a narrower window, a card that grew).
  new ResizeObserver(() => renderFlight(player.frame)).observe(cluster);

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
