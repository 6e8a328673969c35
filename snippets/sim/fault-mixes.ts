/**
 * Named fixed fault mixes: the same faults for every seed, as the older demos and tests run them (the
 * default random suites draw a profile per seed instead: swarm.ts). A mix lives here when more than one
 * model runs it, so a change to it is one change; a model whose mix differs on purpose keeps its own
 * in its runner and says why.
 */
import type { FaultInjection } from './fault-injector.ts';
import type { NetworkFaults } from './network.ts';

export interface FaultMix {
  readonly network: Partial<NetworkFaults>;
  readonly faults: FaultInjection;
}

/**
 * A lossy, duplicating, reordering network (5% loss, 5% duplicates, 1 to 6 ticks of delay) with crashes
 * (1% of ticks, down 5 to 30) and partitions (1% of ticks, 5 to 30 long, three in ten one-way): the
 * safety phase of the Delos and BookKeeper demos and fixed-mix tests. Both models are a metadata store
 * with compare-and-set, storage nodes that can be sealed or fenced, and writers above them; the other
 * models tune their own mix to their timers.
 */
export const LOG_SERVICE_FAULTS: FaultMix = {
  network: { delayTicksMin: 1, delayTicksMax: 6, lossProbability: 0.05, duplicateProbability: 0.05, reorder: true },
  faults: {
    crash: { probabilityPerTick: 0.01, downTicksMin: 5, downTicksMax: 30 },
    partition: { probabilityPerTick: 0.01, durationTicksMin: 5, durationTicksMax: 30, oneWayProbability: 0.3 },
  },
};

/**
 * A lossy, duplicating, reordering network (5% loss, 5% duplicates, 1 to 4 ticks of delay) with crashes
 * (1% of ticks, down 3 to 25) and partitions (1% of ticks, 5 to 30 long, three in ten one-way): the
 * faulty run of the Kafka, Raft and Neon demos and fixed-mix tests. All three are a leader (or proposer)
 * streaming a log to followers under heartbeats and timeouts of a few ticks, so delays stay short beside them.
 */
export const LEADER_LOG_FAULTS: FaultMix = {
  network: { delayTicksMin: 1, delayTicksMax: 4, lossProbability: 0.05, duplicateProbability: 0.05, reorder: true },
  faults: {
    crash: { probabilityPerTick: 0.01, downTicksMin: 3, downTicksMax: 25 },
    partition: { probabilityPerTick: 0.01, durationTicksMin: 5, durationTicksMax: 30, oneWayProbability: 0.3 },
  },
};
