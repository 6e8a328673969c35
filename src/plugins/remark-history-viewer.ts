import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Code, Html, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { lineInFile } from './source-line.ts';
import type { ViewerEmbeds } from '../../snippets/check/embed.ts';

export interface RemarkHistoryViewerOptions {
  /** Folder holding the models (snippets/). */
  root?: string;
}

/** Where the site serves a history's viewer (src/pages/viewers/[model]/[name].html.ts writes it). */
export function viewerPath(model: string, name: string): string {
  return `/viewers/${model}/${name}.html`;
}

/**
 * Links a note to the history viewer of a checked model run, generated at build time:
 *
 * In:  ```history-viewer history="quorums/no-write-back"
 *      ```
 * Out: a paragraph with the checker's verdict and a link to /viewers/quorums/no-write-back.html,
 *      the viewer of `histories['no-write-back']()` in snippets/quorums/histories.ts.
 *
 * The note page gets plain text and a link (no script, no styles of its own); the viewer is a page of
 * its own, self-contained, readable without script. An unknown model or history, or a run that throws,
 * stops the build naming the note and its line.
 */
export default function remarkHistoryViewer(options: RemarkHistoryViewerOptions = {}) {
  const root = resolve(options.root ?? 'snippets');
  return async (tree: Root, file: VFile) => {
    const fences: Array<[Code, string]> = [];
    visit(tree, 'code', (node) => {
      if (node.lang === 'history-viewer') fences.push([node, /(?:^|\s)history="([^"]*)"/.exec(node.meta ?? '')?.[1] ?? '']);
    });
    for (const [node, spec] of fences) {
      Object.assign(node, { type: 'html', value: await viewerLink(node, spec, root, file) } satisfies Html);
    }
  };
}

async function viewerLink(node: Code, spec: string, root: string, file: VFile): Promise<string> {
  const fail = (message: string): never =>
    file.fail(`${file.path}:${lineInFile(file, node.position?.start.line ?? 0)}: ${message}`, node);
  const [model = '', name = '', ...rest] = spec.split('/');
  if (!/^[a-z0-9-]+$/.test(model) || !/^[a-z0-9-]+$/.test(name) || rest.length > 0) {
    fail(`a history-viewer fence needs history="MODEL/NAME", like history="quorums/no-write-back"; got ${spec ? `"${spec}"` : 'none'}.`);
  }
  if (node.value.trim() !== '') fail('a history-viewer fence must be empty: the history comes from the model run.');
  const modulePath = join(root, model, 'histories.ts');
  if (!existsSync(modulePath)) fail(`there is no snippets/${model}/histories.ts to take history "${name}" from.`);
  const { histories } = (await import(pathToFileURL(modulePath).href)) as { histories?: ViewerEmbeds };
  const run = histories?.[name];
  if (!run) fail(`snippets/${model}/histories.ts has no history "${name}". Histories: ${Object.keys(histories ?? {}).join(', ') || '(none)'}.`);
  let verdict = '';
  let ok: boolean | undefined;
  try {
    ({ verdict, ok } = run!());
  } catch (error) {
    fail(`history "${model}/${name}" failed to run: ${(error as Error).message}`);
  }
  // The link promises the operation no order can place: a history without one would contradict it.
  if (ok !== false) fail(`history "${model}/${name}" has no counterexample to show (${verdict}). A history-viewer fence is for a run the checker rejects: embed a failing run, or describe this one in words.`);
  return `<p class="history-viewer"><a href="${viewerPath(model, name)}">Open this history in the checker’s viewer</a>: each client’s calls on a time axis, the order the checker found, and the operation no order can place. ${escapeHtml(verdict)}</p>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
