import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Claims that an independent review of the notes against their papers found wrong or overstated
 * (issue 27, section 7), each with the source location that settles it. Every pattern is a sentence
 * the notes used to contain; the test fails if one comes back. Rewording a corrected passage is fine;
 * reinstating the old claim is not.
 */
const RETIRED: ReadonlyArray<{ note: string; claim: RegExp; why: string }> = [
  { note: 'dynamo', claim: /concurrent writes always produce siblings/i, why: 'Dynamo §6: services may choose last-write-wins, which keeps one version' },
  { note: 'dynamo', claim: /only a background comparison finds the gap/i, why: 'Dynamo §5: read repair also fixes a stale replica when the key is read' },
  { note: 'viewstamped-replication-revisited', claim: /PrepareOK for every uncommitted entry/i, why: 'VRR §4.2 step 5: one PrepareOK carrying the op-number, which covers the entries before it' },
  { note: 'viewstamped-replication-revisited', claim: /In practice DoViewChange carries/i, why: 'VRR §5.3 proposes sending a log suffix; it reports no practice' },
  { note: 'viewstamped-replication-revisited', claim: /in memory at f \+ 1 other replicas/i, why: 'VRR §4.3, §8.2: only f other replicas are sure to hold a recovering replica\'s state' },
  { note: 'viewstamped-replication-revisited', claim: /three replicas \(§2\.2\)/, why: 'VRR: Figure 1 (f = 1) belongs to §2.3, Figure 3 to §4.1' },
  { note: 'viewstamped-replication-revisited', claim: /never writes to disk/i, why: 'VRR §5.1 writes checkpoints and a log prefix to disk in the background' },
  { note: 'viewstamped-replication-revisited', claim: /BookKeeper's fencing follow the same pattern/i, why: 'BookKeeper fences with a per-ledger flag, not an increasing number' },
  { note: 'virtual-consensus-delos', claim: /same shared-log calls \(append, checkTail, readNext, prefixTrim\)/i, why: 'Delos Fig. 2: IVirtualLog inherits all of ILoglet, seal included' },
  { note: 'virtual-consensus-delos', claim: /far less than a fault-tolerant consensus protocol would have needed/i, why: 'Delos §4.2.1 gives no duration for a consensus protocol to compare with' },
  { note: 'virtual-consensus-delos', claim: /has to batch many reads/i, why: 'the paper does not require batching; several reads may share one checkTail' },
  { note: 'read-write-quorums', claim: /Families of quorums are closed upwards/i, why: 'upward closure is the model\'s (and Quoracle\'s) convention, not a property of every quorum system' },
  { note: 'read-write-quorums', claim: /these definitions come from Naor and Wool/i, why: 'weighting load by the read fraction is the PaPoC paper\'s extension of Naor and Wool' },
  { note: 'read-write-quorums', claim: /classic protocol of Attiya, Bar-Noy and Dolev/i, why: 'ABD (1995) is single-writer; the query-then-write is Lynch and Shvartsman\'s (1997)' },
];

/**
 * Short passages of the sources that a note paraphrases closely. Notes are in our own words: outside
 * quotation marks, no run of more than MAX_SHARED_WORDS consecutive words may match a source.
 */
const MAX_SHARED_WORDS = 12;
const SOURCES: ReadonlyArray<{ where: string; text: string }> = [
  { where: 'Whittaker et al., PaPoC 2021, §1', text: 'A read-write quorum system consists of a set of read quorums and a set of write quorums such that every read quorum and every write quorum intersect.' },
  { where: 'Liskov and Cowling, VRR, §4.2 step 5', text: 'If there are non-committed operations in the log, they send a PrepareOK v, n, i message to the primary; here n is the op-number.' },
  { where: 'Liskov and Cowling, VRR, §5.3', text: 'A reasonable way to get good behavior most of the time is for replicas to include a suffix of their log in their DoViewChange messages. The amount sent can be small since the most likely case is that the new primary is up to date. Therefore sending the latest log entry, or perhaps the latest two entries, should be sufficient.' },
  { where: 'Balakrishnan et al., Delos, §4.2.1', text: 'we found this protocol much easier to implement than fault-tolerant consensus: it took just under 4 months to implement and deploy a production-quality NativeLoglet' },
  { where: 'DeCandia et al., Dynamo, §6', text: 'In case of divergent versions, Dynamo performs simple timestamp based reconciliation logic of last write wins; i.e., the object with the largest physical timestamp value is chosen as the correct version.' },
];

const NOTES = ['dynamo', 'viewstamped-replication-revisited', 'virtual-consensus-delos', 'read-write-quorums'];

function readNote(slug: string): string {
  return readFileSync(join(process.cwd(), 'content/notes', `${slug}.md`), 'utf8');
}

/** The note as a reader sees its prose: no code blocks, wikilinks shown as their labels, one line. */
function prose(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/\[\[(?:[^\]|]*\|)?([^\]]*)\]\]/g, '$1')
    .replace(/[*`]/g, '')
    .replace(/\s+/g, ' ');
}

/** Prose with quoted passages removed: a quotation is allowed to match its source word for word. */
function unquoted(text: string): string {
  return text.replace(/"[^"]*"|“[^”]*”/g, ' ');
}

function words(text: string): string[] {
  return text.toLowerCase().replace(/[^\p{L}\p{N}+\-]+/gu, ' ').trim().split(' ').filter(Boolean);
}

/** Length of the longest run of consecutive words that both texts contain. */
function longestSharedRun(a: readonly string[], b: readonly string[]): number {
  let best = 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        current[j] = previous[j - 1]! + 1;
        if (current[j]! > best) best = current[j]!;
      }
    }
    previous = current;
  }
  return best;
}

describe('corrected claims in the notes', () => {
  for (const { note, claim, why } of RETIRED) {
    it(`${note}: does not claim ${claim.source}`, () => {
      const match = prose(readNote(note)).match(claim);
      expect(match?.[0], `content/notes/${note}.md states a corrected claim again (${why})`).toBeUndefined();
    });
  }
});

describe('notes in our own words', () => {
  it('measures shared runs of words', () => {
    expect(longestSharedRun(words('a b c d e'), words('x b c d y'))).toBe(3);
    expect(longestSharedRun(words('one two'), words('three four'))).toBe(0);
  });

  for (const note of NOTES) {
    it(`${note}: shares at most ${MAX_SHARED_WORDS} consecutive words with a source outside quotation marks`, () => {
      const noteWords = words(unquoted(prose(readNote(note))));
      for (const { where, text } of SOURCES) {
        const run = longestSharedRun(noteWords, words(text));
        expect(run, `content/notes/${note}.md shares ${run} consecutive words with ${where}: quote it or reword it`).toBeLessThanOrEqual(MAX_SHARED_WORDS);
      }
    });
  }
});
