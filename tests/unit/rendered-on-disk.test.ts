import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryStore, type StoredEntry as Entry } from '../support/memory-store.ts';
import { HTML_FILE_KEY, renderedFromDisk, storeRenderedHtmlOnDisk } from '../../src/lib/rendered-on-disk.ts';

/** Rendered notes live in files beside Astro's cache, not in the content store it bundles. */

const root = mkdtempSync(join(tmpdir(), 'paperlog-rendered-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const note = (digest: string, html = '<p>Quorums</p>'): Entry => ({
  id: 'dynamo',
  data: {},
  filePath: 'content/notes/dynamo.md',
  digest,
  rendered: { html, metadata: { headings: [{ depth: 2, slug: 'ring', text: 'Ring' }], frontmatter: { words: 812 } } },
});

describe('rendered HTML on disk', () => {
  it('keeps the HTML in a file named by the digest, and only the metadata in the store', () => {
    const inner = memoryStore();
    const store = storeRenderedHtmlOnDisk(inner, join(root, 'a'));
    store.set(note('d1'));
    const stored = inner.get('dynamo') as Entry;
    expect(stored.rendered?.html).toBe('');
    expect(stored.rendered?.metadata?.[HTML_FILE_KEY]).toBe(join(root, 'a', 'd1.html'));
    expect(renderedFromDisk(stored as never)).toEqual({ html: '<p>Quorums</p>', headings: [{ depth: 2, slug: 'ring', text: 'Ring' }], pageData: { words: 812 } });
  });

  it("keeps only our plugins' page data of the frontmatter, not a second copy of the note's own", () => {
    const inner = memoryStore();
    const store = storeRenderedHtmlOnDisk(inner, join(root, 'f'));
    const links = [{ target: 'quorum', before: 'A ', text: 'quorum', after: '.' }];
    const withFrontmatter = note('d1');
    withFrontmatter.rendered!.metadata!.frontmatter = { title: 'Dynamo', tags: ['quorums'], source: { title: 'Dynamo' }, words: 812, codeBlocks: 2, diagrams: 1, links };
    store.set(withFrontmatter);
    const stored = inner.get('dynamo') as Entry;
    expect(stored.rendered?.metadata?.frontmatter).toEqual({ words: 812, codeBlocks: 2, diagrams: 1, links });
    expect(renderedFromDisk(stored as never)?.pageData).toEqual({ words: 812, codeBlocks: 2, diagrams: 1, links });
  });

  it('treats an entry whose file has gone as missing, so the note is rendered again', () => {
    const inner = memoryStore();
    const store = storeRenderedHtmlOnDisk(inner, join(root, 'b'));
    store.set(note('d1'));
    unlinkSync(join(root, 'b', 'd1.html'));
    expect(store.get('dynamo')).toBeUndefined();
    store.set(note('d1', '<p>Again</p>'));
    expect(renderedFromDisk(inner.get('dynamo') as never)?.html).toBe('<p>Again</p>');
  });

  it('removes the files of digests the store no longer names', () => {
    const inner = memoryStore();
    const store = storeRenderedHtmlOnDisk(inner, join(root, 'c'));
    store.set(note('old'));
    store.set(note('new'));
    store.pruneUnused();
    expect(readdirSync(join(root, 'c'))).toEqual(['new.html']);
  });

  it('stops a page whose HTML file vanished, naming the note and what to do', () => {
    const inner = memoryStore();
    const store = storeRenderedHtmlOnDisk(inner, join(root, 'd'));
    store.set(note('d1'));
    unlinkSync(join(root, 'd', 'd1.html'));
    expect(() => renderedFromDisk(inner.get('dynamo') as never)).toThrow(/content\/notes\/dynamo\.md: its rendered HTML .* is missing .*--force/);
  });

  it('leaves an entry with images in the store, where render() rewrites them', () => {
    const inner = memoryStore();
    const store = storeRenderedHtmlOnDisk(inner, join(root, 'e'));
    const withImage = note('d1');
    withImage.rendered!.metadata!.imagePaths = ['./ring.png'];
    store.set(withImage);
    expect((inner.get('dynamo') as Entry).rendered?.html).toBe('<p>Quorums</p>');
    expect(renderedFromDisk(inner.get('dynamo') as never)).toBeUndefined();
    expect(existsSync(join(root, 'e', 'd1.html'))).toBe(false);
  });
});
