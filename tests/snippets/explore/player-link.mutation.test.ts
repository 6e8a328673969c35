import { describe, expect, it } from 'vitest';
import type { Move } from '../../../snippets/explore/explorer.ts';
import { replayLink } from '../../../snippets/explore/player-link.ts';
import { decodeReplaySpec } from '../../../snippets/play/url.ts';

// The link under a counterexample that replays it in the browser player, move by move.

const path = (): Move[] => [
  { kind: 'call', client: 'c1' },
  { kind: 'ticks', node: 'r1', count: 2 },
  { kind: 'crash', node: 'r2' },
];
const query = (link: string) => link.slice(link.indexOf('?') + 1);

describe('the player replay link', () => {
  it('points at the model\'s player page, /play/<model>/, with the replay in the query', () => {
    const link = replayLink('raft', { nodes: 3, requests: 2, variant: undefined }, path());
    expect(link.startsWith('/play/raft/?')).toBe(true);
    expect(decodeReplaySpec(query(link)).explore).toBe('raft');
  });

  it('carries the configuration and the whole path, and opens at the last move (step = path length)', () => {
    const spec = decodeReplaySpec(query(replayLink('raft', { nodes: 5, requests: 4, variant: undefined }, path())));
    expect(spec).toMatchObject({ nodes: 5, requests: 4, step: 3 });
    expect(spec.path).toEqual(path());
    expect(spec.variant).toBeUndefined();
  });

  it('an empty path opens at step 0', () => {
    expect(decodeReplaySpec(query(replayLink('raft', { nodes: 3, requests: 1, variant: undefined }, []))).step).toBe(0);
  });

  it('carries the broken variant', () => {
    expect(decodeReplaySpec(query(replayLink('raft', { nodes: 3, requests: 2, variant: 'no-term-check' }, path()))).variant).toBe('no-term-check');
  });

  it('leaves the shape out when none is given', () => {
    const link = replayLink('raft', { nodes: 3, requests: 2, variant: 'no-term-check' }, path());
    expect(decodeReplaySpec(query(link)).shape).toBeUndefined();
    expect(link).not.toContain('shape=');
  });

  it('leaves the shape out when it is the variant\'s own (the player takes the variant\'s shape anyway)', () => {
    const link = replayLink('raft', { nodes: 3, requests: 2, variant: 'no-term-check', shape: 'no-term-check' }, path());
    expect(link).not.toContain('shape=');
  });

  it('includes the shape when it differs from the variant: the correct model run in a variant\'s shape', () => {
    const spec = decodeReplaySpec(query(replayLink('raft', { nodes: 3, requests: 2, variant: undefined, shape: 'no-term-check' }, path())));
    expect(spec.shape).toBe('no-term-check');
    expect(spec.variant).toBeUndefined();
  });
});
