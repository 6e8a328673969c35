/**
 * snippets/sim/fault-mixes.ts: a fixed fault mix that more than one model runs is defined once. Delos
 * and BookKeeper ran the same mix from two copies, Kafka, Raft and Neon another from three; each runner
 * now takes its mix from here.
 */
import { describe, expect, it } from 'vitest';
import { LEADER_LOG_FAULTS, LOG_SERVICE_FAULTS } from '../../../snippets/sim/fault-mixes.ts';
import { FAULTY as KAFKA_FAULTY } from '../../../snippets/kafka/run-kafka.ts';
import { FAULTY as NEON_FAULTY } from '../../../snippets/neon/run-neon.ts';
import { FAULTY as RAFT_FAULTY } from '../../../snippets/raft/run-raft.ts';
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

  it('Kafka, Raft and Neon run the one LEADER_LOG_FAULTS mix, not copies of it', () => {
    expect(KAFKA_FAULTY).toBe(LEADER_LOG_FAULTS);
    expect(RAFT_FAULTY).toBe(LEADER_LOG_FAULTS);
    expect(NEON_FAULTY).toBe(LEADER_LOG_FAULTS);
  });

  it('is the mix the Kafka, Raft and Neon demos ran before it was shared', () => {
    expect(LEADER_LOG_FAULTS).toEqual({
      network: { delayTicksMin: 1, delayTicksMax: 4, lossProbability: 0.05, duplicateProbability: 0.05, reorder: true },
      faults: {
        crash: { probabilityPerTick: 0.01, downTicksMin: 3, downTicksMax: 25 },
        partition: { probabilityPerTick: 0.01, durationTicksMin: 5, durationTicksMax: 30, oneWayProbability: 0.3 },
      },
    });
  });
});
