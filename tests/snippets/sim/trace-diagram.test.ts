import { describe, expect, it } from 'vitest';
import { readSequence } from '../../../src/plugins/mermaid/sequence-read.ts';
import { parseDiagram } from '../../../src/plugins/mermaid/validate.ts';
import { Simulator, traceToMermaid, type Model } from '../../../snippets/sim/index.ts';
import { beacon, beaconSim, script, type Beacon } from './toy-models.ts';
import { scenarios as vrScenarios } from '../../../snippets/vr/scenarios.ts';

/** c1 increments on r1 while r2 crashes and r3 is cut off: arrows, replies, drops, crash and partition. */
function smallRun() {
  const sim = beaconSim({
    beacon: { pingEveryTicks: 3, pingsMax: 1 },
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    clients: [{ id: 'c1', workload: script('r1', ['inc']) }],
  });
  sim.at(3, (s) => s.isolate('r3')).at(4, (s) => s.crash('r2'));
  sim.runUntil(8);
  return sim;
}

const body = (source: string) => source.split('\n').map((line) => line.trim());

describe('Mermaid sequence diagrams from traces', () => {
  it('a small run gives a diagram Mermaid parses', async () => {
    await expect(parseDiagram(traceToMermaid(smallRun().trace))).resolves.toBe('sequence');
  });

  it('declares clients, then nodes in cluster order', () => {
    expect(body(traceToMermaid(smallRun().trace)).filter((l) => /^(actor|participant) /.test(l))).toEqual([
      'actor c1', 'participant r1', 'participant r2', 'participant r3',
    ]);
  });

  it('draws deliveries and calls as arrows, replies dashed, and drops, crashes and link rules as notes', () => {
    const lines = body(traceToMermaid(smallRun().trace));
    expect(lines).toEqual(expect.arrayContaining([
      'c1->>r1: inc',
      'r1-->>c1: count=1',
      'Note over c1,r3: isolate r3',
      'Note over r1,r3: Ping(1) r1→r3 lost (partition)',
      'Note over r2: crashed',
      'Note over r2,r3: Ping(1) r2→r3 lost (partition)',
    ]));
    expect(lines.filter((l) => l.startsWith('r2->>r1: Ping(1)'))).toHaveLength(1);
  });

  it('uses only what the build-time renderer draws faithfully', async () => {
    const source = traceToMermaid(smallRun().trace);
    await expect(readSequence(source)).resolves.toHaveProperty('steps');
    expect(source).not.toMatch(/-x|autonumber|activate|^\s*(rect|box)\b|->>[+-]/m);
  });

  it('a window keeps only the chosen ticks and participants', async () => {
    const source = traceToMermaid(smallRun().trace, { fromTick: 4, nodes: ['r1', 'r2'] });
    const lines = body(source);
    expect(lines.filter((l) => /^(actor|participant) /.test(l))).toEqual(['participant r1', 'participant r2']);
    expect(lines.some((l) => l.includes('c1') || l.includes('r3'))).toBe(false);
    expect(lines).toContain('Note over r2: crashed');
    await expect(parseDiagram(source)).resolves.toBe('sequence');
  });

  it('cuts a long run at linesMax and says how much is left out', () => {
    const sim = beaconSim({ beacon: { pingEveryTicks: 1, pingsMax: 20 } });
    sim.runUntil(30);
    const lines = body(traceToMermaid(sim.trace, { linesMax: 10 }));
    expect(lines.filter((l) => l.includes('->>'))).toHaveLength(10);
    expect(lines.at(-2)).toBe('Note over r1,r3: 110 more steps not shown');
  });

  it('keeps a long note whole (the renderer wraps it): a broken run ends in the invariant it violated', () => {
    const last = vrScenarios['broken-any-log']!().trim().split('\n').at(-1)!;
    expect(last).toContain('invariant "committed operations survive every later view change (VRR §4.2)" violated: r2, primary of view 1, has nothing at op‑number 1, where c1#35;1 was committed');
    expect(last).not.toContain('…');
  });

  it('names and labels Mermaid cannot take are cleaned, and the diagram still parses', async () => {
    const base = beacon({ pingEveryTicks: 1, pingsMax: 1 });
    const model: Model<Beacon> = { ...base, describeMessage: (m) => `a;b #${m.n} <x> y-x z-) w:1` };
    const config = { pingEveryTicks: 1, pingsMax: 1 };
    const sim = new Simulator<Beacon>({ model, nodes: ['end', 'r:1', 'a-b'], config, seed: 1 });
    sim.runUntil(5);
    const source = traceToMermaid(sim.trace);
    expect(body(source).filter((l) => l.startsWith('participant'))).toEqual([
      'participant p_end as end', 'participant r_1 as r˸1', 'participant a_b as a‑b',
    ]);
    expect(source).toContain('p_end->>r_1: a,b #35;1 ‹x› y‑x z‑) w:1');
    await expect(readSequence(source)).resolves.toHaveProperty('steps');
    await expect(parseDiagram(source)).resolves.toBe('sequence');
  });
});
