/**
 * A model's message fields, named once with what each means. The model prints its messages through
 * `show`, and the legend lists `meanings`: a field the legend does not explain cannot be printed (it
 * does not type-check), so the legend cannot drift from the trace.
 *
 *   const vr = defineFields({ v: 'view-number', n: 'op-number' });
 *   vr.show({ v: 4, n: 17 })  // 'v=4, n=17'
 */
export interface Fields<Name extends string> {
  /** Each field's name and meaning, in the order the legend lists them. */
  readonly meanings: Readonly<Record<Name, string>>;
  /** `name=value` pairs, comma-separated, in the order given. */
  show(values: Partial<Readonly<Record<Name, string | number | boolean | null>>>): string;
}

export function defineFields<const Name extends string>(meanings: Readonly<Record<Name, string>>): Fields<Name> {
  return {
    meanings,
    show: (values) =>
      Object.entries(values)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => `${name}=${String(value)}`)
        .join(', '),
  };
}
