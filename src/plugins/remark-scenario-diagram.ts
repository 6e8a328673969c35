import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Code, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { lineInFile } from './source-line.ts';
import type { Scenarios } from '../../snippets/demo.ts';

export interface RemarkScenarioDiagramOptions {
  /** Folder holding the models (snippets/). */
  root?: string;
}


/**
 * Fills a Mermaid fence with the diagram of a model run, generated at build time, so a picture of a
 * protocol run cannot drift from the model the tests check.
 *
 * In:  ```mermaid scenario="quorums/stale-read" title="A stale read"
 *      ```
 * Out: the same fence holding what `scenarios['stale-read']()` in snippets/quorums/scenarios.ts
 *      returns; remark-mermaid then draws it like any other diagram.
 *
 * An unknown model or scenario stops the build, naming the note, its line and the scenarios that exist.
 */
export default function remarkScenarioDiagram(options: RemarkScenarioDiagramOptions = {}) {
  const root = resolve(options.root ?? 'snippets');
  return async (tree: Root, file: VFile) => {
    const fences: Array<[Code, string]> = [];
    visit(tree, 'code', (node) => {
      const spec = /(?:^|\s)scenario="([^"]*)"/.exec(node.meta ?? '')?.[1];
      if (node.lang === 'mermaid' && spec !== undefined) fences.push([node, spec]);
    });
    for (const [node, spec] of fences) node.value = await scenarioSource(node, spec, root, file);
  };
}

async function scenarioSource(node: Code, spec: string, root: string, file: VFile): Promise<string> {
  const fail = (message: string): never =>
    file.fail(`${file.path}:${lineInFile(file, node.position?.start.line ?? 0)}: ${message}`, node);
  const [model = '', name = ''] = spec.split('/');
  if (!/^[a-z0-9-]+$/.test(model) || !name) fail(`scenario="${spec}" must be MODEL/NAME, like scenario="quorums/stale-read".`);
  if (node.value.trim() !== '') fail('a scenario fence must be empty: the diagram is generated from the model run.');
  const modulePath = join(root, model, 'scenarios.ts');
  if (!existsSync(modulePath)) fail(`there is no snippets/${model}/scenarios.ts to take scenario "${name}" from.`);
  const { scenarios } = (await import(pathToFileURL(modulePath).href)) as { scenarios?: Scenarios };
  const scenario = scenarios?.[name];
  if (!scenario) fail(`snippets/${model}/scenarios.ts has no scenario "${name}". Scenarios: ${Object.keys(scenarios ?? {}).join(', ') || '(none)'}.`);
  return scenario!();
}
