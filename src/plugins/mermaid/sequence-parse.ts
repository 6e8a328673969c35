/**
 * The part of Mermaid's sequence-diagram language our build-time renderer draws: participants and
 * actors (with `as` aliases), messages (`->>`, `-->>`, `->`, `-->`), notes (`over`, `left of`,
 * `right of`) and `loop`/`alt`/`opt`/`par` blocks. Mermaid's own parser has already accepted the
 * diagram (validate.ts), so this only has to read it; what route.ts sends to the browser never gets here.
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

const ARROW = /^\s*([^\s:>-][^:>]*?)\s*(-->>|->>|-->|->)\s*([^\s:][^:]*?)\s*:\s?(.*)$/;
const NOTE = /^\s*note\s+(over|left of|right of)\s+([^:]+?)\s*:\s?(.*)$/i;
const DECLARE = /^\s*(participant|actor)\s+(.+?)(?:\s+as\s+(.+?))?\s*$/;
const BLOCK = /^\s*(loop|alt|opt|par)\b\s*(.*)$/;
const DIVIDER = /^\s*(else|and)\b\s*(.*)$/;
const SKIP = /^\s*(?:sequenceDiagram\b.*|%%.*|title\b.*|acc(?:Title|Descr)\b.*|)$/;

export function parseSequence(source: string): SequenceDiagram {
  const actors = new Map<string, SequenceActor>();
  const steps: SequenceStep[] = [];
  const use = (id: string) => {
    if (!actors.has(id)) actors.set(id, { id, label: id, kind: 'participant' });
    return id;
  };
  for (const [index, line] of source.split('\n').entries()) {
    let m: RegExpExecArray | null;
    if (SKIP.test(line)) continue;
    if ((m = DECLARE.exec(line))) {
      const id = m[2]!;
      actors.set(id, { id, label: entities(m[3] ?? id), kind: m[1] as SequenceActor['kind'] });
    } else if ((m = NOTE.exec(line))) {
      const placement = m[1]!.toLowerCase().split(' ')[0] as 'over' | 'left' | 'right';
      steps.push({ kind: 'note', placement, actors: m[2]!.split(',').map((a) => use(a.trim())), text: entities(m[3]!) });
    } else if ((m = BLOCK.exec(line))) {
      steps.push({ kind: 'block-start', block: m[1]!, text: entities(m[2]!) });
    } else if ((m = DIVIDER.exec(line))) {
      steps.push({ kind: 'block-divider', text: entities(m[2]!) });
    } else if (/^\s*end\s*$/.test(line)) {
      steps.push({ kind: 'block-end' });
    } else if ((m = ARROW.exec(line))) {
      const arrow = m[2]!;
      steps.push({ kind: 'message', from: use(m[1]!), to: use(m[3]!), text: entities(m[4]!), dashed: arrow.startsWith('--'), open: !arrow.endsWith('>>') });
    } else {
      throw new Error(
        `line ${index + 1} of the diagram ("${line.trim()}") is sequence-diagram syntax the build-time renderer does not draw. ` +
          'Use participants, messages (->>, -->>, ->, -->), notes and loop/alt/opt/par blocks, or see docs/diagrams.md for what is drawn in the browser.',
      );
    }
  }
  return { actors: [...actors.values()], steps };
}

/** Mermaid's `#name;` entities for characters its grammar reserves. */
function entities(text: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', semi: ';', colon: ':', num: '#' };
  return text.replace(/#(\w+);/g, (all, name: string) => (/^\d+$/.test(name) ? String.fromCodePoint(Number(name)) : (named[name] ?? all))).trim();
}
