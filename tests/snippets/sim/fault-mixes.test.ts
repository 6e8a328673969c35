/**
 * snippets/sim/fault-mixes.ts: a fixed fault mix that more than one model runs is defined once. Delos
 * and BookKeeper ran the same mix from two copies; both runners now take it from here.
 */
import { describe, expect, it } from 'vitest';
import { LOG_SERVICE_FAULTS } from '../../../snippets/sim/fault-mixes.ts';
import { FAULTY as BOOKKEEPER_FAULTY } from '../../../snippets/bookkeeper/run-bookkeeper.ts';
import { FAULTY as DELOS_FAULTY } from '../../../snippets/delos/run-delos.ts';

describe('named fault mixes', () => {
  it('Delos and BookKeeper run the one LOG_SERVICE_FAULTS mix, not copies of it', () => {
    expect(DELOS_FAULTY).toBe(LOG_SERVICE_FAULTS);
    expect(BOOKKEEPER_FAULTY).toBe(LOG_SERVICE_FAULTS);
  });

  it('is the mix the Delos and BookKeeper notes and demos describe', () => {
    expect(LOG_SERVICE_FAULTS).toEqual({
      network: { delayTicksMin: 1, delayTicksMax: 6, lossProbability: 0.05, duplicateProbability: 0.05, reorder: true },
      faults: {
        crash: { probabilityPerTick: 0.01, downTicksMin: 5, downTicksMax: 30 },
        partition: { probabilityPerTick: 0.01, durationTicksMin: 5, durationTicksMax: 30, oneWayProbability: 0.3 },
      },
    });
  });
});
