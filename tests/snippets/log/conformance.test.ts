/**
 * The conformance suite: every log backend in the notebook (snippets/log/registry.ts) runs under the
 * same properties (snippets/log/conformance.ts), with its model's own invariants left out, over seeds
 * of swarm faults; the optional promises only where the backend declares them. Then the suite shows
 * it can fail: each backend's broken variants are caught at the seed its adapter records, or, where
 * the adapter says the interface cannot see the variant, seeds 1..N pass as it says.
 */
import { describe, expect, it } from 'vitest';
import { formatFailure } from '../../../snippets/sim/index.ts';
import { CONFORMANCE_SEEDS, PROPERTIES, type ConformanceRun, type LogBackend } from '../../../snippets/log/conformance.ts';
import { LOG_BACKENDS } from '../../../snippets/log/registry.ts';

/** Seeds per backend on the correct model: each draws its own fault profile. */
const SEEDS = CONFORMANCE_SEEDS;
// A loaded machine can take several times the seconds these take alone.
const TIMEOUT = 300_000;

function explain(run: ConformanceRun): string {
  const v = run.violation;
  if (!v) return `${run.backend} seed ${run.seed}: no violation`;
  return `${run.backend}${run.variant ? ` --variant ${run.variant}` : ''} seed ${run.seed}: ${v.property}: ${v.message}\n${run.result.ok ? '' : formatFailure(run.result, 12)}`;
}

describe.each(LOG_BACKENDS.map((b) => [b.id, b] as const))('%s', (_id, backend: LogBackend) => {
  it(`keeps every property it promises over ${SEEDS} seeds of swarm faults, and makes progress after healing`, () => {
    let acked = 0;
    let reads = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const run = backend.run(seed);
      expect(run.violation, explain(run)).toBeUndefined();
      acked += run.log.appends.filter((a) => a.ackOrder !== undefined).length;
      reads += run.log.reads.length;
    }
    // The runs did append and, where the design has a log read, read: the properties were not vacuous.
    expect(acked).toBeGreaterThan(SEEDS * 2);
    if (backend.capabilities.read !== 'none') expect(reads).toBeGreaterThan(SEEDS);
  }, TIMEOUT);

  it('records one finding for each broken variant of its model, and only for those', () => {
    expect(Object.keys(backend.findings).sort()).toEqual(Object.keys(backend.variants).sort());
  });

  for (const [variant, finding] of Object.entries(backend.findings)) {
    if (finding.kind === 'caught') {
      it(`catches --variant ${variant} at seed ${finding.seed}: ${PROPERTIES[finding.property]}`, () => {
        const run = backend.run(finding.seed, variant);
        expect(run.violation?.property, explain(run)).toBe(finding.property);
        // The same seed without the variant passes: the variant, not the seed, breaks it.
        const clean = backend.run(finding.seed);
        expect(clean.violation, explain(clean)).toBeUndefined();
      }, TIMEOUT);
    } else {
      it(`does not see --variant ${variant} in seeds 1 to ${finding.seeds} (${finding.seenBy})`, () => {
        for (let seed = 1; seed <= finding.seeds; seed++) {
          const run = backend.run(seed, variant);
          expect(run.violation, explain(run)).toBeUndefined();
        }
      }, TIMEOUT);
    }
  }

  const witness = backend.witnesses.readSeesAcked;
  if (witness !== undefined) {
    it(`does not promise that a read sees every earlier acknowledgement, and seed ${witness} shows why`, () => {
      expect(backend.capabilities.readSeesAcked).toBe(false);
      const run = backend.runPromisingAll(witness);
      expect(run.violation?.property, explain(run)).toBe('readSeesAcked');
    }, TIMEOUT);
  }
});

describe('the registry', () => {
  it('holds each backend once, each linked to a note', () => {
    const ids = LOG_BACKENDS.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const b of LOG_BACKENDS) expect(b.note).toMatch(/^[a-z0-9-]+$/);
  });

  it('declares a read that sees every earlier acknowledgement only where clients can read the log', () => {
    for (const b of LOG_BACKENDS) if (b.capabilities.readSeesAcked) expect(b.capabilities.read, b.id).not.toBe('none');
  });

  it('checks the seal only where a backend declares segments and names them in its acknowledgements', () => {
    for (const b of LOG_BACKENDS) if (b.capabilities.seal === 'segment') expect(['segment', 'virtual'], b.id).toContain(b.capabilities.ackPosition);
  });
});
