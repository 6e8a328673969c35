/** Site paths, in one place so links and pages cannot disagree. Pages end in a slash. */
export const noteUrl = (id: string) => `/notes/${id}/`;
export const conceptUrl = (id: string) => `/concepts/${id}/`;
export const tagUrl = (tag: string) => `/tags/${tag}/`;
export const seriesUrl = (id: string) => `/series/${id}/`;
/** A cited note's source as a BibTeX file (written by src/integrations/bibtex-files.ts). */
export const bibtexUrl = (id: string) => `/notes/${id}.bib`;
/** The script that shows link previews, loaded on demand (src/integrations/link-previews.ts). */
export const PREVIEW_SCRIPT_URL = '/previews/link-preview.js';
/** How to read a model's text trace (src/pages/legends/[name].astro), linked beside its command on every note. */
export const traceLegendUrl = (model: string) => `/legends/${model}/`;
