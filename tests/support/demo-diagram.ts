/**
 * What every model's `npm run snippet -- NAME --mermaid` prints, checked the same way for each: a
 * Mermaid sequence diagram and nothing else (no legend line, no verdict), ending in exactly one
 * newline (so `> file.mmd` and a pipe get the diagram alone).
 */
import { expect } from 'vitest';

/** Checks `out` is a diagram only; returns its drawn lines (arrows and notes, not the header or participants). */
export function diagramOnly(out: string): string[] {
  const lines = out.split('\n');
  expect(lines[0]).toBe('sequenceDiagram');
  expect(out).not.toContain('Legend:');
  expect(out).not.toContain('Verdict');
  expect(out.endsWith('\n')).toBe(true);
  expect(out.endsWith('\n\n')).toBe(false);
  return lines.filter((l) => /^ {4}(?!%|actor |participant )/.test(l));
}

/** A long run's diagram: its first `steps` steps, then one note saying how many more there were; returns that note. */
export function firstStepsThenMore(out: string, steps = 60): string {
  const drawn = diagramOnly(out);
  expect(drawn.length - 1).toBe(steps);
  const note = drawn.at(-1)!;
  expect(note).toMatch(/^ {4}Note over \S+: \d+ more steps not shown$/);
  return note;
}
