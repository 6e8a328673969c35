/**
 * Every note that offers a model to run links that model's trace legend beside the command, and the
 * legend page holds every row of the legend, generated from the same code as `npm run snippet -- NAME
 * --legend` (issue 27 §4). The legend lives on its own page so it does not weigh on every note.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { legendSections } from '../../snippets/sim/legend.ts';
import type { Demo } from '../../snippets/demo.ts';
import { traceLegendUrl } from '../../src/lib/urls.ts';
import { DIST, noteIds } from './site.ts';

const built = (path: string) => readFileSync(join(DIST, path, 'index.html'), 'utf8');
const snippetsOf = (id: string) => {
  const frontmatter = readFileSync(`content/notes/${id}.md`, 'utf8').split('\n---')[0]!;
  return [...(/^snippets: \[([^\]]*)\]/m.exec(frontmatter)?.[1] ?? '').matchAll(/[a-z0-9-]+/g)].map((m) => m[0]);
};
const decode = (html: string) => html.replace(/<[^>]+>/g, '').replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');

describe('the trace legend', () => {
  const withModels = noteIds().filter((id) => snippetsOf(id).length > 0);

  it('every note with a runnable model is counted', () => {
    expect(withModels.length).toBeGreaterThanOrEqual(4);
  });

  for (const id of withModels) {
    it(`${id}: links each model's legend right after its command`, () => {
      const html = built(`notes/${id}`);
      for (const name of snippetsOf(id)) {
        const command = html.indexOf(`npm run snippet -- ${name} --seed 1`);
        const link = html.indexOf(`href="${traceLegendUrl(name)}"`);
        expect(command, name).toBeGreaterThan(0);
        expect(link, name).toBeGreaterThan(command);
        expect(html.slice(command + 1, link), 'no other command between').not.toContain('npm run snippet');
      }
    });
  }

  const models = [...new Set(withModels.flatMap(snippetsOf))];
  for (const name of models) {
    it(`/legends/${name}/: every section and row of the ${name} legend, with no script`, async () => {
      const html = built(traceLegendUrl(name).slice(1));
      const { demo } = (await import(`../../snippets/${name}/demo.ts`)) as { demo: Demo };
      expect(demo.legend, `${name} has a legend`).toBeDefined();
      const legend = /<div class="trace-legend">([\s\S]*?)<\/div>/.exec(html)?.[1];
      expect(legend, 'the legend block').toBeDefined();
      expect(legend).not.toContain('<script');
      const text = decode(legend!);
      for (const section of legendSections(demo.legend)) {
        expect(text).toContain(section.title);
        for (const row of section.rows) expect(text).toContain(row.meaning);
      }
    });
  }
});
