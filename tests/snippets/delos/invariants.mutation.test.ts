/**
 * Each Delos invariant, shown failing on the smallest view that breaks it and holding on one that
 * does not: written for `npm run mutation -- delos`, which needs each message and check to be read by
 * a test (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import type { ClientOperation, ClusterView, NodeView } from '../../../snippets/sim/index.ts';
import { delosInvariants, serversAgree } from '../../../snippets/delos/invariants.ts';
import type { MetaState } from '../../../snippets/delos/metastore.ts';
import type { DelosTypes } from '../../../snippets/delos/model.ts';
import type { ServerState } from '../../../snippets/delos/quorum-loglet.ts';
import type { SimpleState } from '../../../snippets/delos/simple-loglet.ts';
import type { Chain } from '../../../snippets/delos/types.ts';

type Durable = NonNullable<DelosTypes['durable']>;
const node = (id: string, durable: Durable): NodeView<DelosTypes> => ({ id, up: false, state: undefined, durable });
const view = (nodes: NodeView<DelosTypes>[], history: ClientOperation[] = []): ClusterView<DelosTypes> => ({ tick: 0, nodes, history, settledTick: undefined });
const meta = (version: number, chain: Chain): NodeView<DelosTypes> =>
  node('meta', { role: 'metastore', register: { version, chain, writer: 'w' }, attempts: {} } satisfies MetaState);
const simple = (count: number): NodeView<DelosTypes> =>
  node('simple', { role: 'simple', loglets: { 0: { entries: Array.from({ length: count }, (_, i) => ({ value: i, op: `a${i}` })), sealed: true } } } satisfies SimpleState);
const server = (id: string, loglet: number, ops: Record<number, string>): NodeView<DelosTypes> =>
  node(id, { role: 'server', loglets: { [loglet]: { entries: Object.fromEntries(Object.entries(ops).map(([p, op]) => [p, { value: 1, op }])), sealed: false } } } satisfies ServerState);
const TWO: Chain = [
  { start: 0, loglet: 0, kind: 'simple' },
  { start: 2, loglet: 1, kind: 'quorum' },
];

const [acknowledged, contiguous, oneWinner] = [
  'no append is acknowledged past its seal, one value per position, readers see one sequence',
  'positions are contiguous across the chain',
  'each chain version is replaced by exactly one winner',
] as const;

let nextId = 0;
const op = (client: string, kind: 'append' | 'read', args: unknown, result: unknown): ClientOperation => ({
  id: nextId++, client, op: kind, args, invokeTick: 0, returnTick: 1, invokeOrder: nextId, returnOrder: nextId, result,
});
const appended = (client: string, value: number, pos: number, loglet = 0, local = pos) => op(client, 'append', value, { kind: 'appended', pos, loglet, local });
const read = (client: string, entries: number[]) => op(client, 'read', undefined, { kind: 'read', entries });

describe('the LogServers of one Loglet never hold different entries at one position', () => {
  it('names the position and both ops when they do', () => {
    expect(serversAgree(view([server('l1', 1, { 0: 'a' }), server('l2', 1, { 0: 'b' })]))).toBe('L1:0 holds a on one LogServer and b on l2');
  });

  it('holds when they agree or store different positions, and ignores nodes that are not LogServers', () => {
    expect(serversAgree(view([simple(1), server('l1', 1, { 0: 'a', 1: 'c' }), server('l2', 1, { 0: 'a' })]))).toBeUndefined();
  });
});

describe('chain v has exactly v segments', () => {
  it('fails on a chain with a segment too few, and holds otherwise (or when no chain is installed)', () => {
    expect(delosInvariants()[oneWinner]!(view([meta(3, TWO)]))).toBe('chain v3 has 2 segments');
    expect(delosInvariants()[oneWinner]!(view([meta(2, TWO)]))).toBeUndefined();
    expect(delosInvariants()[oneWinner]!(view([simple(0)]))).toBeUndefined();
  });
});

describe('positions are contiguous across the chain', () => {
  const check = (v: ClusterView<DelosTypes>) => delosInvariants()[contiguous]!(v);

  it('holds when every position of a sealed segment is stored somewhere', () => {
    expect(check(view([meta(2, TWO), simple(2)]))).toBeUndefined();
  });

  it('fails on a hole inside a sealed segment, naming its Loglet and virtual position', () => {
    const chain: Chain = [{ start: 0, loglet: 0, kind: 'simple' }, { start: 3, loglet: 1, kind: 'quorum' }, { start: 5, loglet: 2, kind: 'quorum' }];
    expect(check(view([meta(3, chain), simple(3), server('l1', 1, { 0: 'x' })]))).toBe('L1:1 (virtual 4) is in the chain but stored nowhere');
  });

  it('fails on a segment naming another Loglet than its index, or starting before the previous one', () => {
    expect(check(view([meta(2, [TWO[0]!, { start: 2, loglet: 5, kind: 'quorum' }]), simple(2)]))).toBe('segment 1 names Loglet 5');
    expect(check(view([meta(2, [{ start: 3, loglet: 0, kind: 'simple' }, { start: 1, loglet: 1, kind: 'quorum' }])]))).toBe('segment 1 starts at 1, before segment 0 (3)');
  });

  it('checks each chain version once: storage only grows', () => {
    const invariant = delosInvariants()[contiguous]!;
    expect(invariant(view([meta(2, TWO), simple(2)]))).toBeUndefined();
    expect(invariant(view([meta(2, TWO), simple(0)]))).toBeUndefined(); // v2 was already found contiguous
    expect(delosInvariants()[contiguous]!(view([meta(2, TWO), simple(0)]))).toBe('L0:0 (virtual 0) is in the chain but stored nowhere');
  });
});

describe('what clients were told agrees with itself and with the chain', () => {
  const check = (history: ClientOperation[], chain: Chain = TWO, version = 2) => delosInvariants()[acknowledged]!(view([meta(version, chain)], history));

  it('holds for appends acknowledged inside their segments and reads that extend each other', () => {
    expect(check([appended('c1', 10, 0), appended('c2', 11, 1), read('c3', [10]), read('c4', [10, 11]), appended('c5', 20, 2, 1, 0)])).toBeUndefined();
  });

  it('fails when one position is acknowledged to two appends', () => {
    expect(check([appended('c1', 10, 0), appended('c2', 11, 0)])).toBe('position 0 acknowledged twice: to append 10 and to append 11');
  });

  it('fails when two reads disagree, naming the position', () => {
    expect(check([read('c1', [10, 11]), read('c2', [10, 12, 13])])).toBe('two reads disagree at position 1: 11 and 12');
  });

  it('fails when readers see another value where an append was acknowledged, whichever came first', () => {
    expect(check([read('c1', [10]), appended('c2', 11, 0)])).toBe('append 11 acknowledged at 0, but readers see 10 there');
    expect(check([appended('c2', 11, 0), read('c1', [10])])).toBe('append 11 acknowledged at 0, but readers see 10 there');
  });

  it('fails on an append acknowledged past its segment\'s sealed end, or at a position the chain does not have', () => {
    expect(check([appended('c1', 10, 2, 0, 2)])).toBe('append 10 acknowledged at 2 on L0, past its sealed end 2 (chain v2)');
    expect(check([appended('c1', 10, 3, 1, 0)])).toBe('append 10 acknowledged at 3 on L1:0, where chain v2 has no such position');
    expect(check([appended('c1', 10, 0, 7, 0)])).toBe('append 10 acknowledged at 0 on L7:0, where chain v2 has no such position');
  });

  it('the same append acknowledged twice at one position, or where readers already see its value, is no contradiction', () => {
    expect(check([appended('c1', 10, 0), appended('c1', 10, 0)])).toBeUndefined();
    expect(check([read('c1', [10]), appended('c2', 10, 0)])).toBeUndefined();
  });

  it('fails when two reads disagree at the very first position', () => {
    expect(check([read('c1', [10]), read('c2', [11])])).toBe('two reads disagree at position 0: 11 and 10');
  });

  it('a shorter read after a longer one keeps the longer as what readers see', () => {
    expect(check([read('c1', [10, 11]), read('c2', [10]), appended('c3', 12, 1)])).toBe('append 12 acknowledged at 1, but readers see 11 there');
  });

  it('an operation still pending is checked when it returns, even after later ones were', () => {
    const invariant = delosInvariants()[acknowledged]!;
    const pending: ClientOperation = { id: nextId++, client: 'c1', op: 'append', args: 10, invokeTick: 0, invokeOrder: nextId };
    const later = appended('c2', 11, 0);
    expect(invariant(view([meta(2, TWO)], [pending, later]))).toBeUndefined();
    const returned = { ...pending, returnTick: 2, returnOrder: nextId + 1, result: { kind: 'appended', pos: 0, loglet: 0, local: 0 } };
    expect(invariant(view([meta(2, TWO)], [returned, later]))).toBe('position 0 acknowledged twice: to append 11 and to append 10');
  });

  it('waits for a chain before checking positions against it', () => {
    expect(delosInvariants()[acknowledged]!(view([simple(0)], [appended('c1', 10, 5, 3, 0)]))).toBeUndefined();
  });
});
