/**
 * A checked history for a note to embed: the site's build runs it, checks it, and writes the history
 * viewer (viewer.ts) as a page of its own, which the note links to with
 *   ```history-viewer history="quorums/no-write-back"
 *   ```
 * (src/plugins/remark-history-viewer.ts). A model folder lists its histories in `histories.ts`, as it
 * lists diagrams in `scenarios.ts`, so the page shows what the model does today.
 */
import { verdictText } from './counterexample.ts';
import type { History } from './history.ts';
import { checkLinearizability } from './linearizability.ts';
import type { Model } from './model.ts';
import { historyViewerHtml, type ViewerOptions } from './viewer.ts';

export interface ViewerEmbed {
  /** The viewer page's title. */
  readonly title: string;
  /** The checker's verdict in a sentence, for the note's link. */
  readonly verdict: string;
  /** Whether the history is linearizable (false: the page shows a counterexample). */
  readonly ok: boolean;
  /** The whole self-contained page; on the site, with a link back to the note and the site's icon. */
  readonly html: (options?: Omit<ViewerOptions, 'title'>) => string;
}

/** What `snippets/<model>/histories.ts` exports as `histories`: a run per name. */
export type ViewerEmbeds = Record<string, () => ViewerEmbed>;

export function viewerEmbed<State, Input, Output>(model: Model<State, Input, Output>, history: History<Input, Output>, title: string): ViewerEmbed {
  const result = checkLinearizability(model, history);
  return {
    title,
    verdict: verdictText(result),
    ok: result.ok,
    html: (options = {}) => historyViewerHtml(model, result, { ...options, title }),
  };
}
