/**
 * The note on disaggregating log replication shows three tables generated from the backend registry
 * (snippets/log/table.ts). The note must carry each exactly as generated: a new backend, a changed
 * capability or a new finding fails here until the note says so.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOG_BACKENDS } from '../../../snippets/log/registry.ts';
import { KIND_LETTERS, mapTable, promisesTable, variantsTable } from '../../../snippets/log/table.ts';

const NOTE = 'content/notes/disaggregating-log-replication.md';
const note = readFileSync(NOTE, 'utf8');

/** The note's table that starts with `header`, as its lines. */
function tableIn(text: string, header: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(header);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  return lines.slice(start, end < 0 ? undefined : end);
}

describe(`the tables in ${NOTE} are the registry's`, () => {
  for (const [name, generate] of [['where each system sits', mapTable], ['what each Log offers', promisesTable], ['what the suite saw of each variant', variantsTable]] as const) {
    it(name, () => {
      const generated = generate(LOG_BACKENDS);
      expect(tableIn(note, generated[0]!), `paste this table into the note:\n${generated.join('\n')}`).toEqual(generated);
    });
  }

  it('the map is a table: a heading with a column per kind of disaggregation, the alignment row, and a row per backend', () => {
    const table = mapTable(LOG_BACKENDS);
    const kinds = Object.values(KIND_LETTERS);
    expect(table[0]).toBe(`| system | ${kinds.join(' | ')} | reconfiguration |`);
    expect(table[1]).toBe(`| --- | ${kinds.map(() => ':-:').join(' | ')} | --- |`);
    expect(table.slice(2).map((r) => r.split(' | ')[0])).toEqual(LOG_BACKENDS.map((b) => `| ${b.name}`));
  });

  it('a backend or finding left out of the note fails the comparison', () => {
    const fewer = variantsTable(LOG_BACKENDS.slice(1));
    expect(tableIn(note, fewer[0]!)).not.toEqual(fewer);
  });

  it('every backend row names the system the way the registry does, and the note links its note', () => {
    for (const b of LOG_BACKENDS) expect(note, b.note).toContain(`[[${b.note}|`);
  });
});
