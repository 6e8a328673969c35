import type { Browser, Page } from 'playwright-core';
import { openPage } from '../site/site.ts';

export const THEMES = ['light', 'dark'] as const;
/**
 * From 60rem (960 px) up every diagram is shown whole (src/styles/diagrams.css): 1280 px, where a note's
 * wide figure takes the left margin; 1152 and 1024 px, where a note with one drops its side table of
 * contents and centres it; 960 px, the first width promised. The layout is the same in both themes, so the
 * widths added for it are measured in one; 1280 and the phone, in both.
 */
export const SCREENS = [
  { width: 1280, height: 900, noScroll: true, themes: THEMES },
  { width: 1152, height: 864, noScroll: true, themes: ['light'] },
  { width: 1024, height: 768, noScroll: true, themes: ['dark'] },
  { width: 960, height: 800, noScroll: true, themes: ['light'] },
  { width: 390, height: 844, noScroll: false, themes: THEMES },
] as const satisfies ReadonlyArray<{ width: number; height: number; noScroll: boolean; themes: ReadonlyArray<(typeof THEMES)[number]> }>;

/** Opens `url` at a screen size in a theme (the system preference and the stored choice both set). */
export async function measureDiagrams(browser: Browser, url: string, screen: (typeof SCREENS)[number], theme: (typeof THEMES)[number]) {
  const { page, problems: pageProblems } = await openPage(browser, url, { colorScheme: theme });
  await page.setViewportSize({ width: screen.width, height: screen.height });
  await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
  const figures = await page.locator('figure.diagram svg').count();
  const problems = await diagramProblems(page, { noScroll: screen.noScroll });
  await page.context().close();
  return { figures, problems, consoleErrors: pageProblems.consoleErrors };
}


/**
 * Measures every diagram on an open page as a reader sees it, and returns what breaks the rules in
 * docs/diagrams.md, one line per problem ("fig 2 'Prepare(v=0…': 11.0 px"). An empty list is a pass.
 *
 * Per line of text (a <tspan>, or a <text> without them):
 * - size: the font size times the drawing's scale, at least 12 px;
 * - contrast: its fill against what is painted beneath its middle (the stack of shapes under that point,
 *   composited down to the page background), at least 4.5:1;
 * - crossing: no stroke (lifeline, arrow, edge) painted above the label's background passes through it;
 * - overlap: no two lines of different labels overlap;
 * - truncation: no "…", and the line lies inside the shape beneath it (or inside the drawing).
 * Per figure: with `noScroll`, its scroll box does not scroll and the figure lies inside the viewport;
 * otherwise, a figure that scrolls shows its hint.
 */
export async function diagramProblems(page: Page, options: { noScroll: boolean }): Promise<string[]> {
  // Deferred boxes (content-visibility) are neither laid out nor hit-tested off screen: draw them all.
  // And scroll at once (the site scrolls smoothly), so a label brought on screen is there to hit-test.
  await page.addStyleTag({ content: '.diagram-scroll { content-visibility: visible !important; } html { scroll-behavior: auto !important; }' });
  return page.evaluate(({ noScroll }) => {
    const problems: string[] = [];
    type Rgba = [number, number, number, number];

    const parseColour = (value: string): Rgba | undefined => {
      let m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(value);
      if (m) return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
      m = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.]+))?\)$/.exec(value);
      if (m) return [Number(m[1]) * 255, Number(m[2]) * 255, Number(m[3]) * 255, m[4] === undefined ? 1 : Number(m[4])];
      if (value === 'none' || value === 'transparent') return [0, 0, 0, 0];
      return undefined;
    };
    const luminance = ([r, g, b]: Rgba) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const contrast = (a: Rgba, b: Rgba) => {
      const [la, lb] = [luminance(a), luminance(b)];
      return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    };
    const over = (top: Rgba, below: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1];
    };
    const isText = (e: Element) => e.tagName === 'text' || e.tagName === 'tspan';
    const isShape = (e: Element) => e instanceof SVGGeometryElement;
    /** The fill an element paints, with its opacity folded in (SVG shapes), or its background (HTML). */
    const paint = (e: Element): Rgba | undefined => {
      const style = getComputedStyle(e);
      if (e instanceof SVGElement) {
        if (!isShape(e) || e.tagName === 'line') return [0, 0, 0, 0]; // a line has no inside to fill
        const fill = parseColour(style.fill);
        if (!fill) return undefined;
        return [fill[0], fill[1], fill[2], fill[3] * Number(style.fillOpacity) * Number(style.opacity)];
      }
      return parseColour(style.backgroundColor);
    };
    const strokes = (e: Element) => isShape(e) && getComputedStyle(e).stroke !== 'none' && Number(getComputedStyle(e).strokeWidth.replace('px', '')) > 0;
    const intersects = (a: DOMRect, b: DOMRect, inset = 1) =>
      a.left + inset < b.right && b.left + inset < a.right && a.top + inset < b.bottom && b.top + inset < a.bottom;
    const short = (s: string) => (s.length > 40 ? s.slice(0, 39) + '…' : s);

    const figures = [...document.querySelectorAll<HTMLElement>('figure.diagram')].filter((f) => f.querySelector('svg'));
    for (const [n, figure] of figures.entries()) {
      figure.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
      const svg = figure.querySelector('svg')!;
      const scroller = figure.querySelector<HTMLElement>('.diagram-scroll') ?? figure;
      const scrolls = scroller.scrollWidth > scroller.clientWidth + 1;
      const figureBox = figure.getBoundingClientRect();
      if (noScroll) {
        if (scrolls) problems.push(`fig ${n}: scrolls sideways (${scroller.scrollWidth} px in a ${scroller.clientWidth} px box)`);
        if (figureBox.left < 0 || figureBox.right > document.documentElement.clientWidth) problems.push(`fig ${n}: reaches outside the viewport (${Math.round(figureBox.left)}–${Math.round(figureBox.right)} px)`);
      } else if (scrolls) {
        const hint = figure.querySelector<HTMLElement>('.diagram-hint');
        if (!hint || hint.offsetParent === null) problems.push(`fig ${n}: scrolls sideways with no visible hint`);
      }
      // Everything below is measured with the figure scrolled to its start; hit tests need it on screen.
      scroller.scrollLeft = 0;
      const svgBox = svg.getBoundingClientRect();
      const viewBoxWidth = svg.viewBox.baseVal?.width || svgBox.width;
      const scale = svgBox.width / viewBoxWidth;
      const lines: Array<{ text: SVGTextElement; box: DOMRect; content: string }> = [];
      for (const text of svg.querySelectorAll('text')) {
        const spans = [...text.querySelectorAll('tspan')].filter((s) => (s.textContent ?? '').trim() !== '');
        for (const part of spans.length ? spans : [text]) {
          const content = (part.textContent ?? '').trim();
          if (content) lines.push({ text, box: part.getBoundingClientRect(), content });
        }
      }
      if (lines.length === 0) problems.push(`fig ${n}: has no text to measure`);
      for (const [i, { text, box, content }] of lines.entries()) {
        const where = `fig ${n} '${short(content)}'`;
        const size = parseFloat(getComputedStyle(text).fontSize) * scale;
        if (size < 12 - 0.01) problems.push(`${where}: ${size.toFixed(1)} px, under 12 px`);
        if (content.includes('…') || content.endsWith('...')) problems.push(`${where}: cut short with an ellipsis`);
        for (const other of lines.slice(i + 1)) {
          if (other.text !== text && intersects(box, other.box)) problems.push(`${where}: overlaps '${short(other.content)}'`);
        }
        // Only what is on screen can be hit-tested: bring the label's middle into view (a figure taller
        // than the screen, or one that scrolls sideways on a phone, is measured in parts).
        const moved = () => {
          const now = svg.getBoundingClientRect();
          return { dx: now.left - svgBox.left, dy: now.top - svgBox.top };
        };
        let { dx, dy } = moved();
        if (box.left + dx + box.width / 2 < 4 || box.left + dx + box.width / 2 > innerWidth - 4) scroller.scrollLeft += box.left + dx + box.width / 2 - innerWidth / 2;
        if (box.top + dy + box.height / 2 < 4 || box.top + dy + box.height / 2 > innerHeight - 4) window.scrollBy(0, box.top + dy + box.height / 2 - innerHeight / 2);
        ({ dx, dy } = moved());
        const shifted = new DOMRect(box.left + dx, box.top + dy, box.width, box.height);
        const [x, y] = [shifted.left + shifted.width / 2, shifted.top + shifted.height / 2];
        if (x < 0 || x > innerWidth || y < 0 || y > innerHeight) {
          problems.push(`${where}: cannot be brought on screen to be measured`);
          continue;
        }
        const stack = document.elementsFromPoint(x, y).filter((e) => !isText(e));
        let background: Rgba | undefined;
        const layers: Rgba[] = [];
        let container: Element | undefined;
        for (const element of stack) {
          const colour = paint(element);
          if (!colour) {
            problems.push(`${where}: cannot read the colour of the ${element.tagName} beneath it`);
            break;
          }
          if (colour[3] > 0) {
            layers.push(colour);
            if (element instanceof SVGElement) container ??= element;
          }
          if (colour[3] >= 1) {
            background = layers.reduceRight((below, top) => over(top, below));
            break;
          }
        }
        if (background) {
          const fill = parseColour(getComputedStyle(text).fill);
          if (!fill) problems.push(`${where}: cannot read its colour (${getComputedStyle(text).fill})`);
          else {
            const ratio = contrast(over(fill, background), background);
            if (ratio < 4.5) problems.push(`${where}: contrast ${ratio.toFixed(2)}:1, under 4.5:1`);
          }
        } else problems.push(`${where}: nothing opaque beneath it`);
        // The label must sit inside the shape it is drawn on (or inside the drawing).
        const holder = (container ?? svg).getBoundingClientRect();
        const lineBox = shifted;
        if (lineBox.left < holder.left - 1 || lineBox.right > holder.right + 1 || lineBox.top < holder.top - 1.5 || lineBox.bottom > holder.bottom + 1.5) {
          problems.push(`${where}: spills out of the ${container ? container.tagName : 'drawing'} it is drawn on`);
        }
        // Strokes painted above the label's background that pass through the label.
        for (const shape of svg.querySelectorAll('line, path, polyline, polygon, rect')) {
          if (!strokes(shape)) continue;
          const r = shape.getBoundingClientRect();
          if (!intersects(r, shifted, 2)) continue;
          // Test the middle of where the two boxes overlap (a vertical line: its x, the label's middle).
          const px = Math.max(r.left, shifted.left) / 2 + Math.min(r.right, shifted.right) / 2;
          const py = Math.max(r.top, shifted.top) / 2 + Math.min(r.bottom, shifted.bottom) / 2;
          const hits = document.elementsFromPoint(px, py).filter((e) => !isText(e));
          const at = hits.indexOf(shape);
          if (at < 0) continue;
          const opaqueAbove = hits.slice(0, at).some((e) => (paint(e)?.[3] ?? 0) >= 1);
          const isItsOwnBackground = container === shape;
          if (!opaqueAbove && !isItsOwnBackground) problems.push(`${where}: a ${shape.tagName} runs through it`);
        }
      }
    }
    return problems;
  }, options);
}
