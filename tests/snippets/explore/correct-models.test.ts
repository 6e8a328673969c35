/**
 * Each correct model, explored to the bound its note states: every state within it visited, no
 * violation, and exactly the number of distinct states the note gives. The note's sentence is read
 * from the note itself, so a change to a model or to the explorer that changes what is searched fails
 * here until the note says what the code does (the same bounds as `npm run explore -- NAME` with the
 * flags in `command`; docs/performance.md, "Model explorer", has the command lines).
 *
 * Time: about 20 s of CPU in all (quorums, the largest, about 8 s; measured 7 December 2026).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveBounds, type Defaults, type ExploreDescriptor } from '../../../snippets/explore/descriptor.ts';
import { explore } from '../../../snippets/explore/explorer.ts';
import { explore as delos } from '../../../snippets/delos/explore.ts';
import { explore as dynamo } from '../../../snippets/dynamo/explore.ts';
import { explore as quorums } from '../../../snippets/quorums/explore.ts';
import { explore as steady } from '../../../snippets/steady/explore.ts';
import { explore as vr } from '../../../snippets/vr/explore.ts';

interface Checked {
  readonly note: string;
  readonly descriptor: ExploreDescriptor;
  /** The command-line flags (`npm run explore -- NAME …`) that give the note's bounds. */
  readonly command: Defaults;
  /** Whose shape (workload, directed phases) the correct model is explored in. */
  readonly shape?: string;
  /** The note's sentence, with the bound spelled out; the group is the number of states. */
  readonly sentence: RegExp;
}

const checked: Readonly<Record<string, Checked>> = {
  'dynamo --nodes 4 --crashes 1 --depth 12': {
    note: 'dynamo.md',
    descriptor: dynamo,
    command: { nodes: 4, crashes: 1, depth: 12 },
    sentence: /every state of 4 nodes, a put and a get and 1 crash, up to depth 12, is ([\d,]+) states, with no violation/,
  },
  'quorums --depth 14': {
    note: 'read-write-quorums.md',
    descriptor: quorums,
    command: { depth: 14 },
    sentence: /every state of 3 replicas, a write and a read and 1 crash, up to depth 14, is ([\d,]+) states, with no violation/,
  },
  'vr --requests 1 --crashes 1 --timers 1 --depth 10': {
    note: 'viewstamped-replication-revisited.md',
    descriptor: vr,
    command: { requests: 1, crashes: 1, timers: 1, depth: 10 },
    sentence: /every state of 3 replicas, 1 request, 1 crash and 1 timer, up to depth 10, is ([\d,]+) states, with no violation/,
  },
  delos: {
    note: 'virtual-consensus-delos.md',
    descriptor: delos,
    command: {},
    sentence: /every state of that deployment, with no crashes, up to depth 24, is ([\d,]+) states, with no violation/,
  },
  'delos, the correct model in the weak-seal shape (directed phases), to depth 33': {
    note: 'virtual-consensus-delos.md',
    descriptor: delos,
    command: {},
    shape: 'weak-seal',
    sentence: /The correct model in that shape reaches the same three goals and has no violation in any of the ([\d,]+) states to depth 33\./,
  },
  steady: {
    note: 'steady-state-vs-reconfiguration.md',
    descriptor: steady,
    command: {},
    sentence: /every state of one reconfiguration and one append up to depth 20: ([\d,]+) distinct states with no crash \(`npm run explore -- steady`\)/,
  },
  'steady --crashes 1': {
    note: 'steady-state-vs-reconfiguration.md',
    descriptor: steady,
    command: { crashes: 1 },
    sentence: /and ([\d,]+) with one crash of any node, the configuration store included \(it restarts from its disk; `npm run explore -- steady --crashes 1`\)/,
  },
};

const stated = (note: string, sentence: RegExp): number => {
  const text = readFileSync(new URL(`../../../content/notes/${note}`, import.meta.url), 'utf8');
  const match = sentence.exec(text);
  if (!match) throw new Error(`content/notes/${note} no longer says ${sentence}: update this test with the note`);
  return Number(match[1]!.replaceAll(',', ''));
};

describe.each(Object.entries(checked))('the correct model, as its note states: npm run explore -- %s', (_command, { note, descriptor, command, shape, sentence }) => {
  it('visits every state within the bound, finds no violation, and counts the states the note gives', () => {
    const { size, bounds } = resolveBounds(descriptor, shape, command);
    const setup = descriptor.setup({ ...size, variant: undefined, ...(shape ? { shape } : {}) }).setup;
    const result = explore(setup, bounds);
    expect(result.violation?.message).toBeUndefined();
    expect(result.complete).toBe(true);
    // A directed goal never reached would end the search with nothing checked past it.
    expect(result.phases?.map((phase) => phase.goal)).toEqual(setup.phases?.map((phase) => phase.goal));
    expect(result.distinctStates).toBe(stated(note, sentence));
  }, 300_000);
});
