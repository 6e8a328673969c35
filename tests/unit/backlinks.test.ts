import { describe, expect, it } from 'vitest';
import { backlinks } from '../support/link-mentions.ts';

const notes = [
  {
    id: 'delos',
    body: 'Intro sentence. In [[vr|Viewstamped Replication]], a view change does what a reconfiguration does. Another sentence.\n\nSee also [Dynamo](/notes/dynamo/) for the opposite trade.',
  },
  { id: 'dynamo', body: 'Dynamo keeps writing; [[vr]] stops without a majority! It links to itself: [[dynamo]].' },
  { id: 'vr', body: 'No links here, only `[[code]]`.' },
];

describe('backlinks', () => {
  const links = backlinks(notes);

  it('finds wikilinks and ordinary note links, keyed by the note linked to', () => {
    expect([...links.keys()].sort()).toEqual(['dynamo', 'vr']);
    expect(links.get('vr')!.map((l) => l.from)).toEqual(['delos', 'dynamo']);
  });

  it('gives the sentence around the link, split at the link text', () => {
    expect(links.get('vr')![0]).toEqual({
      from: 'delos',
      before: 'In ',
      text: 'Viewstamped Replication',
      after: ', a view change does what a reconfiguration does.',
    });
    expect(links.get('dynamo')![0]).toEqual({ from: 'delos', before: 'See also ', text: 'Dynamo', after: ' for the opposite trade.' });
  });

  it('shows the id when a wikilink has no text, and stops at ! and ? as sentence ends', () => {
    expect(links.get('vr')![1]).toEqual({ from: 'dynamo', before: 'Dynamo keeps writing; ', text: 'vr', after: ' stops without a majority!' });
  });

  it('ignores a note linking to itself and links inside code', () => {
    expect(links.get('dynamo')!.map((l) => l.from)).toEqual(['delos']);
    expect(links.has('code')).toBe(false);
  });

  it('shortens a long sentence around the link', () => {
    const long = 'word '.repeat(80);
    const [link] = backlinks([{ id: 'a', body: `${long}[[b]] ${long}end.` }]).get('b')!;
    expect(link!.before.startsWith('… ')).toBe(true);
    expect(link!.after.endsWith(' …')).toBe(true);
    expect(link!.before.length).toBeLessThan(170);
  });
});

describe('backlinks to concepts and through file links', () => {
  const links = backlinks([
    { id: 'dynamo', body: 'Writes go to a [[sloppy-quorum|sloppy quorum]]. Compare [VR](viewstamped-replication-revisited.md#view-change).' },
    { id: 'vr', body: 'A [quorum](../concepts/quorum.md) of f + 1. Also [the concept page](/concepts/quorum/).' },
  ]);

  it('keys concept links by the concept id, like note links', () => {
    expect(links.get('sloppy-quorum')!.map((l) => l.from)).toEqual(['dynamo']);
    expect(links.get('quorum')!.map((l) => l.text)).toEqual(['quorum', 'the concept page']);
  });

  it('counts a link to a note file (dynamo.md) as a link to that note', () => {
    expect(links.get('viewstamped-replication-revisited')![0]).toEqual({ from: 'dynamo', before: 'Compare ', text: 'VR', after: '.' });
  });
});
