/**
 * The environment for Astro commands started from tests: ours, minus what Vitest adds. Vitest sets
 * NODE_ENV=test, under which `astro dev` serves 404s and a build is no longer what a user would run.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env['NODE_ENV'];
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'TEST') delete env[key];
  return env;
}
