/**
 * The `default:` of a model's dispatcher. TypeScript rejects the call when a kind is left unhandled,
 * and at run time it names the stray value instead of letting it fall through silently.
 *
 *   switch (input.kind) { case 'tick': …; default: return unreachable(input); }
 */
export function unreachable(value: never, what = 'input'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
