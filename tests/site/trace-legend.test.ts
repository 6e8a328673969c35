/**
 * Every note that offers a model to run shows that model's trace legend beside the command, once,
 * folded in a <details> (no JavaScript), generated from the same code as `npm run snippet -- NAME
 * --legend` (issue 27 §4).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { legendSections } from '../../snippets/sim/legend.ts';
import type { Demo } from '../../snippets/demo.ts';
import { DIST, noteIds } from './site.ts';

const page = (id: string) => readFileSync(join(DIST, 'notes', id, 'index.html'), 'utf8');
const snippetsOf = (id: string) => {
  const frontmatter = readFileSync(`content/notes/${id}.md`, 'utf8').split('\n---')[0]!;
  return [...(/^snippets: \[([^\]]*)\]/m.exec(frontmatter)?.[1] ?? '').matchAll(/[a-z0-9-]+/g)].map((m) => m[0]);
};
const decode = (html: string) => html.replace(/<[^>]+>/g, '').replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');

describe('the trace legend on note pages', () => {
  const withModels = noteIds().filter((id) => snippetsOf(id).length > 0);

  it('every note with a runnable model has one', () => {
    expect(withModels.length).toBeGreaterThanOrEqual(4);
  });

  for (const id of withModels) {
    it(`${id}: one folded legend per model, beside its command, with the model's own rows and no script`, async () => {
      const html = page(id);
      for (const name of snippetsOf(id)) {
        const legends = [...html.matchAll(/<details class="trace-legend[^"]*"[^>]*>([\s\S]*?)<\/details>/g)].map((m) => m[1]!);
        const mine = legends.filter((l) => l.includes(`How to read the ${name} trace`));
        expect(mine, name).toHaveLength(1);
        expect(html.indexOf(`npm run snippet -- ${name} --seed 1`)).toBeLessThan(html.indexOf(`How to read the ${name} trace`));
        expect(mine[0]).not.toContain('<script');
        const { demo } = (await import(`../../snippets/${name}/demo.ts`)) as { demo: Demo };
        expect(demo.legend, `${name} has a legend`).toBeDefined();
        const text = decode(mine[0]!);
        for (const section of legendSections(demo.legend)) {
          expect(text).toContain(section.title);
          for (const row of section.rows) expect(text).toContain(row.meaning);
        }
      }
    });
  }
});
