/** Ids closest to a misspelt one, for "did you mean" in error messages (Levenshtein distance). */
export function closestIds(wanted: string, known: readonly string[], count = 3): string[] {
  return known
    .map((id) => ({ id, distance: editDistance(wanted, id) }))
    .filter(({ id, distance }) => distance <= Math.max(3, Math.floor(id.length / 2)))
    .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
    .slice(0, count)
    .map(({ id }) => id);
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
