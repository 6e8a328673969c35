/**
 * Tunes Pagefind's search for a notebook whose notes are named by formulas and one-letter variables
 * ("R + W > N", "2f + 1"). Imported when the reader first opens search (openSearch, below, then loads
 * Pagefind's component UI); the build strips its types into /search/setup.js (src/integrations/search-ui.ts). Measurements behind every
 * choice: docs/search.md.
 *
 * Pagefind matches every query term as a prefix, so "R + W > N" asked for pages with words starting with
 * r, w and n: every page, with "not", "when" and "replicas" highlighted. Here a query is planned first:
 * - symbol-only terms ("+", ">") are dropped: Pagefind cannot match them anyway;
 * - one-letter terms ("R", "1") match whole words only: the results are those Pagefind ranks, kept only
 *   where each one-letter term occurs as a word of its own, and only those words stay highlighted.
 */

/** Pagefind's ranking options (https://pagefind.app/docs/ranking/), as measured in docs/search.md. */
export const RANKING = {
  // Exact-length matches over long extensions: "r" scores the variable R well above "replica". At the
  // default 1.0 the quorum note ranks second for "R + W > N"; at 4 it leads by 1.4x (docs/search.md).
  termSimilarity: 4,
  // Notes are long and grow with every section; at the default 0.75 a short concept page that repeats a
  // note's own summary formula ("2f + 1 replicas") outranked the note. 0.5 keeps every query in
  // tests/site/search-queries.json first (docs/search.md).
  pageLength: 0.5,
  // Title matches keep Pagefind's 5x boost (8 changed no first hit); the `code` field (identifiers,
  // src/lib/code-identifiers.ts) counts half, so a name in code never outranks the note that explains it.
  metaWeights: { title: 5, code: 0.5 },
} as const;

export interface QueryPlan {
  /** What Pagefind searches (prefix matching, ranking). */
  text: string;
  /** One-letter terms, lower-cased, that must occur as whole words on every result. */
  wholeWords: string[];
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;

/**
 * Splits a reader's query into what Pagefind should prefix-match and what must match whole words.
 * Tokens split on whitespace and on symbols, so "R+W>N" plans like "R + W > N"; hyphens, apostrophes,
 * dots and underscores stay inside a word, where Pagefind handles them ("read-write", "e.g.").
 */
export function planQuery(query: string): QueryPlan {
  const tokens = query.split(/[^\p{L}\p{N}\-'’._]+/u).filter((t) => (t.match(LETTER_OR_DIGIT) ?? []).length > 0);
  const wholeWords = [...new Set(tokens.filter((t) => t.match(LETTER_OR_DIGIT)!.length === 1).map((t) => t.match(LETTER_OR_DIGIT)![0]!.toLowerCase()))];
  // A query of one-letter terms only is a formula: Pagefind still ranks it by the letters, and the
  // whole-word rule then keeps only the pages where the variables stand alone.
  const longer = tokens.filter((t) => t.match(LETTER_OR_DIGIT)!.length > 1);
  return { text: (longer.length > 0 ? longer : wholeWords).join(' '), wholeWords };
}

/** Whether a highlighted word from an excerpt answers the plan (a prefix of a longer term, or a whole one-letter term). */
export function answersPlan(word: string, plan: QueryPlan): boolean {
  const normal = (word.match(LETTER_OR_DIGIT) ?? []).join('').toLowerCase();
  if (normal === '') return false;
  if (plan.wholeWords.includes(normal)) return true;
  const longer = plan.text.split(' ').filter((t) => (t.match(LETTER_OR_DIGIT) ?? []).length > 1);
  return longer.some((t) => normal.startsWith((t.match(LETTER_OR_DIGIT) ?? []).join('').toLowerCase().slice(0, 3)));
}

/** Removes the <mark> around words that only matched a one-letter term as a prefix ("not" for "n"). */
export function unmarkStrays(excerpt: string, plan: QueryPlan): string {
  if (plan.wholeWords.length === 0) return excerpt;
  return excerpt.replace(/<mark>([\s\S]*?)<\/mark>/g, (all, word: string) => (answersPlan(word, plan) ? all : word));
}

interface FragmentData { excerpt: string; sub_results?: Array<{ excerpt: string }> | undefined }
interface Result { id: string; data(): Promise<FragmentData> }
interface Response { results: Result[]; unfilteredResultCount: number }
interface PagefindApi { search(term: string | null, options?: object): Promise<Response | null> }

/** Pagefind's search with the query plan applied; `search` is the module's own function. */
export function plannedSearch(pagefind: PagefindApi): PagefindApi['search'] {
  return async (term, options) => {
    if (term === null || term.trim() === '' || /^\s*".*"\s*$/.test(term)) return pagefind.search(term, options);
    const plan = planQuery(term);
    if (plan.wholeWords.length === 0) return pagefind.search(plan.text, options);
    const [ranked, ...exact] = await Promise.all([
      pagefind.search(plan.text, options),
      // A quoted single word is Pagefind's exact search: the pages where that word stands alone.
      ...plan.wholeWords.map((word) => pagefind.search(`"${word}"`, options)),
    ]);
    if (!ranked) return ranked;
    const allowed = exact.map((response) => new Set(response?.results.map((r) => r.id)));
    const results = ranked.results
      .filter((r) => allowed.every((ids) => ids.has(r.id)))
      .map((r) => ({
        ...r,
        data: async () => {
          const data = await r.data();
          return {
            ...data,
            excerpt: unmarkStrays(data.excerpt, plan),
            sub_results: data.sub_results?.map((sub) => ({ ...sub, excerpt: unmarkStrays(sub.excerpt, plan) })),
          };
        },
      }));
    return { ...ranked, results, unfilteredResultCount: results.length };
  };
}

interface Instance { __pagefind__: unknown; applyOptions(options: object): void }
interface Components { getInstanceManager(): { getInstance(name: string): Instance } }

/**
 * Applies the ranking and the query plan to the component UI's default instance. Call before the first
 * search. The instance keeps the loaded Pagefind module in `__pagefind__`; we hand it a copy whose
 * `search` plans the query (a module namespace cannot be changed in place).
 */
export function setUpSearch(components: Components): void {
  const instance = components.getInstanceManager().getInstance('default');
  instance.applyOptions({ ranking: RANKING });
  const wrap = (module: unknown) =>
    module && typeof (module as PagefindApi).search === 'function'
      ? { ...(module as object), search: plannedSearch(module as PagefindApi) }
      : module;
  let loaded = wrap(instance.__pagefind__);
  Object.defineProperty(instance, '__pagefind__', {
    configurable: true,
    get: () => loaded,
    set: (module: unknown) => { loaded = wrap(module); },
  });
}

let panel: Promise<void> | undefined;

/**
 * Opens the search panel, loading Pagefind's component UI, its stylesheet and ours the first time. The
 * inline script every page carries (src/components/UiScript.astro) imports this module on the first "/"
 * or click on Search, so that script holds only a few lines for search.
 */
export async function openSearch(): Promise<void> {
  panel ??= loadPanel().catch((error: unknown) => {
    panel = undefined;
    throw error;
  });
  await panel;
  (document.querySelector('pagefind-modal') as (Element & { open(): void }) | null)?.open();
}

async function loadPanel(): Promise<void> {
  const stylesheet = (href: string) => Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
  await new Promise<void>((done, fail) => {
    const script = Object.assign(document.createElement('script'), { type: 'module', src: '/pagefind/pagefind-component-ui.js' });
    script.onload = () => done();
    script.onerror = () => fail(new Error('Pagefind’s UI did not load: the search index has not been built'));
    // Our theme and compact filters (src/styles/search-panel.css) come after Pagefind's own styles.
    document.head.append(stylesheet('/pagefind/pagefind-component-ui.css'), stylesheet('/search/panel.css'), script);
  });
  // Ranking and query planning apply before the first search.
  setUpSearch((window as unknown as { PagefindComponents: Components }).PagefindComponents);
  await customElements.whenDefined('pagefind-modal');
}
