/**
 * Issue 29 §6: the default random suites must find the bugs that random search once missed. Each bug
 * is a broken variant; with it on, the suite `npm test` runs on the correct model (same seeds, same
 * profiles: snippets/swarm-runs.ts `RANDOM_SUITES`) must fail within its seeds, on the bug; with the
 * fix, the seed that failed runs clean (tests/snippets/swarm-suites.test.ts runs all of them clean).
 *
 * All four bugs are here: VR's paper-literal state transfer, Dynamo's restarted op ids, the ABD
 * writer ids and the rerun duplicate. docs/random-search.md records, per bug, how many seeds each
 * random search needed.
 */
import { describe, expect, it } from 'vitest';
import { seeds } from '../../snippets/sim/index.ts';
import { describeProfile } from '../../snippets/sim/swarm.ts';
import { RANDOM_SUITES, type RandomSuite, type SuiteRun } from '../../snippets/swarm-runs.ts';

interface Hunt<Options> {
  readonly bug: string;
  readonly suite: RandomSuite<Options>;
  /** The broken variant, as the suite's run options. */
  readonly variant: Options;
  /** What catching this bug looks like (not some other failure). */
  readonly caughtBy: RegExp;
}

function firstFinding<Options>(suite: RandomSuite<Options>, variant: Options): { seed: number; run: SuiteRun } | undefined {
  for (const seed of seeds(suite.seeds)) {
    const run = suite.run(seed, variant);
    if (run.finding !== undefined) return { seed, run };
  }
  return undefined;
}

function hunt<Options>({ bug, suite, variant, caughtBy }: Hunt<Options>) {
  it(`${bug}: found within the ${suite.seeds} seeds of "${suite.name}", and the same seed is clean with the fix`, () => {
    const found = firstFinding(suite, variant);
    expect(found, `no seed of ${suite.seeds} found it`).toBeDefined();
    const { seed, run } = found!;
    expect(run.finding, `seed ${seed} (${describeProfile(run.profile)})`).toMatch(caughtBy);
    console.log(`${bug}: seed ${seed} of ${suite.seeds}, ${run.finding}\n  profile: ${describeProfile(run.profile)}`);
    const fixed = suite.run(seed);
    expect(describeProfile(fixed.profile)).toBe(describeProfile(run.profile)); // same faults: the variant is the only difference
    expect(fixed.finding, `seed ${seed} with the fix`).toBeUndefined();
  }, 300_000); // a loaded machine takes several times the seconds these take alone
}

describe('the default random suites find the bugs of issue 29', () => {
  hunt({
    // The replica that claims the new view at once must then lead a view change before NewState comes:
    // a StartView overtaken or lost, a slow or lossy new primary, partitions (docs/random-search.md).
    bug: 'VR state transfer claims the new view before NewState (§1, --variant claim-view-at-once)',
    suite: RANDOM_SUITES.vr,
    variant: { stateTransfer: 'claim-view-at-once' },
    caughtBy: /^invariant-violated: invariant "committed operations survive every later view change \(VRR §4\.2\)" violated: r\d, primary of view \d+, has nothing at op-number \d+, where c\d#\d+ was committed|^not linearizable$/,
  });
  hunt({
    // A coordinator crashed with an operation in flight takes new work under the same op id before
    // the old answers arrive: a crash held to a budget, a quick reboot, up to 6 clients. Seed 967's
    // get of cart-1 is handed the replies to the previous life's get of cart-2.
    bug: 'Dynamo operation ids restart after a crash (§2, --variant op-ids-restart)',
    suite: RANDOM_SUITES.dynamo,
    variant: { incarnation: false },
    caughtBy: /^invariant-violated: invariant "(a get returns versions of its own key|no acknowledged put is lost \(§4\.4\))" violated: /,
  });
  hunt({
    bug: 'ABD writer and op ids restart after a crash (§3, --variant writer-ids-restart)',
    suite: RANDOM_SUITES.registerQuorum,
    variant: { incarnation: false },
    caughtBy: /^invariant-violated: invariant "a version names one value" violated: version \(\d+, r\d\.1\) names \d+ on r\d and \d+ on r\d$|^not linearizable$/,
  });
  hunt({
    // Found since profiles may replay a kind of message late (client requests here): the second copy
    // of a write comes back after its client has moved on, and is run again above a later write.
    bug: 'ABD coordinators run every copy of a duplicated request (--variant reruns-duplicates)',
    suite: RANDOM_SUITES.registerQuorum,
    variant: { rerunDuplicates: true },
    caughtBy: /^not linearizable$/,
  });
});
