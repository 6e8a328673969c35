import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceDigest } from '../../scripts/bench/source-digest.ts';

describe('source digest: did the site change while the benchmark ran?', () => {
  it('changes when a file in src/ or the config changes, not when notes or output do', () => {
    const root = mkdtempSync(join(tmpdir(), 'bench-source-digest-'));
    try {
      mkdirSync(join(root, 'src/plugins'), { recursive: true });
      mkdirSync(join(root, 'dist'));
      writeFileSync(join(root, 'astro.config.mjs'), 'export default {};');
      writeFileSync(join(root, 'src/plugins/a.ts'), 'export const a = 1;');
      const before = sourceDigest(root);
      writeFileSync(join(root, 'dist/index.html'), '<p>built</p>');
      expect(sourceDigest(root)).toBe(before);
      writeFileSync(join(root, 'src/plugins/a.ts'), 'export const a = 2;');
      const edited = sourceDigest(root);
      expect(edited).not.toBe(before);
      writeFileSync(join(root, 'astro.config.mjs'), 'export default { site: "x" };');
      expect(sourceDigest(root)).not.toBe(edited);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
