import { describe, expect, it } from 'vitest';
import { conceptsOf, edges, linkGraph, neighbours, notesLinkingTo, type GraphPage } from '../../src/lib/link-graph.ts';
import { mentionsIn } from '../support/link-mentions.ts';

const page = (id: string, kind: 'note' | 'concept', body: string): GraphPage => ({
  id,
  kind,
  title: id.toUpperCase(),
  mentions: mentionsIn(body),
});

const pages = [
  page('delos', 'note', 'A [[seal]] ends a loglet. Compare [[vr|VR]], which also uses a [[quorum]]. See [[seal|seals]] again and [[missing]].'),
  page('vr', 'note', 'A view change needs a [[quorum]]; [[delos]] does it differently.'),
  page('seal', 'concept', 'Used by [[delos]].'),
  page('quorum', 'concept', 'Any two intersect.'),
];
const graph = linkGraph(pages);

describe('link graph', () => {
  it('lists what a page links to once each, in order of first mention', () => {
    expect(graph.outgoing.get('delos')).toEqual(['seal', 'vr', 'quorum']);
  });

  it('leaves out links to ids that are not pages (the markdown pipeline reports those)', () => {
    expect(graph.incoming.has('missing')).toBe(false);
    expect(graph.outgoing.get('delos')).not.toContain('missing');
  });

  it('keeps every mention as a backlink with its sentence', () => {
    expect(graph.incoming.get('seal')!.map((b) => [b.from, b.text])).toEqual([['delos', 'seal'], ['delos', 'seals']]);
    expect(graph.incoming.get('vr')![0]).toMatchObject({ from: 'delos', before: 'Compare ', text: 'VR', after: ', which also uses a quorum.' });
  });

  it('separates the concepts a page uses from the notes it links', () => {
    expect(conceptsOf(graph, 'delos')).toEqual(['seal', 'quorum']);
    expect(conceptsOf(graph, 'vr')).toEqual(['quorum']);
  });

  it('gives each page its neighbours both ways, and one edge per linked pair and direction', () => {
    expect(neighbours(graph, 'delos')).toEqual({ linksTo: ['seal', 'vr', 'quorum'], linkedFrom: ['vr', 'seal'] });
    expect(edges(graph)).toContainEqual(['vr', 'delos']);
    expect(edges(graph)).toHaveLength(6);
  });
});

describe('notes linking to a page', () => {
  it('counts each note once and leaves out concepts', () => {
    expect(notesLinkingTo(graph, 'quorum')).toEqual(['delos', 'vr']);
    expect(notesLinkingTo(graph, 'delos')).toEqual(['vr']);
  });
});
