/**
 * What `npm run snippet -- NAME` runs: every runnable model has a `snippets/NAME/demo.ts` that exports
 * `demo`. A demo is pure: it takes a seed and returns the text to print, so the same seed always
 * prints the same bytes, in a terminal, in a test or in a browser.
 */
import type { ModelLegend } from './sim/legend.ts';

export interface DemoOptions {
  /** Drives every random choice of the run. */
  seed: number;
  /** Print the run as a Mermaid sequence diagram instead of a text trace. */
  mermaid: boolean;
  /** One of the demo's `variants` (`--variant NAME`): run the model with that rule broken. Absent: the model as it should be. */
  variant?: string | undefined;
  /** Run the scripted run named in `Demo.runs` instead of a random one (the seed is then not used). */
  scenario?: string | undefined;
}

export interface Demo {
  /** One line shown in the list of models. */
  description: string;
  /** What the model's trace lines mean beyond the shared format (`--legend`, and the note pages). */
  legend?: ModelLegend;
  /**
   * The model's named broken variants, name → what breaks (`npm run snippet -- NAME --variant V`):
   * each turns off one rule the note says matters, so a reader can watch the checker catch it.
   */
  variants?: Readonly<Record<string, string>>;
  /** `--scenario NAME`: each scripted run's name and what it shows, in one line. */
  runs?: Readonly<Record<string, string>>;
  run(options: DemoOptions): string;
}

/**
 * What a model's `snippets/NAME/scenarios.ts` exports: named runs, each returning the Mermaid source
 * of its trace. Notes draw them at build time with ```mermaid scenario="NAME/run"```.
 */
export type Scenarios = Record<string, () => string>;

/**
 * A model's variant table (`snippets/NAME/variants.ts`: name → the rule it turns off and what breaks) as
 * `Demo.variants` and the explorer and the Log interface list it: name → what breaks, in one line;
 * `keep` narrows it (VR's and Dynamo's explorers take only the variants that break safety).
 */
export function variantDescriptions<V extends { readonly description: string }>(
  table: Readonly<Record<string, V>>,
  keep: (variant: V) => boolean = () => true,
): Record<string, string> {
  return Object.fromEntries(Object.entries(table).flatMap(([name, variant]) => (keep(variant) ? [[name, variant.description]] : [])));
}
