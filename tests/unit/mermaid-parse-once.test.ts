import { describe, expect, it, vi } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { VFile } from 'vfile';
import remarkMermaid from '../../src/plugins/remark-mermaid.ts';

/** Every way into Mermaid's parser, counted (validate.ts loads this bundle). */
const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock('mermaid/dist/mermaid.esm.min.mjs', async (importOriginal) => {
  type Api = { parse(...args: unknown[]): unknown; mermaidAPI: { getDiagramFromText(...args: unknown[]): unknown } };
  const { default: mermaid } = await importOriginal<{ default: Api }>();
  const counted = <A extends unknown[], R>(f: (...args: A) => R) => (...args: A): R => {
    parses.count++;
    return f(...args);
  };
  // mermaidAPI is frozen: a copy with the counted function.
  const mermaidAPI = { ...mermaid.mermaidAPI, getDiagramFromText: counted(mermaid.mermaidAPI.getDiagramFromText.bind(mermaid.mermaidAPI)) };
  return { default: Object.assign(Object.create(mermaid) as Api, mermaid, { parse: counted(mermaid.parse.bind(mermaid)), mermaidAPI }) };
});

describe('a diagram is parsed once', () => {
  it('the parse that validates a diagram is the one it is drawn from', async () => {
    const markdown = '```mermaid\nsequenceDiagram\n  A->>B: put\n  B-->>A: ok\n```\n\n```mermaid\nflowchart LR\n  A --> B\n```\n';
    const file = new VFile({ path: 'note.md', value: markdown });
    const tree = unified().use(remarkParse).parse(file);
    await unified().use(remarkMermaid).run(tree, file);
    expect(JSON.stringify(tree).match(/<svg /g)).toHaveLength(2);
    expect(parses.count).toBe(2);
  });
});
