/**
 * A history viewer: one self-contained HTML page (inline CSS and a few lines of inline script, no
 * requests) that shows a checked history the way Porcupine's visualisation does, per independent
 * part: each client's operations as bars on a time axis, numbered in the order the checker found
 * (the linearization, or for a failing part the longest linearizable prefix), the operation that
 * cannot be placed marked, and the order listed with the state after each step. Hovering or focusing
 * a bar shows its details; every bar is a button, so the keyboard reaches all of them. Light and dark
 * themes follow the reader's system setting. Without script the page still shows everything; the
 * details panel is then empty (each bar keeps its description as its accessible name).
 */
import type { Operation, ProcessId } from './history.ts';
import type { CheckOutcome, PartitionResult, UncheckedPartition } from './linearizability.ts';
import { verdictText } from './counterexample.ts';
import { describeState, type Model } from './model.ts';

export interface ViewerOptions {
  /** The page's title, e.g. the file name. */
  readonly title: string;
  /** A link back to where the reader came from (the note that embeds the viewer). */
  readonly back?: { readonly href: string; readonly label: string };
  /** The page's icon, on a site that has one (without it a browser asks for /favicon.ico). */
  readonly icon?: string;
}

type Part<State, Input, Output> = PartitionResult<State, Input, Output> | (UncheckedPartition<Input, Output> & { readonly ok?: undefined });

export function historyViewerHtml<State, Input, Output>(model: Model<State, Input, Output>, result: CheckOutcome<State, Input, Output>, { title, back, icon }: ViewerOptions): string {
  const parts: Part<State, Input, Output>[] = [...result.partitions, ...result.unchecked];
  // The failing part first, then the others in the model's order.
  parts.sort((a, b) => rank(a) - rank(b));
  const sections = parts.map((part, i) => partSection(model, part, i, i === 0 || parts.length <= 3)).join('\n');
  const verdict = result.ok === true ? 'ok' : result.ok === false ? 'bad' : 'unknown';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}: ${escape(result.verdict)}</title>
${icon ? `<link rel="icon" href="${escape(icon)}">\n` : ''}
<style>${styles}</style>
</head>
<body>
<header>
${back ? `<p class="back"><a href="${escape(back.href)}">← ${escape(back.label)}</a></p>
` : ''}<h1>${escape(title)}</h1>
<p class="verdict ${verdict}" id="verdict">${escape(verdictText(result))}</p>
<p class="legend"><span class="key placed">placed, numbered in the order found</span> <span class="key stuck">cannot be placed</span> <span class="key unplaced">not placed</span> <span class="key pending">never returned</span></p>
</header>
<main>
${sections}
</main>
<aside id="details" aria-live="polite"><p>Hover over or focus an operation (Tab) for its details.</p></aside>
<script>${script}</script>
</body>
</html>
`;
}

function rank(part: Part<unknown, unknown, unknown>): number {
  return part.ok === false ? 0 : part.ok === undefined ? 1 : 2;
}

function partSection<State, Input, Output>(model: Model<State, Input, Output>, part: Part<State, Input, Output>, index: number, open: boolean): string {
  const ops = [...part.operations].sort((a, b) => a.call - b.call);
  const order = part.ok === undefined ? [] : part.order;
  const position = new Map(order.map((op, i) => [op, i] as const));
  const states = replayStates(model, order);
  const stuck = part.ok === false ? part.stuck : undefined;
  const start = Math.min(...ops.map((op) => op.call));
  const lastTick = Math.max(...ops.map((op) => op.return ?? op.call));
  const end = lastTick + Math.max(1, Math.ceil((lastTick - start) * 0.04));
  const span = Math.max(1, end - start);
  const x = (t: number) => ((t - start) / span) * 100;
    // Indexes and lanes once: a history of 100k operations would make indexOf and a filter per client quadratic.
  const indexOf = new Map(part.operations.map((op, i) => [op, i] as const));
  const id = (op: Operation<Input, Output>) => `p${index}-o${indexOf.get(op)}`;
  const lanes = new Map<ProcessId, Operation<Input, Output>[]>();
  for (const op of ops) {
    const lane = lanes.get(op.process);
    if (lane) lane.push(op);
    else lanes.set(op.process, [op]);
  }

  const bar = (op: Operation<Input, Output>) => {
    const at = position.get(op);
    const status = op === stuck ? 'stuck' : at !== undefined ? 'placed' : op.return === undefined ? 'pending' : 'unplaced';
    const left = x(op.call);
    const width = Math.max(0.4, x(op.return ?? end) - left);
    const what = model.describe(op.input, op.output);
    const when = `t=${op.call}..${op.return ?? 'never'}${op.callOrder === undefined ? '' : `, events ${op.callOrder}..${op.returnOrder ?? 'never'}`}`;
    const fate =
      op === stuck && part.ok === false && part.reason
        ? `cannot be placed in any order: ${part.reason}`
        : op === stuck
        ? `cannot be placed: after the ${order.length} operations found before it, state ${describeState(model, part.ok === false ? part.state : (undefined as never))}, no order lets it take effect by its return`
        : at !== undefined
          ? `takes effect ${ordinal(at + 1)}, state after: ${describeState(model, states[at]!)}`
          : part.ok === undefined
            ? 'this part was not checked to the end'
            : op.return === undefined
              ? 'never returned; took no effect in the order found'
              : 'not placed in the longest prefix found';
    const detail = `${what} · client ${String(op.process)} · ${when} · ${fate}`;
    const label = at !== undefined ? String(at + 1) : op === stuck ? '✕' : '';
    return `<button type="button" class="op ${status}" id="${id(op)}" style="left:${left.toFixed(3)}%;width:${width.toFixed(3)}%" aria-label="${escape(detail)}"><span>${escape(label)}</span></button>`;
  };

  const rows = [...lanes]
    .map(([client, lane]) => `<div class="row"><div class="who">client ${escape(String(client))}</div><div class="lane">${lane.map(bar).join('')}</div></div>`)
    .join('\n');
  const axis = axisLabels(start, end).map((t) => `<span style="left:${x(t).toFixed(3)}%">${t}</span>`).join('');
  const listed = order.map((op, i) => `<li><a href="#${id(op)}" data-target="${id(op)}">${escape(model.describe(op.input, op.output))}</a> <span class="meta">client ${escape(String(op.process))}, state ${escape(describeState(model, states[i]!))}</span></li>`);
  if (stuck) listed.push(`<li class="stuck-item"><a href="#${id(stuck)}" data-target="${id(stuck)}">${escape(model.describe(stuck.input, stuck.output))}</a> <strong>cannot be placed</strong> <span class="meta">client ${escape(String(stuck.process))}, t=${stuck.call}..${stuck.return}</span></li>`);
  const status =
    part.ok === true
      ? `linearizable: ${part.order.length} operation${part.order.length === 1 ? '' : 's'} placed`
      : part.ok === false
        ? `not linearizable: ${escape(model.describe(part.stuck.input, part.stuck.output))} (client ${escape(String(part.stuck.process))}) cannot be placed after the ${part.order.length} before it`
        : part.progress
          ? `not checked to the end: ${part.progress.placed} of ${part.progress.completed} placed, ${part.progress.explored} configurations explored`
          : 'not checked: the check stopped at a part that fails';
  const heading =
    part.ok === false
      ? part.reason
        ? 'A linearizable prefix (up to the last operation that must come first), then the operation no order can place'
        : 'Longest linearizable prefix found, then the operation that cannot be placed'
      : 'The order found';
  const width = Math.max(600, Math.min(40_000, ops.length * 14));
  return `<details class="part ${part.ok === true ? 'ok' : part.ok === false ? 'bad' : 'unknown'}"${open ? ' open' : ''}>
<summary><h2>${escape(part.label)}</h2> <span class="status">${status}</span></summary>
<div class="scroll" tabindex="-1"><div class="chart" style="min-width:${width}px">
<div class="row axis-row" aria-hidden="true"><div class="who"></div><div class="axis">${axis}</div></div>
${rows}
</div></div>
${order.length + (stuck ? 1 : 0) > 0 ? `<h3>${heading}</h3>\n<ol class="order">${listed.join('')}</ol>` : ''}
</details>`;
}

function replayStates<State, Input, Output>(model: Model<State, Input, Output>, order: readonly Operation<Input, Output>[]): State[] {
  let state = model.init();
  return order.map((op) => (state = model.step(state, op.input, op.output)[1]));
}

/** About eight round tick values between start and end. */
function axisLabels(start: number, end: number): number[] {
  const raw = (end - start) / 8;
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? power * 10;
  const labels: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) labels.push(t);
  return labels;
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}


const styles = `
:root { color-scheme: light dark; --bg: #fdfcf8; --fg: #1d1d1b; --muted: #5b5b57; --line: #d6d3c8; --panel: #f3f1ea;
  --placed: #2f6db5; --placed-fg: #fff; --stuck: #b3261e; --unplaced: #8a8a84; --pending: #8a6d1f; --ok: #1e6b34; --focus: #c2410c; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #151515; --fg: #ecebe6; --muted: #a9a8a2; --line: #3a3a37; --panel: #1f1f1d;
    --placed: #6ea8ee; --placed-fg: #0b1422; --stuck: #ff8a80; --unplaced: #9a9a94; --pending: #e0b54a; --ok: #7fd196; --focus: #fb923c; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; padding: 1rem 1rem 9rem; }
header, main { max-width: 80rem; margin: 0 auto; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; overflow-wrap: anywhere; }
h2 { display: inline; font-size: 1.1rem; margin: 0; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
.back { margin: 0 0 .5rem; font-size: .9rem; }
.back a { color: inherit; }
.verdict { font-weight: 600; padding: .5rem .75rem; border-left: 4px solid var(--line); background: var(--panel); }
.verdict.ok { border-color: var(--ok); } .verdict.bad { border-color: var(--stuck); } .verdict.unknown { border-color: var(--pending); }
.legend { display: flex; flex-wrap: wrap; gap: .5rem 1rem; font-size: .875rem; color: var(--muted); }
.key::before { content: ""; display: inline-block; width: 1.5rem; height: .75rem; margin-right: .35rem; vertical-align: middle; border-radius: 2px; }
.key.placed::before { background: var(--placed); } .key.stuck::before { background: var(--stuck); }
.key.unplaced::before { border: 2px dashed var(--unplaced); } .key.pending::before { background: linear-gradient(90deg, var(--pending), transparent); }
.part { border-top: 1px solid var(--line); padding: .5rem 0; }
summary { cursor: pointer; padding: .25rem 0; }
summary:focus-visible, .op:focus-visible, a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.status { color: var(--muted); font-size: .9rem; }
.part.bad .status { color: var(--stuck); font-weight: 600; }
.scroll { overflow-x: auto; padding-bottom: .5rem; }
.chart { position: relative; }
.row { display: grid; grid-template-columns: 6.5rem 1fr; height: 1.9rem; border-bottom: 1px dotted var(--line); }
.axis-row { height: 1.4rem; border-bottom: 1px solid var(--line); }
.axis { position: relative; margin-right: 1rem; font-size: .75rem; color: var(--muted); }
.axis span { position: absolute; transform: translateX(-50%); }
/* The client column stays in view when the chart scrolls sideways. */
.who { position: sticky; left: 0; z-index: 4; background: var(--bg); padding: .35rem .3rem 0 0; font-size: .8rem; color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.lane { position: relative; height: 100%; margin-right: 1rem; }
.op { position: absolute; top: .3rem; height: 1.3rem; min-width: 1.1rem; padding: 0 .2rem; border: 0; border-radius: 3px; font: 600 .7rem/1.3rem system-ui, sans-serif; cursor: pointer; overflow: hidden; white-space: nowrap; text-align: left; }
.op.placed { background: var(--placed); color: var(--placed-fg); }
.op.stuck { background: var(--stuck); color: #fff; box-shadow: 0 0 0 2px var(--bg), 0 0 0 4px var(--stuck); z-index: 2; }
.op.unplaced { background: transparent; border: 2px dashed var(--unplaced); color: var(--fg); }
.op.pending { background: linear-gradient(90deg, var(--pending), transparent); color: var(--fg); }
.op.lit { box-shadow: 0 0 0 3px var(--focus); z-index: 3; }
.order { font-size: .9rem; columns: 22rem; column-gap: 2rem; }
.order li { break-inside: avoid; }
.order a { color: inherit; }
.meta { color: var(--muted); }
.stuck-item { color: var(--stuck); }
#details { position: fixed; z-index: 10; left: 0; right: 0; bottom: 0; min-height: 4.5rem; padding: .75rem 1rem; background: var(--panel); border-top: 2px solid var(--line); font-size: .9rem; }
#details p { max-width: 80rem; margin: 0 auto; overflow-wrap: anywhere; }
@media (prefers-reduced-motion: no-preference) { .op { transition: box-shadow .1s; } }
`;

// Shows a bar's details in the panel on hover or focus, and lights the bar a list entry points to.
const script = `
(() => {
  const panel = document.getElementById('details');
  const show = (el) => { const p = document.createElement('p'); p.textContent = el.getAttribute('aria-label'); panel.replaceChildren(p); };
  for (const op of document.querySelectorAll('.op')) {
    op.addEventListener('mouseenter', () => show(op));
    op.addEventListener('focus', () => show(op));
  }
  for (const a of document.querySelectorAll('[data-target]')) {
    const bar = document.getElementById(a.dataset.target);
    if (!bar) continue;
    a.addEventListener('mouseenter', () => { bar.classList.add('lit'); show(bar); });
    a.addEventListener('mouseleave', () => bar.classList.remove('lit'));
    a.addEventListener('click', (event) => { event.preventDefault(); bar.scrollIntoView({ block: 'nearest', inline: 'center' }); bar.focus(); });
  }
})();
`;
