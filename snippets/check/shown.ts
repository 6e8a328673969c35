/**
 * A refused value in an error message, as the line wrote it. `JSON.parse` reads `1e999` as Infinity,
 * which `JSON.stringify` would show as `null` (a different, valid value); a missing one is "nothing".
 */
export function shown(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value) ?? 'nothing';
}
