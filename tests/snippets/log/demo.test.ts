import { describe, expect, it } from 'vitest';
import { demo, verdict } from '../../../snippets/log/demo.ts';
import { CONFORMANCE_SEEDS, PROPERTY_LABELS, logBackend } from '../../../snippets/log/conformance.ts';
import { steadyLog } from '../../../snippets/log/backends/steady.ts';
import type { SteadyTypes } from '../../../snippets/steady/model.ts';
import { LOG_BACKENDS } from '../../../snippets/log/registry.ts';

/** `npm run snippet -- log`: the conformance suite as a reader runs it, one seed at a time. */
describe('npm run snippet -- log', () => {
  it('runs one seed over every backend in the registry, one row each with its verdict', () => {
    const text = demo.run({ seed: 1, mermaid: false });
    for (const backend of LOG_BACKENDS) {
      expect(text).toMatch(new RegExp(`^ {2}${backend.name.replace(/[()+]/g, '\\$&')} +\\d+/\\d+ +\\d+ {2}conforms$`, 'm'));
    }
  });

  it('offers every backend\'s broken variants as backend/variant', () => {
    const expected = LOG_BACKENDS.flatMap((b) => Object.keys(b.variants).map((v) => `${b.id}/${v}`));
    expect(Object.keys(demo.variants ?? {})).toEqual(expected);
  });

  const caught = LOG_BACKENDS.flatMap((b) =>
    Object.entries(b.findings).flatMap(([variant, f]) => (f.kind === 'caught' ? [{ name: `${b.id}/${variant}`, seed: f.seed, label: PROPERTY_LABELS[f.property] }] : [])),
  );

  it('prints, for a variant not caught at the seed asked, the command that replays the seed the suite records', () => {
    const { name, seed, label } = caught.find((c) => c.name === 'kafka/unclean-election')!;
    const text = demo.run({ seed: 1, mermaid: false, variant: name });
    expect(text).toContain('Not caught at seed 1');
    const command = `npm run snippet -- log --variant ${name} --seed ${seed}`;
    expect(text).toContain(command);
    const replay = demo.run({ seed, mermaid: false, variant: name });
    expect(replay).toMatch(new RegExp(`^Caught: ${label}: `, 'm'));
    expect(replay).toContain('violated');
  });

  it('says what does see a variant the interface cannot', () => {
    const unseen = LOG_BACKENDS.flatMap((b) => Object.entries(b.findings).flatMap(([v, f]) => (f.kind === 'unseen' ? [{ name: `${b.id}/${v}`, f }] : [])))[0];
    expect(unseen, 'at least one variant the interface does not see').toBeDefined();
    expect(demo.run({ seed: 1, mermaid: false, variant: unseen!.name })).toContain(unseen!.f.seenBy);
  });
});

/** What a reader learns from the table `npm run snippet -- log` prints for one seed. */
describe('npm run snippet -- log: the table of one seed', () => {
  it('says which seed it ran, and how many seeds the suite runs', () => {
    const first = demo.run({ seed: 7, mermaid: false }).split('\n')[0]!;
    expect(first).toMatch(/^Seed 7 of the Log conformance suite /);
    expect(first).toContain(`seeds 1 to ${CONFORMANCE_SEEDS}`);
  });

  it('sets the table apart: the introduction, a blank line, the column headings and one row per backend, a blank line, the notes', () => {
    const blocks = demo.run({ seed: 1, mermaid: false }).split('\n\n');
    expect(blocks).toHaveLength(3);
    const table = blocks[1]!.split('\n');
    expect(table).toHaveLength(1 + LOG_BACKENDS.length);
    expect(table[0]).toMatch(/^ {2}backend +acked {2}committed {2}verdict$/);
    for (const [i, backend] of LOG_BACKENDS.entries()) expect(table[i + 1]!.startsWith(`  ${backend.name} `)).toBe(true);
  });

  it('the acked column is the appends acknowledged of those sent, and committed the final log\'s length, each right under its heading', () => {
    const table = demo.run({ seed: 1, mermaid: false }).split('\n\n')[1]!.split('\n');
    const ackedEnd = table[0]!.indexOf('acked') + 'acked'.length;
    const committedEnd = table[0]!.indexOf('committed') + 'committed'.length;
    let partly = 0;
    for (const [i, backend] of LOG_BACKENDS.entries()) {
      const run = backend.run(1);
      const acked = run.log.appends.filter((a) => a.ackOrder !== undefined).length;
      const line = table[i + 1]!;
      expect(line.slice(0, ackedEnd).endsWith(` ${acked}/${run.log.appends.length}`), line).toBe(true);
      expect(line.slice(0, committedEnd).endsWith(` ${run.log.committed.length}`), line).toBe(true);
      if (acked > 0 && acked < run.log.appends.length) partly += 1;
    }
    expect(partly, 'backends at seed 1 with some appends acknowledged and some not').toBeGreaterThan(0);
  });

  it('the notes say what acked and committed mean', () => {
    const text = demo.run({ seed: 1, mermaid: false });
    expect(text).toMatch(/^acked: appends acknowledged of those sent; committed: the log's length/m);
  });

  it('the notes list every property the suite checks, by its label, and where they are defined', () => {
    const text = demo.run({ seed: 1, mermaid: false });
    const line = text.split('\n').find((l) => l.startsWith('What the suite checks'));
    expect(line).toContain('snippets/README.md');
    expect(line!.slice(line!.indexOf('): ') + 3).split('; ')).toEqual(Object.values(PROPERTY_LABELS));
  });

  it('the notes say which properties hold only where a backend declares them, and which are checked when the run ends', () => {
    const text = demo.run({ seed: 1, mermaid: false });
    expect(text).toContain(`the ${PROPERTY_LABELS.seal} and "${PROPERTY_LABELS.readSeesAcked}" only where a backend declares them`);
    expect(text).toContain(`${PROPERTY_LABELS.durable}, ${PROPERTY_LABELS.kept} and ${PROPERTY_LABELS.progress} at the end of the run`);
  });

  it('the notes end with the command that lists the broken variants', () => {
    const lines = demo.run({ seed: 1, mermaid: false }).split('\n');
    expect(lines.at(-1)).toMatch(/npm run snippet -- log --variant list$/);
  });
});

/** The verdict a row (or a variant's "Caught:") gives, from the run's violation. */
describe('the verdict on a run', () => {
  it('a run without a violation conforms', () => {
    expect(verdict(undefined)).toBe('conforms');
  });

  it('a broken property is named by its label, then what the run did', () => {
    expect(verdict({ property: 'durable', message: '7 was acknowledged but is lost' })).toBe(`${PROPERTY_LABELS.durable}: 7 was acknowledged but is lost`);
  });

  it('a registry backend whose model throws: "the model threw:" and what it threw', () => {
    let steps = 0;
    const throwing = logBackend<SteadyTypes>({
      ...steadyLog,
      cluster: (seed, variant) => {
        const c = steadyLog.cluster(seed, variant);
        return { ...c, options: { ...c.options, model: { ...c.options.model, step: (s, input) => { if (++steps === 40) throw new Error('a bug in the model'); return c.options.model.step(s, input); } } } };
      },
    });
    const said = verdict(throwing.run(1).violation);
    expect(said).toMatch(/^the model threw: /);
    expect(said).toContain('a bug in the model');
  });

  it('a message storm is told in its own words, with no property label', () => {
    const stormy = logBackend<SteadyTypes>({ ...steadyLog, cluster: (seed, variant) => { const c = steadyLog.cluster(seed, variant); return { ...c, options: { ...c.options, maxInFlight: 1 } }; } });
    const run = stormy.run(1);
    expect(run.violation?.property).toBe('storm');
    expect(verdict(run.violation)).toBe(run.violation!.message);
    expect(verdict(run.violation)).toMatch(/^message storm: /);
  });
});

/** `npm run snippet -- log --variant BACKEND/VARIANT`: one broken variant's run. */
describe('npm run snippet -- log --variant', () => {
  it('starts with which backend, which variant and which seed, then a blank line', () => {
    const kafka = LOG_BACKENDS.find((b) => b.id === 'kafka')!;
    const lines = demo.run({ seed: 5, mermaid: false, variant: 'kafka/unclean-election' }).split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${kafka.name} with unclean-election, seed 5\\b`));
    expect(lines[1]).toBe('');
  });

  it('a property broken mid-run shows the failed run (its seed to replay), a blank line, then what was caught', () => {
    const text = demo.run({ seed: 24, mermaid: false, variant: 'kafka/unclean-election' });
    expect(text).toContain('reproduce: run again with seed 24');
    expect(text).toMatch(new RegExp(`\\n\\nCaught: ${PROPERTY_LABELS.order}: `));
  });

  it('a property found broken only when the run ends (durable acks) has no failed step to show: the verdict follows the title', () => {
    const lines = demo.run({ seed: 1, mermaid: false, variant: 'steady/ack-before-all-replicas' }).split('\n');
    expect(lines[2]).toMatch(new RegExp(`^Caught: ${PROPERTY_LABELS.durable}: `));
    expect(lines.join('\n')).not.toContain('reproduce:');
  });

  it('what the suite records for the variant comes last, after a blank line', () => {
    const text = demo.run({ seed: 1, mermaid: false, variant: 'steady/ack-before-all-replicas' });
    expect(text).toMatch(/\n\nThe suite records this variant caught at seed 1 \(durable acks\): npm run snippet -- log --variant steady\/ack-before-all-replicas --seed 1$/);
  });
});
