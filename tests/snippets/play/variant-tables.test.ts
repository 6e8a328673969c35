/**
 * One variant table per model (`snippets/NAME/variants.ts`), read by the demo (`npm run snippet --
 * NAME --variant V`), the player and the explorer: the three list the table's names with its words,
 * and switch off the table's rules (the same config, given the same correct one).
 */
import { describe, expect, it } from 'vitest';
import type { Demo } from '../../../snippets/demo.ts';
import type { ExploreDescriptor } from '../../../snippets/explore/descriptor.ts';
import type { PlayDescriptor } from '../../../snippets/play/descriptor.ts';
import type { ModelTypes } from '../../../snippets/sim/index.ts';
import { demo as bookkeeperDemo } from '../../../snippets/bookkeeper/demo.ts';
import { explore as bookkeeperExplore } from '../../../snippets/bookkeeper/explore.ts';
import { bookkeeperPlay } from '../../../snippets/bookkeeper/play.ts';
import { bookkeeperVariants } from '../../../snippets/bookkeeper/variants.ts';
import { demo as delosDemo } from '../../../snippets/delos/demo.ts';
import { explore as delosExplore } from '../../../snippets/delos/explore.ts';
import { delosPlay } from '../../../snippets/delos/play.ts';
import { delosVariants } from '../../../snippets/delos/variants.ts';
import { demo as dynamoDemo } from '../../../snippets/dynamo/demo.ts';
import { explore as dynamoExplore } from '../../../snippets/dynamo/explore.ts';
import { dynamoPlay } from '../../../snippets/dynamo/play.ts';
import { dynamoVariants } from '../../../snippets/dynamo/variants.ts';
import { demo as quorumsDemo } from '../../../snippets/quorums/demo.ts';
import { explore as quorumsExplore } from '../../../snippets/quorums/explore.ts';
import { quorumsPlay } from '../../../snippets/quorums/play.ts';
import { quorumsVariants } from '../../../snippets/quorums/variants.ts';
import { demo as vrDemo } from '../../../snippets/vr/demo.ts';
import { explore as vrExplore } from '../../../snippets/vr/explore.ts';
import { vrPlay } from '../../../snippets/vr/play.ts';
import { vrVariants } from '../../../snippets/vr/variants.ts';
// kafka (kafkafix)
import { demo as kafkaDemo } from '../../../snippets/kafka/demo.ts';
import { explore as kafkaExplore } from '../../../snippets/kafka/explore.ts';
import { kafkaPlay } from '../../../snippets/kafka/play.ts';
import { kafkaVariants } from '../../../snippets/kafka/variants.ts';
import { demo as steadyDemo } from '../../../snippets/steady/demo.ts';
import { explore as steadyExplore } from '../../../snippets/steady/explore.ts';
import { steadyPlay } from '../../../snippets/steady/play.ts';
import { steadyVariants } from '../../../snippets/steady/variants.ts';
import { demo as neonDemo } from '../../../snippets/neon/demo.ts';
import { explore as neonExplore } from '../../../snippets/neon/explore.ts';
import { neonPlay } from '../../../snippets/neon/play.ts';
import { neonVariants } from '../../../snippets/neon/variants.ts';
import { demo as raftDemo } from '../../../snippets/raft/demo.ts';
import { explore as raftExplore } from '../../../snippets/raft/explore.ts';
import { raftPlay } from '../../../snippets/raft/play.ts';
import { raftVariants } from '../../../snippets/raft/variants.ts';

interface Model {
  readonly table: Readonly<Record<string, { readonly description: string }>>;
  /** The table's change for `name`, applied to a correct config. */
  readonly apply: (name: string, base: object) => object;
  readonly demo: Demo;
  readonly play: PlayDescriptor<ModelTypes>;
  readonly explore: ExploreDescriptor;
}

const merge = (table: Readonly<Record<string, { readonly config: object }>>) => (name: string, base: object) => ({ ...base, ...table[name]!.config });

const models: Readonly<Record<string, Model>> = {
  vr: { table: vrVariants, apply: merge(vrVariants), demo: vrDemo, play: vrPlay as unknown as PlayDescriptor<ModelTypes>, explore: vrExplore },
  dynamo: { table: dynamoVariants, apply: merge(dynamoVariants), demo: dynamoDemo, play: dynamoPlay as unknown as PlayDescriptor<ModelTypes>, explore: dynamoExplore },
  delos: { table: delosVariants, apply: merge(delosVariants), demo: delosDemo, play: delosPlay as unknown as PlayDescriptor<ModelTypes>, explore: delosExplore },
  bookkeeper: { table: bookkeeperVariants, apply: merge(bookkeeperVariants), demo: bookkeeperDemo, play: bookkeeperPlay as unknown as PlayDescriptor<ModelTypes>, explore: bookkeeperExplore },
  quorums: {
    table: quorumsVariants,
    apply: (name, base) => quorumsVariants[name as keyof typeof quorumsVariants].config(base as Parameters<(typeof quorumsVariants)['r1-w1']['config']>[0]),
    demo: quorumsDemo,
    play: quorumsPlay as unknown as PlayDescriptor<ModelTypes>,
    explore: quorumsExplore,
  },
  // kafka (kafkafix)
  kafka: { table: kafkaVariants, apply: merge(kafkaVariants), demo: kafkaDemo, play: kafkaPlay as unknown as PlayDescriptor<ModelTypes>, explore: kafkaExplore },
  steady: { table: steadyVariants, apply: merge(steadyVariants), demo: steadyDemo, play: steadyPlay as unknown as PlayDescriptor<ModelTypes>, explore: steadyExplore },
  neon: { table: neonVariants, apply: merge(neonVariants), demo: neonDemo, play: neonPlay as unknown as PlayDescriptor<ModelTypes>, explore: neonExplore },
  raft: { table: raftVariants, apply: merge(raftVariants), demo: raftDemo, play: raftPlay as unknown as PlayDescriptor<ModelTypes>, explore: raftExplore },
};

/** The explorer's config for `variant`, and its correct model's in the same shape. */
function exploreConfigs(explore: ExploreDescriptor, variant: string): { broken: object; correct: object } {
  const size = { nodes: 4, requests: 2 };
  return {
    broken: explore.setup({ ...size, variant }).setup.config as object,
    correct: explore.setup({ ...size, variant: undefined, shape: variant }).setup.config as object,
  };
}

describe.each(Object.entries(models))('%s: one variant table for the demo, the player and the explorer', (_name, { table, apply, demo, play, explore }) => {
  const names = Object.keys(table).sort();

  it('the demo offers every variant of the table, in its words', () => {
    expect(Object.keys(demo.variants ?? {}).sort()).toEqual(names);
    for (const [name, { description }] of Object.entries(table)) expect(demo.variants![name]).toContain(description);
  });

  it('the explorer lists every variant of the table, unsafe or liveness-only, in its words, and runs it with the table\'s config', () => {
    const listed = { ...explore.variants, ...explore.livenessOnly };
    expect(Object.keys(listed).sort()).toEqual(names);
    for (const [name, { description }] of Object.entries(table)) expect(listed[name]).toBe(description);
    for (const name of Object.keys(explore.variants)) {
      const { broken, correct } = exploreConfigs(explore, name);
      expect(broken).toEqual(apply(name, correct));
      expect(broken).not.toEqual(correct);
    }
  });

  it('the player\'s variants are the table\'s, with its config', () => {
    expect(play.variants.length).toBeGreaterThan(0);
    const base = exploreConfigs(explore, Object.keys(explore.variants)[0]!).correct;
    for (const variant of play.variants) {
      expect(names).toContain(variant.id);
      expect(variant.config(base)).toEqual(apply(variant.id, base));
    }
  });
});
