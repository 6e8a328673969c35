/** Reading numbers out of tool output: Astro's build log, Starlight's Pagefind log line, GNU time -v. Pure. */

/** "1024 page(s) built in 31.2s" → 1024 (the last such line). */
export function pagesBuilt(log: string): number | undefined {
  const matches = [...log.matchAll(/(\d+) page\(s\) built in/g)];
  const last = matches.at(-1);
  return last ? Number(last[1]) : undefined;
}

/** Starlight runs Pagefind inside `astro build`: "[starlight:pagefind] Finished building search index in 2.41s." → 2410. */
export function starlightPagefindMs(log: string): number | undefined {
  const match = /Finished building search index in ([\d.]+)(m?s)/.exec(log);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (match[2] === 's' ? 1000 : 1));
}

/** GNU `time -v`: user + system CPU time of the command and everything it waited for, in ms. */
export function cpuMs(timeOutput: string): number | undefined {
  const user = /User time \(seconds\): ([\d.]+)/.exec(timeOutput);
  const system = /System time \(seconds\): ([\d.]+)/.exec(timeOutput);
  return user && system ? Math.round((Number(user[1]) + Number(system[1])) * 1000) : undefined;
}

/** GNU `time -v`: the largest single process's peak RSS (kernel-measured), in bytes. */
export function maxResidentBytes(timeOutput: string): number | undefined {
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(timeOutput);
  return match ? Number(match[1]) * 1024 : undefined;
}

/** Astro threw its content cache away ("Astro config changed" / "Clearing content store"): the build re-rendered every entry. */
export function contentStoreCleared(log: string): boolean {
  return /Clearing content store/.test(log);
}
