import { parseMermaid } from './validate.ts';

/**
 * A sequence diagram as Mermaid's own parser reads it (its sequence DB, in Node: validate.ts), in the
 * terms our build-time renderer (render-sequence.ts) draws: participants and actors (with `as`
 * aliases), messages (`->>`, `-->>`, `->`, `-->`), notes (`over`, `left of`, `right of`) and
 * `loop`/`alt`/`opt`/`par` blocks. Whatever else Mermaid understood (activations, lost or async arrows,
 * boxes, links, a title, …) is refused with the line that uses it, rather than drawn as something
 * else or left out.
 */
export interface SequenceActor {
  readonly id: string;
  readonly label: string;
  readonly kind: 'participant' | 'actor';
}

export type SequenceStep =
  | { readonly kind: 'message'; readonly from: string; readonly to: string; readonly text: string; readonly dashed: boolean; readonly open: boolean }
  | { readonly kind: 'note'; readonly actors: readonly string[]; readonly placement: 'over' | 'left' | 'right'; readonly text: string }
  | { readonly kind: 'block-start'; readonly block: string; readonly text: string }
  | { readonly kind: 'block-divider'; readonly text: string }
  | { readonly kind: 'block-end' };

export interface SequenceDiagram {
  readonly actors: readonly SequenceActor[];
  readonly steps: readonly SequenceStep[];
}

/** What validate.ts reads from Mermaid's sequence DB (mermaid/dist/diagrams/sequence/sequenceDb.d.ts). */
export interface MermaidSequence {
  actors: ReadonlyArray<{ name: string; description: string; type: string; box?: unknown; links?: Record<string, string>; properties?: Record<string, unknown> }>;
  messages: ReadonlyArray<{ from?: string; to?: string; message?: unknown; type?: number; placement?: number; activate?: boolean; centralConnection?: number }>;
  created: number;
  destroyed: number;
  title: string;
  accessible: string;
}

/** Mermaid's LINETYPE numbers for what we draw. Anything else is refused. */
const MESSAGE = { 0: [false, false], 1: [true, false], 5: [false, true], 6: [true, true] } as Record<number, [dashed: boolean, open: boolean]>;
const NOTE = 2;
const BLOCK_START: Record<number, string> = { 10: 'loop', 12: 'alt', 15: 'opt', 19: 'par' };
const BLOCK_DIVIDER = new Set([13, 20]);
const BLOCK_END = new Set([11, 14, 16, 21]);
const PLACEMENT = ['left', 'right', 'over'] as const;

/** What a refused line type is, to name it, and how to find the line that wrote it. */
const REFUSED: Record<number, [feature: string, line: RegExp]> = {
  3: ['a lost-message arrow (-x)', /--?x/],
  4: ['a lost-message arrow (--x)', /--?x/],
  17: ['an activation bar (activate, or + after an arrow)', /^\s*activate\b|[>x)]\s*\+/],
  18: ['an activation bar (deactivate, or - after an arrow)', /^\s*deactivate\b|[>x)]\s*-/],
  22: ['a highlighted region (rect)', /^\s*rect\b/],
  24: ['an async arrow (-))', /--?\)/],
  25: ['an async arrow (--))', /--?\)/],
  26: ['autonumber', /^\s*autonumber\b/],
  27: ['a critical block', /^\s*critical\b/],
  28: ['a critical block option', /^\s*option\b/],
  30: ['a break block', /^\s*break\b/],
  32: ['a par_over block', /^\s*par_over\b/],
  33: ['a two-way arrow (<<->>)', /<<--?>>/],
  34: ['a two-way arrow (<<-->>)', /<<--?>>/],
};

/** Reads a sequence diagram with Mermaid's own parser. Throws on a line we would not draw faithfully. */
export async function readSequence(source: string): Promise<SequenceDiagram> {
  const { type, sequence } = await parseMermaid(source);
  if (!sequence) throw new Error(`this is a ${type} diagram, not a sequence diagram`);
  return fromMermaid(sequence, source);
}

export function fromMermaid(parsed: MermaidSequence, source: string): SequenceDiagram {
  const lines = source.split('\n');
  const refuse = (feature: string, where: RegExp | ((line: string) => boolean)): never => {
    const test = typeof where === 'function' ? where : (line: string) => where.test(line.replace(/%%.*$/, ''));
    const index = lines.findIndex(test);
    const at = index >= 0 ? `line ${index + 1} of the diagram ("${lines[index]!.trim()}")` : 'the diagram';
    throw new Error(
      `${at} uses ${feature}, which the build-time renderer does not draw. ` +
        'Use participants, messages (->>, -->>, ->, -->), notes and loop/alt/opt/par blocks; docs/diagrams.md says what else is drawn, and how.',
    );
  };
  if (parsed.title) refuse('a title', /^\s*title\b/);
  if (parsed.accessible) refuse('accTitle or accDescr', /^\s*acc(Title|Descr)\b/);
  if (parsed.created || parsed.destroyed) refuse('participant creation or destruction', /^\s*(create|destroy)\b/);
  const actors: SequenceActor[] = [];
  for (const actor of parsed.actors) {
    if (actor.box !== undefined) refuse('a box around participants', /^\s*box\b/);
    if (Object.keys(actor.links ?? {}).length || Object.keys(actor.properties ?? {}).length) refuse('participant links or properties', /^\s*(links?|properties)\b/);
    const kind = actor.type;
    if (kind !== 'participant' && kind !== 'actor') return refuse(`a participant drawn as "${kind}"`, (line) => line.includes('@{'));
    actors.push({ id: actor.name, label: decode(actor.description), kind });
  }
  const steps: SequenceStep[] = [];
  for (const m of parsed.messages) {
    const type = m.type ?? -1;
    const text = decode(typeof m.message === 'string' ? m.message : ''); // autonumber's is an object
    const arrow = MESSAGE[type];
    if (arrow && !m.activate && !m.centralConnection) {
      steps.push({ kind: 'message', from: m.from!, to: m.to!, text, dashed: arrow[0], open: arrow[1] });
    } else if (type === NOTE) {
      const over = [m.from!, ...(m.to && m.to !== m.from ? [m.to] : [])];
      steps.push({ kind: 'note', actors: over, placement: PLACEMENT[m.placement ?? 2]!, text });
    } else if (BLOCK_START[type]) {
      steps.push({ kind: 'block-start', block: BLOCK_START[type]!, text });
    } else if (BLOCK_DIVIDER.has(type)) {
      steps.push({ kind: 'block-divider', text });
    } else if (BLOCK_END.has(type)) {
      steps.push({ kind: 'block-end' });
    } else {
      const [feature, line] = REFUSED[type] ?? (arrow ? REFUSED[17]! : [`a message of a kind Mermaid numbers ${type}`, /$^/]);
      // A message's own line is the one naming both ends and its text; the rest are found by keyword.
      refuse(feature, (l) => line.test(l) && (!m.from || !m.to || (l.includes(m.from) && l.includes(m.to))));
    }
  }
  return { actors, steps };
}

/**
 * Mermaid keeps its `#name;` and `#123;` escapes (for characters its grammar reserves) as private
 * markers until it draws; this turns them into the characters.
 */
function decode(text: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', semi: ';', colon: ':', num: '#', nbsp: ' ' };
  return text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/ﬂ°(\w+)¶ß/g, (all, name: string) => named[name] ?? all)
    .trim();
}
