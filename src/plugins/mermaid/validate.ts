import type { MermaidSequence } from './sequence-read.ts';

/**
 * Checks a diagram against Mermaid's own grammar, so a typo fails the build instead of rendering a
 * half-drawn picture (the build-time renderer is lenient and would draw whatever it understood).
 * The same parse gives the sequence renderer its input (sequence-read.ts), so each diagram is parsed
 * once: Mermaid's parser is most of the time a diagram takes to build.
 * Mermaid's parser touches DOMPurify, which needs a `window`; happy-dom provides one in Node.
 */
type MermaidApi = {
  initialize(config: { startOnLoad: boolean }): void;
  /** Parses a diagram: its type, and its DB (one per diagram type, emptied by the next parse of that type). */
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ type: string; db: unknown }> };
};

/** A diagram as Mermaid's grammar read it. */
export interface ParsedDiagram {
  /** Mermaid's name for the diagram type: `sequence`, `flowchart-v2`, `stateDiagram`, … */
  readonly type: string;
  /** For a sequence diagram, what its DB held: the input of sequence-read.ts. */
  readonly sequence?: MermaidSequence;
}

let mermaidPromise: Promise<MermaidApi> | undefined;

function loadMermaid(): Promise<MermaidApi> {
  mermaidPromise ??= importMermaid();
  return mermaidPromise;
}

async function importMermaid(): Promise<MermaidApi> {
  const g = globalThis as { window?: unknown };
  if (!g.window) {
    const { Window } = await import('happy-dom');
    g.window = new Window();
  }
  // Mermaid's own prebuilt bundle: one minified module and its chunks load in about 0.1 s, where
  // the package's entry, which imports d3, dagre and the rest module by module, took 0.45 s in each
  // render worker. Same version, same parser.
  // @ts-expect-error -- the bundle ships no type declarations; MermaidApi is the part used here.
  const { default: mermaid } = (await import('mermaid/dist/mermaid.esm.min.mjs')) as { default: MermaidApi };
  // Registers the diagram types, which getDiagramFromText needs (mermaid.parse does it on its own).
  mermaid.initialize({ startOnLoad: false });
  return mermaid;
}

/**
 * Parses with Mermaid's grammar, or throws its parse error. getDiagramFromText parses as mermaid.parse
 * does (both through Mermaid's Diagram.fromText), but returns the DB as well as the type; it does not
 * apply a diagram's own config (`%%{init}%%`, front matter), which the build's renderers never read.
 */
export function parseMermaid(source: string): Promise<ParsedDiagram> {
  // One parse at a time: the DB is shared, so it is read before another diagram is parsed into it.
  const parsed = parsing.then(async () => {
    const { type, db } = await (await loadMermaid()).mermaidAPI.getDiagramFromText(source);
    return type === 'sequence' ? { type, sequence: sequenceFromDb(db as SequenceDbLike) } : { type };
  });
  parsing = parsed.catch(() => undefined);
  return parsed;
}

let parsing: Promise<unknown> = Promise.resolve();

/** Returns Mermaid's name for the diagram type (`sequence`, `flowchart-v2`, …) or throws its parse error. */
export async function parseDiagram(source: string): Promise<string> {
  return (await parseMermaid(source)).type;
}

/** The parts of Mermaid's sequence DB read here (mermaid/dist/diagrams/sequence/sequenceDb.d.ts). */
interface SequenceDbLike {
  getActors(): Map<string, MermaidSequence['actors'][number]>;
  getMessages(): MermaidSequence['messages'];
  getCreatedActors(): Map<string, number>;
  getDestroyedActors(): Map<string, number>;
  getDiagramTitle(): string | undefined;
  getAccTitle(): string | undefined;
  getAccDescription(): string | undefined;
}

function sequenceFromDb(db: SequenceDbLike): MermaidSequence {
  return {
    actors: [...db.getActors().values()],
    messages: [...db.getMessages()],
    created: db.getCreatedActors().size,
    destroyed: db.getDestroyedActors().size,
    title: db.getDiagramTitle() ?? '',
    accessible: (db.getAccTitle() ?? '') + (db.getAccDescription() ?? ''),
  };
}
