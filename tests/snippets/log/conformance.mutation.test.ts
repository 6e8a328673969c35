/**
 * The conformance driver's edges (snippets/log/conformance.ts) and what the note's tables say where no
 * registry backend goes (snippets/log/table.ts): a variant the backend lacks, a run that ends without
 * its progress, with a throw or a message storm, and the checker's record of what was agreed. Written
 * for mutation testing (docs/mutation.md); the runs are the write-all model's, the cheapest backend.
 */
import { describe, expect, it } from 'vitest';
import { ConformanceChecker, PROPERTIES, logBackend, progressed } from '../../../snippets/log/conformance.ts';
import type { BackendSpec } from '../../../snippets/log/interface.ts';
import { bookkeeperLog } from '../../../snippets/log/backends/bookkeeper.ts';
import { kafkaLog } from '../../../snippets/log/backends/kafka.ts';
import { steadyLog } from '../../../snippets/log/backends/steady.ts';
import { vrLog } from '../../../snippets/log/backends/vr.ts';
import { LOG_BACKENDS } from '../../../snippets/log/registry.ts';
import { promisesTable } from '../../../snippets/log/table.ts';
import type { SteadyTypes } from '../../../snippets/steady/model.ts';
import { log } from './snapshots.ts';

/** The write-all backend with its cluster changed by `change`. */
function steadyWith(change: (c: ReturnType<BackendSpec<SteadyTypes>['cluster']>) => ReturnType<BackendSpec<SteadyTypes>['cluster']>) {
  return logBackend<SteadyTypes>({ ...steadyLog, cluster: (seed, variant) => change(steadyLog.cluster(seed, variant)) });
}

describe('the conformance checker', () => {
  it('agreed is the longest sequence committed or read so far: what the final log must start with', () => {
    const checker = new ConformanceChecker(steadyLog.capabilities);
    expect(checker.agreed).toEqual([]);
    checker.step(log({ committed: ['a'] }));
    expect(checker.agreed).toEqual(['a']);
    checker.step(log({ committed: ['a'], reads: [{ client: 'c1', entries: ['a', 'b'], invokeOrder: 1 }] }));
    expect(checker.agreed).toEqual(['a', 'b']);
    checker.step(log({ committed: ['a'] }));
    expect(checker.agreed).toEqual(['a', 'b']);
  });

  it('a read answered after a read sent later is checked too: adapters list reads in the order they were sent, so it lands before the other, not at the end', () => {
    const checker = new ConformanceChecker(steadyLog.capabilities);
    const sentSecondAnsweredFirst = { client: 'c2', entries: ['a'], invokeOrder: 11 };
    const sentFirstAnsweredSecond = { client: 'c1', entries: ['b'], invokeOrder: 10 };
    expect(checker.step(log({ committed: ['a'], reads: [sentSecondAnsweredFirst] }))).toBeUndefined();
    expect(checker.step(log({ committed: ['a'], reads: [sentFirstAnsweredSecond, sentSecondAnsweredFirst] }))?.property).toBe('order');
  });

  it('an append never acknowledged promised no position: one it names (where an adapter records where the attempt went) binds nothing', () => {
    const checker = new ConformanceChecker(steadyLog.capabilities);
    const taken = { entry: 'a', client: 'c1', invokeTick: 1, ackOrder: 2, offset: 0, segment: 1 };
    const attempt = { entry: 'x', client: 'c2', invokeTick: 1, ackOrder: undefined, offset: 0, segment: 1 };
    expect(checker.step(log({ appends: [taken, attempt], committed: ['a'] }))).toBeUndefined();
  });

  it('an append never acknowledged breaks no seal, even at a position past the sealed end of its segment', () => {
    const checker = new ConformanceChecker(steadyLog.capabilities);
    expect(steadyLog.capabilities.seal).toBe('segment');
    const late = { entry: 'y', client: 'c2', invokeTick: 1, ackOrder: undefined, offset: 1, segment: 1 };
    expect(checker.step(log({ appends: [late], committed: ['a'], seals: [{ segment: 1, end: 1 }] }))).toBeUndefined();
  });

  it('progress: an append sent in the tick the faults healed was sent under faults (the simulator settles after running that tick), so only a later one counts', () => {
    const sentThen = { entry: 'a', client: 'c1', invokeTick: 10, ackOrder: 5 };
    expect(progressed(log({ appends: [sentThen] }), 10)).toBe(false);
    expect(progressed(log({ appends: [{ ...sentThen, invokeTick: 11 }] }), 10)).toBe(true);
  });
});

describe('the conformance driver', () => {
  it('refuses a variant the backend does not have, and lists the ones it has', () => {
    const kafka = LOG_BACKENDS.find((b) => b.id === 'kafka')!;
    expect(() => kafka.run(1, 'no-such-rule')).toThrow(`kafka has no variant "no-such-rule"; its variants: ${Object.keys(kafkaLog.variants).join(', ')}`);
  });

  it('keeps the seeds an adapter gives as witnesses of the promises it does not make, and gives none where it names none', () => {
    expect(logBackend(bookkeeperLog).witnesses).toEqual({ readSeesAcked: 2 });
    expect(logBackend(steadyLog).witnesses).toEqual({});
  });

  it('runPromisingAll checks the read promise a backend does not make: Kafka\'s witness seed breaks it there, and passes its own run', () => {
    const kafka = logBackend(kafkaLog);
    const seed = kafka.witnesses.readSeesAcked!;
    expect(kafka.run(seed).violation).toBeUndefined();
    const promised = kafka.runPromisingAll(seed);
    expect(promised.violation?.property).toBe('readSeesAcked');
    expect(promised.violation?.message).toMatch(/^a read by \S+ returned \[.*\] without \S+, acknowledged before the read was sent$/);
    expect([promised.backend, promised.seed, promised.variant]).toEqual(['kafka', seed, undefined]);
  });

  it('says "none" for a backend with no variants', () => {
    const plain = logBackend({ ...vrLog, variants: {}, findings: {} });
    expect(() => plain.run(1, 'claim-view-at-once')).toThrow('vr has no variant "claim-view-at-once"; its variants: none');
  });

  it('an append not acknowledged within the progress budget after healing is a progress failure', () => {
    const run = steadyWith((c) => ({ ...c, progressTicks: 1 })).run(1);
    expect(run.result.ok).toBe(false);
    expect(run.violation).toEqual({ property: 'progress', message: run.result.ok ? '' : run.result.message });
    expect(run.log.appends.length).toBeGreaterThan(0);
  });

  it('a model that throws is reported as such, with what it threw', () => {
    let steps = 0;
    const run = steadyWith((c) => ({
      ...c,
      options: { ...c.options, model: { ...c.options.model, step: (s, input) => { if (++steps === 40) throw new Error('a bug in the model'); return c.options.model.step(s, input); } } },
    })).run(1);
    expect(run.violation?.property).toBe('threw');
    expect(run.violation?.message).toContain('a bug in the model');
    expect(run.log.committed).toBeDefined();
  });

  it('a run whose messages in flight pass the cluster\'s limit is reported as a message storm', () => {
    const run = steadyWith((c) => ({ ...c, options: { ...c.options, maxInFlight: 1 } })).run(1);
    expect(run.violation?.property).toBe('storm');
    expect(run.violation?.message).toMatch(/^message storm: /);
    expect(run.backend).toBe('steady');
  });

  it('a run of a correct model that keeps every property and makes progress has no violation', () => {
    const run = LOG_BACKENDS.find((b) => b.id === 'steady')!.run(2);
    expect(run.result.ok).toBe(true);
    expect(run.violation).toBeUndefined();
    expect(run.log.appends.some((a) => a.ackOrder !== undefined)).toBe(true);
  });

  it('a property broken mid-run stops the run, which names the property, and is the violation, with the run and its log', () => {
    const run = LOG_BACKENDS.find((b) => b.id === 'steady')!.run(2, 'reconfigure-without-seal');
    expect(run.result.ok ? undefined : run.result.kind).toBe('invariant-violated');
    expect(run.result.ok ? '' : run.result.message).toContain(`${PROPERTIES.order}: `);
    expect(run.violation?.property).toBe('order');
    expect(run.variant).toBe('reconfigure-without-seal');
    expect(run.log.committed.length).toBeGreaterThan(0);
  });
});

describe('the note\'s table of what each Log offers', () => {
  it('a backend whose readers read the log but which neither promises that a read sees earlier acknowledgements nor shows a seed that breaks it says "not promised"', () => {
    const kafka = LOG_BACKENDS.find((b) => b.id === 'kafka')!;
    const [, , row] = promisesTable([{ ...kafka, witnesses: {} }]);
    expect(row).toBe('| Kafka | its offset | the committed prefix | not promised | to clients | fences by epoch | 3 of 4 |');
  });
});
