import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Total bytes of the files in a built site, and how many HTML pages it holds. */
export function distStats(dist: string): { bytes: number; files: number; htmlFiles: number } {
  let bytes = 0;
  let files = 0;
  let htmlFiles = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        bytes += statSync(path).size;
        files++;
        if (entry.name.endsWith('.html')) htmlFiles++;
      }
    }
  };
  walk(dist);
  return { bytes, files, htmlFiles };
}
