import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkTargets } from '../../src/plugins/link-targets.ts';
import { linkedIdsIn } from '../../src/plugins/link-syntax.ts';

describe('link targets', () => {
  it('lists notes and concepts by id, and sees a note added later', () => {
    const root = mkdtempSync(join(tmpdir(), 'paperlog-targets-'));
    mkdirSync(join(root, 'notes'));
    mkdirSync(join(root, 'concepts'));
    writeFileSync(join(root, 'notes/dynamo.md'), '');
    writeFileSync(join(root, 'concepts/quorum.md'), '');
    writeFileSync(join(root, 'notes/_draft-template.md'), '');
    const first = linkTargets(join(root, 'notes'), join(root, 'concepts'));
    expect([...first].sort()).toEqual([
      ['dynamo', { kind: 'note', url: '/notes/dynamo/' }],
      ['quorum', { kind: 'concept', url: '/concepts/quorum/' }],
    ]);
    writeFileSync(join(root, 'notes/vr.md'), '');
    expect(linkTargets(join(root, 'notes'), join(root, 'concepts')).has('vr')).toBe(true);
    rmSync(root, { recursive: true });
  });

  it('finds the ids a page links to, by wikilink or by file, each once', () => {
    const text = 'See [[dynamo]], [[quorum|quorums]] and [VR](viewstamped-replication-revisited.md#views), [[dynamo|again]], [x](https://e.org/a.md).';
    expect(linkedIdsIn(text)).toEqual(['dynamo', 'quorum', 'viewstamped-replication-revisited']);
  });
});
