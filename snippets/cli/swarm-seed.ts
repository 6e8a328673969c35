/**
 * `npm run snippet -- NAME --swarm --seed N [--variant V]`: one seed of the model's default random
 * suite (`RANDOM_SUITES`, the seeds and fault profiles `npm test` runs), so a seed that `npm run
 * random-search` or a failing suite prints can be watched step by step: its fault profile, its trace
 * and what caught it.
 */
import { formatTrace } from '../sim/index.ts';
import { describeProfile } from '../sim/swarm.ts';
import { RANDOM_SUITES, type SuiteRun } from '../swarm-runs.ts';
import { bookkeeperVariants } from '../bookkeeper/variants.ts';
import { dynamoVariants } from '../dynamo/variants.ts';
import { kafkaVariants } from '../kafka/variants.ts';
import { steadyVariants } from '../steady/variants.ts';
import { raftVariants } from '../raft/variants.ts';
import type { RaftConfig } from '../raft/types.ts';
import { vrVariants } from '../vr/variants.ts';
import { neonVariants } from '../neon/variants.ts';
import type { NeonConfig } from '../neon/types.ts';
import type { Rules as BkRules } from '../bookkeeper/run-bookkeeper.ts';
import type { DynamoConfig } from '../dynamo/types.ts';
import type { KafkaConfig } from '../kafka/types.ts';
import type { SteadyRules } from '../steady/run-steady.ts';
import type { VrConfig } from '../vr/types.ts';

interface SwarmEntry {
  readonly suite: string;
  /** The suite's run of `seed` with the broken variant's rule turned off (undefined: the correct model). */
  readonly run: (seed: number, variant: string | undefined) => SuiteRun;
  /** The variants the suite can run (others change what the suite's runner does not take). */
  readonly variants: readonly string[];
}

const configOf = <C>(table: Readonly<Record<string, { readonly config: C }>>, variant: string | undefined): C | undefined =>
  variant === undefined ? undefined : table[variant]!.config;

// The register suite takes only the two rules a swarm run can break on its own (issue 29 §3).
const registerOptions: Readonly<Record<string, { incarnation?: boolean; rerunDuplicates?: boolean }>> = {
  'writer-ids-restart': { incarnation: false },
  'reruns-duplicates': { rerunDuplicates: true },
};

export const SWARM_ENTRIES: Readonly<Record<string, SwarmEntry>> = {
  vr: { suite: RANDOM_SUITES.vr.name, variants: Object.keys(vrVariants), run: (seed, v) => RANDOM_SUITES.vr.run(seed, configOf<Partial<VrConfig>>(vrVariants, v)) },
  dynamo: { suite: RANDOM_SUITES.dynamo.name, variants: Object.keys(dynamoVariants), run: (seed, v) => RANDOM_SUITES.dynamo.run(seed, configOf<Partial<DynamoConfig>>(dynamoVariants, v)) },
  quorums: { suite: RANDOM_SUITES.registerQuorum.name, variants: Object.keys(registerOptions), run: (seed, v) => RANDOM_SUITES.registerQuorum.run(seed, v === undefined ? {} : registerOptions[v]) },
  delos: { suite: RANDOM_SUITES.delos.name, variants: [], run: (seed) => RANDOM_SUITES.delos.run(seed) },
  bookkeeper: { suite: RANDOM_SUITES.bookkeeper.name, variants: Object.keys(bookkeeperVariants), run: (seed, v) => RANDOM_SUITES.bookkeeper.run(seed, configOf<BkRules>(bookkeeperVariants, v)) },
  kafka: { suite: RANDOM_SUITES.kafka.name, variants: Object.keys(kafkaVariants), run: (seed, v) => RANDOM_SUITES.kafka.run(seed, configOf<Partial<KafkaConfig>>(kafkaVariants, v)) },
  steady: { suite: RANDOM_SUITES.steady.name, variants: Object.keys(steadyVariants), run: (seed, v) => RANDOM_SUITES.steady.run(seed, configOf<SteadyRules>(steadyVariants, v)) },
  neon: { suite: RANDOM_SUITES.neon.name, variants: Object.keys(neonVariants), run: (seed, v) => RANDOM_SUITES.neon.run(seed, configOf<Partial<NeonConfig>>(neonVariants, v)) },
  raft: { suite: RANDOM_SUITES.raft.name, variants: Object.keys(raftVariants), run: (seed, v) => RANDOM_SUITES.raft.run(seed, configOf<Partial<RaftConfig>>(raftVariants, v)) },
};

/** The text `--swarm` prints, or an error naming what cannot run. */
export function swarmSeedText(model: string, seed: number, variant: string | undefined): { text: string } | { error: string } {
  const entry = SWARM_ENTRIES[model];
  if (!entry) return { error: `${model} has no random suite yet, so --swarm cannot run it. Models with one: ${Object.keys(SWARM_ENTRIES).join(', ')}.` };
  if (variant !== undefined && !entry.variants.includes(variant)) {
    return { error: entry.variants.length === 0 ? `The ${model} random suite runs only the correct model; drop --variant.` : `The ${model} random suite cannot run --variant ${variant}; it runs: ${entry.variants.join(', ')}.` };
  }
  const { profile, result, finding } = entry.run(seed, variant);
  const head = [
    `Seed ${seed} of the default random suite "${entry.suite}"${variant ? `, with --variant ${variant}` : ''} (as npm test runs it).`,
    `Fault profile: ${describeProfile(profile)}`,
    '',
  ];
  const verdict = finding ? `Found: ${finding}` : 'Found nothing: the invariants held after every event, liveness held after the heal, and the history passed its check.';
  return { text: [...head, formatTrace(result.trace), '', verdict].join('\n') + '\n' };
}
