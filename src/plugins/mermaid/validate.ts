/**
 * Checks a diagram against Mermaid's own grammar, so a typo fails the build instead of rendering a
 * half-drawn picture (the build-time renderer is lenient and would draw whatever it understood).
 * Mermaid's parser touches DOMPurify, which needs a `window`; happy-dom provides one in Node.
 */
type MermaidApi = {
  parse(text: string): Promise<{ diagramType: string } | false>;
  initialize(config: { startOnLoad: boolean }): void;
  /** The parsed diagram, with its DB (what sequence-read.ts reads). */
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: unknown }> };
};

let mermaidPromise: Promise<MermaidApi> | undefined;

/** Mermaid, loaded once per process; also used by sequence-read.ts for the parsed diagram. */
export function loadMermaid(): Promise<MermaidApi> {
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
  // Registers the diagram types, which getDiagramFromText needs (parse does it on its own).
  mermaid.initialize({ startOnLoad: false });
  return mermaid;
}

/** Returns Mermaid's name for the diagram type (`sequence`, `flowchart-v2`, …) or throws its parse error. */
export async function parseDiagram(source: string): Promise<string> {
  const mermaid = await loadMermaid();
  const result = await mermaid.parse(source);
  if (!result) throw new Error('Mermaid could not parse this diagram');
  return result.diagramType;
}
