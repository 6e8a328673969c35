import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/**
 * Resident memory of a whole process tree (a build and every process it starts), read from /proc.
 * Sums each process's RSS, so pages shared between processes count once per process: an upper bound.
 */

/** The parent pid from the text of /proc/PID/stat ("pid (comm) state ppid …"; comm may hold spaces and parentheses). */
export function parentPid(stat: string): number | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** The root and all its descendants, given each process's parent. */
export function descendants(parents: ReadonlyMap<number, number>, root: number): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

let pageSize: number | undefined;
function pageBytes(): number {
  if (pageSize === undefined) {
    try {
      pageSize = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
    } catch {
      pageSize = 4096;
    }
  }
  return pageSize;
}

const readOrEmpty = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return ''; // the process exited between listing and reading
  }
};

/** Bytes resident in `root` and its descendants right now. */
export function treeRssBytes(root: number): number {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = parentPid(readOrEmpty(`/proc/${name}/stat`));
    if (ppid !== undefined) parents.set(Number(name), ppid);
  }
  let pages = 0;
  for (const pid of descendants(parents, root)) pages += Number(readOrEmpty(`/proc/${pid}/statm`).split(' ')[1] ?? 0) || 0;
  return pages * pageBytes();
}

/** Samples the tree's RSS every `intervalMs` until stopped; returns the peak seen, in bytes. */
export function pollTreeRss(root: number, intervalMs = 100): { stop(): number } {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, treeRssBytes(root));
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
