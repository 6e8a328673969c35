import type { DataStore } from 'astro/loaders';

export type StoredEntry = Parameters<DataStore['set']>[0];

/** Enough of Astro's scoped content store for the loader's store wrappers: like it, set() ignores an entry whose digest did not change. */
export function memoryStore(): DataStore {
  const entries = new Map<string, StoredEntry>();
  return {
    get: (id: string) => entries.get(id),
    set: (entry: StoredEntry) => {
      if (entry.digest && entries.get(entry.id)?.digest === entry.digest) return false;
      entries.set(entry.id, entry);
      return true;
    },
    delete: (id: string) => void entries.delete(id),
    values: () => [...entries.values()],
    keys: () => [...entries.keys()],
    entries: () => [...entries.entries()],
    has: (id: string) => entries.has(id),
    clear: () => entries.clear(),
    addModuleImport: () => {},
  } as unknown as DataStore;
}
