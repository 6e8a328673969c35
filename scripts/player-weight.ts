/**
 * `node scripts/player-weight.ts [dist]`: what each model's player costs a reader who presses "Run it"
 * (its module, /play/<name>/player.js, gzipped: player, model and styles in one file). The budget is
 * 60 KB; tests/site/player-budget.test.ts holds every model to it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PLAYABLE } from '../src/components/player/playable.ts';

export const PLAYER_BUDGET_GZIP = 60 * 1024;

export function playerWeights(dist: string): Array<{ name: string; bytes: number; gzip: number }> {
  return Object.keys(PLAYABLE).map((name) => {
    const file = join(dist, 'play', name, 'player.js');
    if (!existsSync(file)) throw new Error(`${file} is missing: build the site first (npm run build)`);
    const code = readFileSync(file);
    return { name, bytes: code.length, gzip: gzipSync(code).length };
  });
}

if (import.meta.main) {
  for (const { name, bytes, gzip } of playerWeights(process.argv[2] ?? 'dist')) {
    console.log(`${name.padEnd(10)} ${(gzip / 1024).toFixed(1).padStart(6)} KB gzip (${(bytes / 1024).toFixed(1)} KB raw), budget ${PLAYER_BUDGET_GZIP / 1024} KB`);
  }
}
