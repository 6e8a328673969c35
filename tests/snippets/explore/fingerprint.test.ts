/**
 * The fingerprint an object gets as the explorer's cluster freezes it (`freezeFingerprinted`, one walk
 * that hashes as it freezes) is the one `fingerprint` computes for the same value built elsewhere (a
 * config constant, an object frozen before the explorer saw it): two states with equal parts get equal
 * keys whichever way their parts were made.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint, freezeFingerprinted } from '../../../snippets/explore/state-key.ts';

const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.string({ maxLength: 6 }), fc.boolean(), fc.constant(null), fc.constant(undefined)),
  list: fc.array(tie('tree'), { maxLength: 4 }),
  record: fc.dictionary(fc.constantFrom('view', 'log', 'op', 'k', 'status', 'x'), tie('tree'), { maxKeys: 4 }),
  tree: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('list'), tie('record')),
})).tree;

/** A deep copy (structuredClone keeps `undefined` fields, as a model's objects may have them). */
const copy = <V>(v: V): V => structuredClone(v);

describe('fingerprints: hashed while freezing, or computed afterwards, the same', () => {
  it('for random nested values', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(fingerprint(freezeFingerprinted(copy(v)))).toBe(fingerprint(Object.freeze(copy(v))));
      }),
      { numRuns: 1_000 },
    );
  });

  it('a field set to undefined is the same as no field, and different values differ', () => {
    expect(fingerprint(freezeFingerprinted({ a: 1, b: undefined }))).toBe(fingerprint({ a: 1 }));
    expect(fingerprint(freezeFingerprinted({ a: 1, b: [2] }))).not.toBe(fingerprint(freezeFingerprinted({ a: 1, b: [3] })));
    expect(fingerprint(freezeFingerprinted({ a: [1, 2] }))).not.toBe(fingerprint(freezeFingerprinted({ a: [2, 1] })));
  });
});
