/**
 * The VR model's variants, by name: each switches off one rule of the paper (or, for state transfer,
 * restores the paper's wording where it is unsafe). `npm run snippet -- vr --variant NAME` runs one;
 * the tests in tests/snippets/vr/ show what each breaks, or that it only slows the group down.
 */
import type { VrConfig } from './types.ts';

export interface VrVariant {
  readonly config: Partial<VrConfig>;
  /** 'safety': a committed operation can be lost; 'speed': nothing is lost, committing takes longer. */
  readonly breaks: 'safety' | 'speed';
  /** What the variant does, in one line. */
  readonly description: string;
}

export const vrVariants = {
  'claim-view-at-once': {
    config: { stateTransfer: 'claim-view-at-once' },
    breaks: 'safety',
    description: 'state transfer as VRR §5.2 words it: a replica that hears of a later view cuts its log to its commit-number and is normal in that view (v\' = it) before NewState arrives',
  },
  'new-primary-keeps-own-log': {
    config: { logChoice: 'own' },
    breaks: 'safety',
    description: 'the new primary keeps its own log instead of the one with the largest v\', then n (§4.2 step 3)',
  },
  'recovering-replica-takes-part': {
    config: { recoveringTakesPart: true },
    breaks: 'safety',
    description: 'a restarted replica answers Prepares and view changes before it has recovered (§4.3)',
  },
  'no-start-view-change-round': {
    config: { startViewChangeRound: false },
    breaks: 'safety',
    description: 'a replica sends DoViewChange as soon as it enters a view change, without waiting for StartViewChange from f others (§4.2 step 2, §8.2)',
  },
  'recover-on-one-answer': {
    config: { recoveryQuorum: 'one' },
    breaks: 'safety',
    description: 'a recovering replica copies a primary\'s state after one RecoveryResponse instead of f + 1 (§4.3 step 3)',
  },
  'recover-from-older-primary': {
    config: { recoverFrom: 'any-primary' },
    breaks: 'safety',
    description: 'a recovering replica copies the first primary that answers, even one of an older view than another answer reports (§4.3 step 3)',
  },
  'new-primary-own-commit-number': {
    config: { newPrimaryCommit: 'own' },
    breaks: 'speed',
    description: 'the new primary keeps its own commit-number instead of the largest k in the DoViewChanges (§4.2 step 3)',
  },
  'no-prepare-ok-after-start-view': {
    config: { prepareOkAfterStartView: false },
    breaks: 'speed',
    description: 'backups send no PrepareOK for the uncommitted entries a StartView gives them (§4.2 step 5)',
  },
} as const satisfies Record<string, VrVariant>;

export type VrVariantName = keyof typeof vrVariants;

export const isVrVariant = (name: string): name is VrVariantName => Object.hasOwn(vrVariants, name);
