import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Code, Nodes, Paragraph, Root } from 'mdast';

/**
 * The prompts of the note template (content/templates/note.md): each sentence of its prose ("Two or
 * three sentences: the situation…") and its example code blocks. Read from the template itself, so
 * that what the build rejects is always what `npm run new` wrote.
 */
export interface TemplatePrompts {
  readonly sentences: readonly string[];
  readonly examples: readonly { lang: string | null | undefined; value: string }[];
}

/** A paragraph or block of a note that is still a prompt: the body line of the prompt, the prompt, the node. */
export interface Leftover {
  readonly line: number;
  readonly prompt: string;
  readonly node: Paragraph | Code;
}

/** Sentences shorter than this are too likely to be a note's own words ("See below."). */
const MIN_SENTENCE = 20;

export function templatePrompts(template: string): TemplatePrompts {
  // Its frontmatter holds {{placeholders}} that are not YAML; the prompts are all in the body.
  const content = template.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
  const sentences: string[] = [];
  const examples: { lang: string | null | undefined; value: string }[] = [];
  walk(unified().use(remarkParse).parse(content), {
    paragraph: (node) => sentences.push(...sentencesOf(sourceOf(node, content)).filter((s) => s.length >= MIN_SENTENCE)),
    code: (node) => void examples.push({ lang: node.lang, value: node.value.trim() }),
  });
  return { sentences, examples };
}

/** Every prompt of the template still in a note's markdown tree, in order; `source` is the text it was parsed from. */
export function leftoverPrompts(tree: Root, source: string, prompts: TemplatePrompts): Leftover[] {
  const found: Leftover[] = [];
  walk(tree, {
    paragraph: (node) => {
      const text = sourceOf(node, source);
      // One report per paragraph, at its first prompt: rewriting the paragraph deals with all of them.
      for (const prompt of prompts.sentences) {
        const at = new RegExp(prompt.split(' ').map(escape).join('\\s+')).exec(text);
        if (!at) continue;
        found.push({ line: (node.position?.start.line ?? 1) + lineBreaks(text.slice(0, at.index)), prompt, node });
        break;
      }
    },
    code: (node) => {
      if (prompts.examples.some((example) => example.lang === node.lang && example.value === node.value.trim())) {
        found.push({ line: node.position?.start.line ?? 1, prompt: `the example ${node.lang ?? 'code'} block`, node });
      }
    },
  });
  return found.sort((a, b) => a.line - b.line);
}

function walk(node: Nodes, visit: { paragraph(node: Paragraph): void; code(node: Code): void }): void {
  if (node.type === 'paragraph') return visit.paragraph(node);
  if (node.type === 'code') return visit.code(node);
  if ('children' in node) for (const child of node.children) walk(child, visit);
}

/** The markdown a node was parsed from, as written (links, code spans and [[wikilinks]] included). */
function sourceOf(node: Nodes, source: string): string {
  const { start, end } = node.position ?? {};
  return start?.offset !== undefined && end?.offset !== undefined ? source.slice(start.offset, end.offset) : '';
}

/** Sentences of a paragraph's source, each on one line with single spaces. */
function sentencesOf(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])(?<!\b(?:e\.g|i\.e)\.)\s+(?=[A-Z`])/)
    .filter((sentence) => sentence.length > 0);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const lineBreaks = (text: string) => text.split('\n').length - 1;
