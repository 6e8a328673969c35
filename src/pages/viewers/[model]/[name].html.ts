/**
 * The history viewers notes link to (src/plugins/remark-history-viewer.ts): for every history in
 * snippets/<model>/histories.ts, the run is checked at build time and its viewer written as a
 * self-contained page, with a link back to the note that embeds it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import type { ViewerEmbeds } from '../../../../snippets/check/embed.ts';
import { notesDirectory } from '../../../lib/paths.ts';

const modules = import.meta.glob<{ histories: ViewerEmbeds }>('../../../../snippets/*/histories.ts', { eager: true });

export const getStaticPaths = (() =>
  Object.entries(modules).flatMap(([path, { histories }]) => {
    const model = /snippets\/([^/]+)\/histories\.ts$/.exec(path)![1]!;
    return Object.keys(histories).map((name) => ({ params: { model, name }, props: { run: histories[name]! } }));
  })) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, props }) => {
  const embed = (props as { run: ViewerEmbeds[string] }).run();
  const note = embeddingNote(`${params.model}/${params.name}`);
  const back = note ? { href: `/notes/${note.id}/`, label: note.title } : { href: '/', label: 'Paperlog' };
  const html = embed.html({ back, icon: '/favicon.svg' });
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
};

/** The note whose history-viewer fence names this history, for the page's link back. */
function embeddingNote(spec: string): { id: string; title: string } | undefined {
  const dir = notesDirectory();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    if (!text.includes(`history="${spec}"`)) continue;
    const title = /^title:\s*["']?(.*?)["']?\s*$/m.exec(text)?.[1] ?? file.replace(/\.md$/, '');
    return { id: file.replace(/\.md$/, ''), title };
  }
  return undefined;
}
