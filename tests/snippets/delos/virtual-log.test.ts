import { describe, expect, it } from 'vitest';
import { formatFailure, seeds } from '../../../snippets/sim/index.ts';
import { counterexampleText } from '../../../snippets/check/counterexample.ts';
import { logModel } from '../../../snippets/check/models/log.ts';
import { installedChain, serversAgree } from '../../../snippets/delos/invariants.ts';
import type { MetaState } from '../../../snippets/delos/metastore.ts';
import { checkDelos, FAULTY, runDelos } from '../../../snippets/delos/run-delos.ts';
import type { DelosResponse } from '../../../snippets/delos/types.ts';
import { seedCount } from '../../support/mutation-seeds.ts';

/** All 500 in npm test; fewer in a mutation run, with the floors below scaled to match (docs/mutation.md). */
const SEEDS = seeds(seedCount(500));
const share = SEEDS.length / 500;

describe('VirtualLog over a chain of simple and quorum Loglets, under faults (Delos §3, §4.2)', () => {
  it('500 seeds with loss, duplication, reordering, partitions and crashes: invariants hold after every step, clients progress after healing, and every history is a linearizable append-only log', () => {
    const seen = { acked: 0, reads: 0, won: 0, lost: 0, quorumSegments: 0, racedVersions: 0 };
    for (const seed of SEEDS) {
      const result = runDelos({ seed, clients: 3, safetyTicks: 300, ...FAULTY });
      expect(result.ok, `seed ${seed}: ${result.ok ? '' : formatFailure(result)}`).toBe(true);
      const check = checkDelos(result);
      expect(check.ok, `seed ${seed} is not linearizable:\n${check.ok ? '' : counterexampleText(logModel, check.counterexample)}`).toBe(true);
      expect(serversAgree(result.final), `seed ${seed}`).toBeUndefined();
      for (const op of result.history) {
        const r = op.returnTick === undefined ? undefined : (op.result as DelosResponse);
        if (r?.kind === 'appended') seen.acked++;
        if (r?.kind === 'read' && r.entries.length > 0) seen.reads++;
        if (r?.kind === 'reconfigured') seen[r.won ? 'won' : 'lost']++;
      }
      seen.quorumSegments += installedChain(result.final)!.chain.filter((s) => s.kind === 'quorum').length;
      const meta = result.final.nodes.find((n) => n.id === 'meta')!.durable as MetaState;
      seen.racedVersions += Object.values(meta.attempts).filter((ops) => ops.length > 1).length;
    }
    // The runs exercise what the properties are about: many appends and reads, reconfigurations onto
    // both Loglet kinds, and versions that two reconfigurers tried to replace at once.
    expect(seen.acked).toBeGreaterThan(2000 * share);
    expect(seen.reads).toBeGreaterThan(1000 * share);
    expect(seen.won).toBeGreaterThan(500 * share);
    expect(seen.lost).toBeGreaterThan(10 * share);
    expect(seen.quorumSegments).toBeGreaterThan(500 * share);
    expect(seen.racedVersions).toBeGreaterThan(10 * share);
  });
});
