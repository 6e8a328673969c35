import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Models run unchanged in Node and in the browser, and every run is reproducible from its seed.
 * So model code imports nothing from node: (only files named *.node.ts, which do real I/O, may),
 * and nothing under snippets/ reads the clock or Math.random: the simulator owns time and randomness.
 */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

const files = sources('snippets');
const isIoFile = (file: string) => file.endsWith('.node.ts') || file.includes('/cli/');
const code = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('snippets are isomorphic and deterministic', () => {
  it.each(files.filter((f) => !isIoFile(f)))('%s imports nothing from node:', (file) => {
    expect(code(file)).not.toMatch(/from\s+['"]node:|import\(\s*['"]node:|require\(/);
  });

  it.each(files.filter((f) => !isIoFile(f)))('%s uses no Math.random, Date or real timers', (file) => {
    expect(code(file)).not.toMatch(/Math\.random|\bDate\b|performance\.now|setTimeout|setInterval|process\./);
  });
});
