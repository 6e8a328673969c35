import type { Link, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { closestIds } from './closest-ids.ts';
import { lineInFile } from './source-line.ts';
import { linkTargets, type LinkTarget } from './link-targets.ts';
import { FILE_LINK, WIKILINK } from './link-syntax.ts';
import { linkMentions } from '../lib/backlinks.ts';
import { setPageData } from './page-data.ts';

export interface RemarkWikilinksOptions {
  /** Folder of notes; a note's id is its file name without extension. */
  notesDir?: string;
  /** Folder of concepts; ids share one namespace with notes. */
  conceptsDir?: string;
}

/**
 * Links to notes and concepts by id: `[[dynamo]]` or `[[dynamo|Dynamo's sloppy quorums]]`.
 *
 * In:  See [[viewstamped-replication-revisited|VR's view change]] and [[quorum|quorums]].
 * Out: See <a href="/notes/viewstamped-replication-revisited/" class="wikilink">VR's view change</a> and
 *      <a href="/concepts/quorum/" class="wikilink concept-link">quorums</a>.
 *
 * `[[id]]` alone shows the id; give text after `|` for prose. Ordinary links to the file
 * (`[Dynamo](dynamo.md)`, `[quorum](../concepts/quorum.md)`), which work in an editor's preview, become
 * the page's address too. A link to an id that does not exist stops the build, naming the file, its
 * line and the closest existing ids.
 */
export default function remarkWikilinks(options: RemarkWikilinksOptions = {}) {
  const notesDir = options.notesDir ?? 'content/notes';
  const conceptsDir = options.conceptsDir ?? 'content/concepts';
  return (tree: Root, file: VFile) => {
    const known = linkTargets(notesDir, conceptsDir);
    visit(tree, 'link', (node) => {
      const match = FILE_LINK.exec(node.url);
      if (!match) return;
      const target = resolve(match[1]!, known, file, node, `(${node.url})`);
      node.url = target.url + (match[2] ?? '');
      if (target.kind === 'concept') node.data = { ...node.data, hProperties: { className: ['concept-link'] } };
    });
    visit(tree, 'text', (node, index, parent) => {
      if (!parent || index === undefined || !node.value.includes('[[')) return;
      const parts = splitWikilinks(node, known, file);
      parent.children.splice(index, 1, ...parts);
      return [SKIP, index + parts.length];
    });
    // Collected here, while the tree is parsed anyway: the build reads backlinks from this (cached) data.
    setPageData(file, { links: linkMentions(tree) });
  };
}

function splitWikilinks(node: Text, known: ReadonlyMap<string, LinkTarget>, file: VFile): Array<Text | Link> {
  const parts: Array<Text | Link> = [];
  let last = 0;
  for (const match of node.value.matchAll(WIKILINK)) {
    const id = match[1]!.trim();
    const target = resolve(id, known, file, node, `[[${id}]]`);
    if (match.index > last) parts.push({ type: 'text', value: node.value.slice(last, match.index) });
    parts.push({
      type: 'link',
      url: target.url,
      data: { hProperties: { className: target.kind === 'concept' ? ['wikilink', 'concept-link'] : ['wikilink'] } },
      children: [{ type: 'text', value: (match[2] ?? id).trim() }],
    });
    last = match.index + match[0].length;
  }
  if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
  return parts;
}

/** The page an id names; an unknown id stops the build with the file, the line and "did you mean". */
function resolve(id: string, known: ReadonlyMap<string, LinkTarget>, file: VFile, node: Text | Link, written: string): LinkTarget {
  const target = known.get(id);
  if (target) return target;
  const suggestions = closestIds(id, [...known.keys()]);
  return file.fail(
    `${file.path}:${lineInFile(file, node.position?.start.line ?? 0)}: ${written} links to a note or concept that does not exist. ` +
      (suggestions.length ? `Did you mean ${suggestions.map((s) => `[[${s}]]`).join(', ')}? ` : '') +
      'Ids are file names without .md: notes in content/notes/, concepts in content/concepts/.',
    node,
  );
}
