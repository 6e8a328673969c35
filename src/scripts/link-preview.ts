/**
 * Link previews: hovering a link to a note or concept in a page's text, or focusing it from the keyboard,
 * shows the page's kind, title, summary and opening lines in a popover beside the link.
 *
 * Loaded on demand: the inline script every page carries (src/scripts/page-ui.ts) imports this module
 * the first time the mouse enters such a link or anything gets keyboard focus, and hands it that first
 * event. Each preview is a small JSON file the build writes (src/lib/previews-on-disk.ts), fetched once
 * per page view: by the mouse, when it rests on a link; by the keyboard, all of the page's at once, so
 * that each is there before focus reaches its link. Without JavaScript the links are plain links.
 *
 * Served as one file, compiled but not bundled (src/integrations/link-previews.ts): import nothing here.
 *
 * What a screen reader hears: the popover is a tooltip (role="tooltip"), and while it shows, the link is
 * described by the summary alone (aria-describedby): "Quorum, link, Any set of replicas large enough…".
 * A preview already loaded is shown, and the description set, while the focus event is handled, so it is
 * there when the screen reader announces the link (not only "link", with the summary arriving later).
 * The title is usually the link's own words and the opening lines are long; both are for the eye.
 * Following WCAG 1.4.13, the popover stays while the pointer moves onto it, and Escape dismisses it.
 * Touch: a tap never shows a preview (the link just navigates); the popover needs a mouse or keyboard.
 */

/** Links in a page's text to notes and concepts: wikilinks, links to files (dynamo.md) and site paths. */
export const PREVIEW_LINKS = '.prose a[href^="/notes/"], .prose a[href^="/concepts/"]';

/** The mouse must rest this long on a link: a pointer crossing the text on its way elsewhere shows nothing. */
const SHOW_DELAY_MS = 250;
/** Time to move the pointer from the link onto the popover (to select or reread it) before it closes. */
const HIDE_DELAY_MS = 200;
/** Space kept between the popover and the link, and between the popover and the viewport's edges, in px. */
const GAP_PX = 6;
const EDGE_PX = 8;

interface Preview {
  title: string;
  kind: string;
  summary: string;
  lead: string;
}

const STYLE = `
.link-preview { position: absolute; z-index: 20; box-sizing: border-box; width: min(24rem, calc(100% - ${2 * EDGE_PX}px));
  padding: 0.75rem 1rem 0.85rem; background: var(--bg-raised); color: var(--fg); border: 1px solid var(--border);
  border-radius: var(--radius); box-shadow: 0 6px 24px rgb(0 0 0 / 0.2); font: 0.9rem/1.5 var(--font-ui); text-align: left; }
.link-preview[hidden] { display: none; }
.link-preview p { margin: 0; }
.link-preview .link-preview-kind { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--fg-muted); }
.link-preview .link-preview-title { font-weight: 650; font-size: 1rem; line-height: 1.3; margin: 0.15rem 0 0.4rem; }
.link-preview .link-preview-summary { font-family: var(--font-prose); }
.link-preview .link-preview-lead { margin-top: 0.5rem; padding-top: 0.5rem; border-top: 1px solid var(--border); color: var(--fg-muted);
  font-size: 0.85rem; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 4; line-clamp: 4; overflow: hidden; }
`;

const KIND_LABELS: Record<string, string> = { paper: 'Paper', book: 'Book', post: 'Post', system: 'System', concept: 'Concept' };

const previews = new Map<string, Promise<Preview | undefined>>();
/** The previews that have arrived (undefined: the file could not be read), to show without waiting. */
const arrived = new Map<string, Preview | undefined>();
let popover: HTMLElement | undefined;
/** The link whose preview is showing, or about to. */
let current: HTMLAnchorElement | undefined;
/** The link whose preview Escape dismissed: it stays closed until the pointer or focus leaves that link. */
let dismissed: HTMLAnchorElement | undefined;
let showTimer: ReturnType<typeof setTimeout> | undefined;
let hideTimer: ReturnType<typeof setTimeout> | undefined;

/** Wires the previews up; `first` is the event that loaded this module, handled as if it came now. */
export function start(first: Event): void {
  if (popover) return;
  popover = createPopover();
  document.addEventListener('pointerover', onPointerOver);
  document.addEventListener('pointerout', onPointerOut);
  document.addEventListener('focusin', onFocusIn);
  document.addEventListener('focusout', onFocusOut);
  document.addEventListener('keydown', onKeyDown);
  addEventListener('resize', () => hide());
  if (first.type === 'pointerover') onPointerOver(first as PointerEvent);
  else if (first.type === 'focusin') {
    loadAll();
    onFocusIn(first as FocusEvent);
  }
}

/** Fetches the preview of every link on the page that can show one, each file once. */
function loadAll(): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>(PREVIEW_LINKS)) {
    const url = previewUrlOf(link);
    if (url) void load(url);
  }
}

/** The JSON file with a link's preview: /notes/dynamo/#ring → /previews/notes/dynamo.json (where link-previews.ts publishes it). */
export function previewUrlOf(link: HTMLAnchorElement): string | undefined {
  if (link.origin !== location.origin) return undefined;
  // A page's path (/notes/dynamo/), not a file beside it (/notes/dynamo.bib).
  const match = /^\/(notes|concepts)\/([a-z0-9-]+(?:\/[a-z0-9-]+)*)\/?$/.exec(link.pathname);
  return match ? `/previews/${match[1]}/${match[2]}.json` : undefined;
}

function previewLinkAt(target: EventTarget | null): HTMLAnchorElement | undefined {
  return target instanceof Element ? (target.closest<HTMLAnchorElement>(PREVIEW_LINKS) ?? undefined) : undefined;
}

function insidePopover(target: EventTarget | null): boolean {
  return target instanceof Node && popover !== undefined && popover.contains(target);
}

function onPointerOver(event: PointerEvent): void {
  if (event.pointerType !== 'mouse') return;
  Object.assign(pointer, { x: event.clientX, y: event.clientY });
  const link = previewLinkAt(event.target);
  if (!link && !insidePopover(event.target)) return;
  clearTimeout(hideTimer);
  if (!link || link === current || link === dismissed) return;
  clearTimeout(showTimer);
  // The module may have loaded after the pointer moved on: show only for a link still under it.
  showTimer = setTimeout(() => link.matches(':hover') && void show(link), SHOW_DELAY_MS);
}

function onPointerOut(event: PointerEvent): void {
  const from = previewLinkAt(event.target);
  if (!from && !insidePopover(event.target)) return;
  const to = event.relatedTarget;
  if (from && (previewLinkAt(to) === from || insidePopover(to))) return;
  if (insidePopover(event.target) && (insidePopover(to) || (current && previewLinkAt(to) === current))) return;
  clearTimeout(showTimer);
  if (from === dismissed) dismissed = undefined;
  // Keyboard focus keeps its preview open whatever the mouse does.
  if (current && document.activeElement === current && current.matches(':focus-visible')) return;
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => hide(), HIDE_DELAY_MS);
}

function onFocusIn(event: FocusEvent): void {
  const link = previewLinkAt(event.target);
  // A link focused by a tap or click is on its way to navigating: only keyboard focus shows a preview.
  if (!link || link === dismissed || !link.matches(':focus-visible')) return;
  clearTimeout(showTimer);
  clearTimeout(hideTimer);
  void show(link);
}

function onFocusOut(event: FocusEvent): void {
  const link = previewLinkAt(event.target);
  if (!link) return;
  if (link === dismissed) dismissed = undefined;
  if (link === current && !link.matches(':hover')) hide();
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.key !== 'Escape' || !current) return;
  dismissed = current;
  hide();
}

async function show(link: HTMLAnchorElement): Promise<void> {
  const url = previewUrlOf(link);
  if (!url || !popover) return;
  if (current && current !== link) hide();
  current = link;
  // No await for a preview that has arrived: shown within the focus event, described as it is announced.
  const preview = arrived.has(url) ? arrived.get(url) : await load(url);
  if (current !== link || !preview) return;
  fill(popover, preview);
  popover.hidden = false;
  place(popover, link);
  link.setAttribute('aria-describedby', 'link-preview-summary');
}

function hide(): void {
  clearTimeout(showTimer);
  clearTimeout(hideTimer);
  if (popover) popover.hidden = true;
  current?.removeAttribute('aria-describedby');
  current = undefined;
}

function load(url: string): Promise<Preview | undefined> {
  let preview = previews.get(url);
  if (!preview) {
    preview = fetch(url)
      .then(
        (response) => (response.ok ? (response.json() as Promise<Preview>) : undefined),
        () => undefined,
      )
      .then((json) => {
        arrived.set(url, json);
        return json;
      });
    previews.set(url, preview);
  }
  return preview;
}

function createPopover(): HTMLElement {
  const style = document.createElement('style');
  style.textContent = STYLE;
  document.head.append(style);
  const element = document.createElement('div');
  element.className = 'link-preview';
  element.id = 'link-preview';
  element.setAttribute('role', 'tooltip');
  element.hidden = true;
  document.body.append(element);
  return element;
}

/** Text only (textContent), never markup: a preview's words come from notes and must not become HTML. */
function fill(element: HTMLElement, preview: Preview): void {
  const paragraph = (className: string, text: string) => {
    const p = document.createElement('p');
    p.className = className;
    p.textContent = text;
    return p;
  };
  const summary = paragraph('link-preview-summary', preview.summary);
  summary.id = 'link-preview-summary';
  element.replaceChildren(
    paragraph('link-preview-kind', KIND_LABELS[preview.kind] ?? preview.kind),
    paragraph('link-preview-title', preview.title),
    summary,
    ...(preview.lead ? [paragraph('link-preview-lead', preview.lead)] : []),
  );
}

/**
 * Below the link, starting where it starts; above it when there is no room below and more above; slid
 * left as far as needed to stay inside the viewport. A link that wraps onto two lines anchors to the
 * line the pointer rests on, or to its first line.
 */
function place(element: HTMLElement, link: HTMLAnchorElement): void {
  const lines = [...link.getClientRects()];
  const hovered = lines.find((r) => link.matches(':hover') && pointer.y >= r.top && pointer.y <= r.bottom && pointer.x >= r.left && pointer.x <= r.right);
  const anchor = hovered ?? lines[0] ?? link.getBoundingClientRect();
  const viewportWidth = document.documentElement.clientWidth;
  const viewportHeight = document.documentElement.clientHeight;
  element.style.left = '0px';
  element.style.top = '0px';
  const { width, height } = element.getBoundingClientRect();
  const left = Math.max(EDGE_PX, Math.min(anchor.left, viewportWidth - width - EDGE_PX));
  const roomBelow = viewportHeight - anchor.bottom - GAP_PX - EDGE_PX;
  const roomAbove = anchor.top - GAP_PX - EDGE_PX;
  const above = height > roomBelow && roomAbove > roomBelow;
  const top = above ? Math.max(EDGE_PX, anchor.top - GAP_PX - height) : anchor.bottom + GAP_PX;
  element.dataset.side = above ? 'above' : 'below';
  element.style.left = `${left + scrollX}px`;
  element.style.top = `${top + scrollY}px`;
}

/** Where the mouse last was, to anchor to the right line of a wrapped link. */
const pointer = { x: 0, y: 0 };
document.addEventListener('pointermove', (event) => Object.assign(pointer, { x: event.clientX, y: event.clientY }), { passive: true });
