/**
 * Deep-freezes what a model returns and sends. A step that mutates its input (pushing onto the old
 * state's log, editing a message in place) would corrupt earlier states, duplicated messages and the
 * durable copy, and break replay without a visible error; frozen, it throws where the bug is.
 * Models hold plain data (objects and arrays), so freezing covers them.
 */
export function deepFreeze<V>(value: V): V {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  // Frozen objects are skipped above: states share structure, so each step walks only what is new.
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
