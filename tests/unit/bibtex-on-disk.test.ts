import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryStore, type StoredEntry as Entry } from '../support/memory-store.ts';
import { storeBibtexOnDisk } from '../../src/lib/bibtex-on-disk.ts';
import { toBibtex } from '../../src/lib/bibtex.ts';

/** The notes loader writes /notes/<id>.bib as it stores each note; the folder holds exactly the published notes with a source. */

const root = mkdtempSync(join(tmpdir(), 'paperlog-bibtex-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const freshFolder = () => join(root, String(folders++));

const source = { title: 'Dynamo: Amazon’s Highly Available Key-value Store', authors: ['Giuseppe DeCandia', 'Deniz Hastorun'], year: 2007, venue: 'SOSP 2007', doi: '10.1145/1294261.1294281' };
const note = (id: string, data: Record<string, unknown> = {}): Entry => ({ id, data: { kind: 'paper', source, draft: false, ...data }, digest: id });
const bibtex = toBibtex('paper', source);

describe('BibTeX files written by the notes loader', () => {
  it('writes the BibTeX of a stored note with a source to <id>.bib', () => {
    const dir = freshFolder();
    storeBibtexOnDisk(memoryStore(), dir, { dev: false }).set(note('dynamo'));
    expect(readFileSync(join(dir, 'dynamo.bib'), 'utf8')).toBe(bibtex);
  });

  it('still stores the entry itself', () => {
    const inner = memoryStore();
    storeBibtexOnDisk(inner, freshFolder(), { dev: false }).set(note('dynamo'));
    expect(inner.get('dynamo')).toMatchObject({ id: 'dynamo', data: { source } });
  });

  it('writes no file for a note without a source, and removes the file of a note that loses its source', () => {
    const dir = freshFolder();
    const store = storeBibtexOnDisk(memoryStore(), dir, { dev: false });
    store.set(note('quorums', { kind: 'concept', source: undefined }));
    store.set(note('dynamo'));
    store.set(note('dynamo', { kind: 'concept', source: undefined }));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves drafts out of a build and keeps them in the dev server', () => {
    const build = freshFolder();
    const dev = freshFolder();
    storeBibtexOnDisk(memoryStore(), build, { dev: false }).set(note('draft', { draft: true }));
    storeBibtexOnDisk(memoryStore(), dev, { dev: true }).set(note('draft', { draft: true }));
    expect(existsSync(join(build, 'draft.bib'))).toBe(false);
    expect(existsSync(join(dev, 'draft.bib'))).toBe(true);
  });

  it('removes the file of a deleted note', () => {
    const dir = freshFolder();
    const store = storeBibtexOnDisk(memoryStore(), dir, { dev: true });
    store.set(note('dynamo'));
    store.delete('dynamo');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('settle() rewrites the stale or missing file of a note that was not stored again, and removes files of notes no longer there', () => {
    const dir = freshFolder();
    // An earlier build: its store holds two notes, its folder their files and one of a note since deleted.
    const inner = memoryStore();
    inner.set(note('dynamo'));
    inner.set(note('delos'));
    mkdirSync(dir);
    writeFileSync(join(dir, 'dynamo.bib'), '@misc{written by an older toBibtex}\n');
    writeFileSync(join(dir, 'gone.bib'), bibtex);
    const store = storeBibtexOnDisk(inner, dir, { dev: false });
    store.settle();
    expect(readdirSync(dir).sort()).toEqual(['delos.bib', 'dynamo.bib']);
    expect(readFileSync(join(dir, 'dynamo.bib'), 'utf8')).toBe(bibtex);
    expect(readFileSync(join(dir, 'delos.bib'), 'utf8')).toBe(bibtex);
  });
});
