import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyFiles, publishDuringBuild } from '../../src/integrations/publish-files.ts';

const root = mkdtempSync(join(tmpdir(), 'paperlog-publish-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// The hooks are called by Astro with arguments this helper ignores.
type Hook = () => Promise<void> | void;

describe('publishDuringBuild', () => {
  it('starts the work at build setup, once, and the end of the build waits for it', async () => {
    let starts = 0;
    let finish!: () => void;
    const hooks = publishDuringBuild(() => {
      starts++;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    await (hooks['astro:build:setup'] as Hook)();
    expect(starts).toBe(1);
    let done = false;
    const end = Promise.resolve((hooks['astro:build:done'] as Hook)()).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toBe(false);
    finish();
    await end;
    expect(starts).toBe(1);
  });

  it('stops the build at its end when the work failed, with no unhandled rejection before', async () => {
    const hooks = publishDuringBuild(() => Promise.reject(new Error('disk full')));
    await (hooks['astro:build:setup'] as Hook)();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(Promise.resolve((hooks['astro:build:done'] as Hook)())).rejects.toThrow('disk full');
  });

  it('runs the work at the end of the build if setup never ran (a build Astro started differently)', async () => {
    let starts = 0;
    const hooks = publishDuringBuild(async () => void starts++);
    await (hooks['astro:build:done'] as Hook)();
    expect(starts).toBe(1);
  });
});

describe('copyFiles', () => {
  it('copies the files with the extension, nested ones too, to where the target says, and nothing else', async () => {
    const from = join(root, 'from');
    mkdirSync(join(from, 'notes'), { recursive: true });
    writeFileSync(join(from, 'notes', 'dynamo.json'), '{"a":1}');
    writeFileSync(join(from, 'top.json'), '{"b":2}');
    writeFileSync(join(from, 'notes', 'skip.bib'), '@x{}');
    const site = join(root, 'site');
    await copyFiles(from, '.json', (id) => join(site, 'previews', `${id}.json`));
    expect(readFileSync(join(site, 'previews', 'notes', 'dynamo.json'), 'utf8')).toBe('{"a":1}');
    expect(readFileSync(join(site, 'previews', 'top.json'), 'utf8')).toBe('{"b":2}');
    expect(readdirSync(join(site, 'previews', 'notes'))).toEqual(['dynamo.json']);
  });

  it('gives the target the id without the extension, with / between folders', async () => {
    const from = join(root, 'ids');
    mkdirSync(join(from, 'a', 'b'), { recursive: true });
    writeFileSync(join(from, 'a', 'b', 'c.bib'), '@x{}');
    const ids: string[] = [];
    await copyFiles(from, '.bib', (id) => (ids.push(id), join(root, 'out', `${id.replaceAll('/', '-')}.bib`)));
    expect([...new Set(ids)]).toEqual(['a/b/c']);
    expect(readFileSync(join(root, 'out', 'a-b-c.bib'), 'utf8')).toBe('@x{}');
  });

  it('copies nothing, without an error, from a folder that does not exist', async () => {
    await expect(copyFiles(join(root, 'missing'), '.json', (id) => join(root, 'never', id))).resolves.toBeUndefined();
  });
});
