import { describe, expect, it } from 'vitest';
import { demo } from '../../../snippets/log/demo.ts';
import { PROPERTY_LABELS } from '../../../snippets/log/conformance.ts';
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
