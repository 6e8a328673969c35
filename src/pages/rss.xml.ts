import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getNotes } from '../lib/collection.ts';
import { noteUrl } from '../lib/urls.ts';

export async function GET(context: APIContext) {
  const notes = await getNotes();
  return rss({
    title: 'Paperlog',
    description: 'Notes on distributed systems papers, books and posts.',
    site: context.site!,
    items: notes.map((note) => ({
      title: note.data.title,
      description: note.data.summary,
      pubDate: note.data.updated ?? note.data.added,
      link: noteUrl(note.id),
      categories: note.data.tags,
    })),
  });
}
