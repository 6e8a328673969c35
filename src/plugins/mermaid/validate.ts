/**
 * Checks a diagram against Mermaid's own grammar, so a typo fails the build instead of rendering a
 * half-drawn picture (the build-time renderer is lenient and would draw whatever it understood).
 * Mermaid's parser touches DOMPurify, which needs a `window`; happy-dom provides one in Node.
 */
type MermaidApi = { parse(text: string): Promise<{ diagramType: string } | false> };

let mermaidPromise: Promise<MermaidApi> | undefined;

async function loadMermaid(): Promise<MermaidApi> {
  const g = globalThis as { window?: unknown };
  if (!g.window) {
    const { Window } = await import('happy-dom');
    g.window = new Window();
  }
  const { default: mermaid } = await import('mermaid');
  return mermaid as unknown as MermaidApi;
}

/** Returns Mermaid's name for the diagram type (`sequence`, `flowchart-v2`, …) or throws its parse error. */
export async function parseDiagram(source: string): Promise<string> {
  mermaidPromise ??= loadMermaid();
  const mermaid = await mermaidPromise;
  const result = await mermaid.parse(source);
  if (!result) throw new Error('Mermaid could not parse this diagram');
  return result.diagramType;
}
