import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSync } from 'vite';
import { memoryStore, type StoredEntry as Entry } from '../support/memory-store.ts';
import { storePreviewsOnDisk, type Preview } from '../../src/lib/previews-on-disk.ts';
import { compileScript } from '../../src/integrations/link-previews.ts';

/** The notes loader writes /previews/<collection>/<id>.json as it stores each entry: the published ones, up to date. */

const root = mkdtempSync(join(tmpdir(), 'paperlog-previews-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const freshFolder = () => join(root, String(folders++));

const entry = (id: string, data: Record<string, unknown> = {}, lead = `The opening lines of ${id}.`): Entry => ({
  id,
  data: { title: `Title of ${id}`, summary: `What ${id} is about, in a sentence.`, kind: 'paper', ...data },
  digest: `${id}:${JSON.stringify(data)}:${lead}`,
  rendered: { html: '<p>…</p>', metadata: { frontmatter: { words: 3, lead } } },
});
const read = (dir: string, id: string) => JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as Preview;

describe('link preview files written by the notes loader', () => {
  it('writes title, kind, summary and opening lines of a stored entry to <id>.json', () => {
    const dir = freshFolder();
    storePreviewsOnDisk(memoryStore(), dir, { dev: false }).set(entry('dynamo'));
    expect(read(dir, 'dynamo')).toEqual({ title: 'Title of dynamo', kind: 'paper', summary: 'What dynamo is about, in a sentence.', lead: 'The opening lines of dynamo.' });
  });

  it('calls a concept (no kind in its frontmatter) a concept, and still stores the entry itself', () => {
    const dir = freshFolder();
    const inner = memoryStore();
    storePreviewsOnDisk(inner, dir, { dev: false }).set(entry('quorum', { kind: undefined }));
    expect(read(dir, 'quorum').kind).toBe('concept');
    expect(inner.get('quorum')).toMatchObject({ id: 'quorum' });
  });

  it('rewrites the file when the entry changes, and removes it when the entry is deleted', () => {
    const dir = freshFolder();
    const store = storePreviewsOnDisk(memoryStore(), dir, { dev: true });
    store.set(entry('dynamo'));
    store.set(entry('dynamo', { title: 'Dynamo, retitled' }, 'New opening lines.'));
    expect(read(dir, 'dynamo')).toMatchObject({ title: 'Dynamo, retitled', lead: 'New opening lines.' });
    store.delete('dynamo');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves drafts out of a build and keeps them in the dev server', () => {
    const build = freshFolder();
    const dev = freshFolder();
    storePreviewsOnDisk(memoryStore(), build, { dev: false }).set(entry('draft', { draft: true }));
    storePreviewsOnDisk(memoryStore(), dev, { dev: true }).set(entry('draft', { draft: true }));
    expect(existsSync(join(build, 'draft.json'))).toBe(false);
    expect(existsSync(join(dev, 'draft.json'))).toBe(true);
  });

  it('settle() rewrites the stale or missing file of an entry not stored again, and removes files of entries no longer there', () => {
    const dir = freshFolder();
    const inner = memoryStore();
    inner.set(entry('dynamo'));
    inner.set(entry('delos'));
    mkdirSync(dir);
    writeFileSync(join(dir, 'dynamo.json'), '{"title":"written by an older build"}');
    writeFileSync(join(dir, 'gone.json'), '{}');
    storePreviewsOnDisk(inner, dir, { dev: false }).settle();
    expect(readdirSync(dir).sort()).toEqual(['delos.json', 'dynamo.json']);
    expect(read(dir, 'dynamo').title).toBe('Title of dynamo');
    expect(read(dir, 'delos').lead).toBe('The opening lines of delos.');
  });
});

describe('the link preview script as published', () => {
  it.each([true, false])('compiles to a self-contained JavaScript module exporting start() (minified: %s)', async (minified) => {
    const code = await compileScript({ minified });
    const { errors, program } = parseSync('link-preview.js', code, { sourceType: 'module', lang: 'js' });
    expect(errors).toEqual([]);
    expect(program.body.filter((node) => node.type === 'ImportDeclaration')).toEqual([]);
    expect(code).toMatch(/export\s*\{[^}]*\bstart\b|export function start\b/);
    if (minified) expect(code.length).toBeLessThan(6 * 1024);
  });
});
