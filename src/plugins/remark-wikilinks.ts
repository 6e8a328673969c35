import { existsSync, readdirSync } from 'node:fs';
import type { Link, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { closestIds } from './closest-ids.ts';
import { lineInFile } from './source-line.ts';

export interface RemarkWikilinksOptions {
  /** Folder of notes; a note's id is its file name without extension. */
  notesDir?: string;
}

const WIKILINK = /\[\[([^[\]|]+?)(?:\|([^[\]]+?))?\]\]/g;

/**
 * Links between notes by id: `[[dynamo]]` or `[[dynamo|Dynamo's sloppy quorums]]`.
 *
 * In:  See [[viewstamped-replication-revisited|VR's view change]].
 * Out: See <a href="/notes/viewstamped-replication-revisited/" class="wikilink">VR's view change</a>.
 *
 * `[[id]]` alone shows the id; give text after `|` for prose. A link to a note that does not exist stops
 * the build, naming the note, its line and the closest existing ids.
 */
export default function remarkWikilinks(options: RemarkWikilinksOptions = {}) {
  const notesDir = options.notesDir ?? 'content/notes';
  return (tree: Root, file: VFile) => {
    const known = noteIds(notesDir);
    visit(tree, 'text', (node, index, parent) => {
      if (!parent || index === undefined || !WIKILINK.test(node.value)) return;
      WIKILINK.lastIndex = 0;
      const parts = splitWikilinks(node, known, file);
      parent.children.splice(index, 1, ...parts);
      return [SKIP, index + parts.length];
    });
  };
}

function splitWikilinks(node: Text, known: ReadonlySet<string>, file: VFile): Array<Text | Link> {
  const parts: Array<Text | Link> = [];
  let last = 0;
  for (const match of node.value.matchAll(WIKILINK)) {
    const id = match[1]!.trim();
    if (!known.has(id)) {
      const suggestions = closestIds(id, [...known]);
      file.fail(
        `${file.path}:${lineInFile(file, node.position?.start.line ?? 0)}: [[${id}]] links to a note that does not exist. ` +
          (suggestions.length ? `Did you mean ${suggestions.map((s) => `[[${s}]]`).join(', ')}? ` : '') +
          'Note ids are file names in content/notes/ without .md.',
        node,
      );
    }
    if (match.index > last) parts.push({ type: 'text', value: node.value.slice(last, match.index) });
    parts.push({
      type: 'link',
      url: `/notes/${id}/`,
      data: { hProperties: { className: ['wikilink'] } },
      children: [{ type: 'text', value: (match[2] ?? id).trim() }],
    });
    last = match.index + match[0].length;
  }
  if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
  return parts;
}

function noteIds(dir: string): Set<string> {
  if (!existsSync(dir)) return new Set();
  return new Set(readdirSync(dir).filter((f) => /\.mdx?$/.test(f)).map((f) => f.replace(/\.mdx?$/, '')));
}
