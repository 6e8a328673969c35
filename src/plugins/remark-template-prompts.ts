import { readFileSync } from 'node:fs';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { noteTemplatePath } from '../lib/paths.ts';
import { lineInFile } from './source-line.ts';
import { leftoverPrompts, templatePrompts, type TemplatePrompts } from './template-prompts.ts';

/**
 * A published note must not keep the prompts of the template it was made from ("Two or three
 * sentences: the situation…", the example diagram): the build stops, naming each line. A draft
 * (`draft: true`) may keep them while it is being written.
 */
export default function remarkTemplatePrompts(options: { template?: string } = {}) {
  const template = options.template ?? noteTemplatePath();
  let prompts: TemplatePrompts | undefined;
  return (tree: Root, file: VFile) => {
    const frontmatter = (file.data as { astro?: { frontmatter?: { draft?: unknown } } }).astro?.frontmatter;
    if (frontmatter?.draft === true) return;
    prompts ??= templatePrompts(readFileSync(template, 'utf8'));
    const found = leftoverPrompts(tree, String(file.value), prompts);
    if (found.length === 0) return;
    const lines = found.map(({ line, prompt }) => `  ${file.path}:${lineInFile(file, line)}: ${prompt.startsWith('the example') ? prompt : `"${prompt}"`}`);
    file.fail(
      `${file.path}:${lineInFile(file, found[0]!.line)}: ${found.length === 1 ? 'a prompt' : `${found.length} prompts`} of the note template ` +
        `(${template.replace(/^\.\//, '')}) ${found.length === 1 ? 'is' : 'are'} still in this published note:\n${lines.join('\n')}\n` +
        'Write the note\'s own text in place of each (the prompt says what belongs there), or keep `draft: true` in the frontmatter until it is written.',
      found[0]!.node,
    );
  };
}
