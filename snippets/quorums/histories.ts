/**
 * Checked histories of the quorum register whose history viewer the quorums note links to
 * (```history-viewer history="quorums/no-write-back"```): the build runs each, checks it with the
 * linearizability checker and writes the viewer as a page of its own (snippets/check/embed.ts).
 */
import { viewerEmbed, type ViewerEmbeds } from '../check/embed.ts';
import { registerModel } from '../check/models/register.ts';
import { registerHistory } from './run-register.ts';
import { halfFinishedWrite } from './scenarios.ts';

export const histories: ViewerEmbeds = {
  /** Reads that skip the write-back: c2 reads 7, then c3 reads nothing; no order explains both. */
  'no-write-back': () => viewerEmbed(registerModel, registerHistory(halfFinishedWrite(false).history), 'Quorum register without the write-back: c2 reads 7, then c3 reads nothing'),
};
