/** Whether a note is on the site: every note in `npm run dev`, drafts left out of a build. */
export function isPublished(note: { readonly draft?: boolean | undefined }, dev: boolean): boolean {
  return dev || note.draft !== true;
}
