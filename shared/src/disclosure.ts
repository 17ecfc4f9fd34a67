/**
 * Disclosure control for published counts. No figure may rest on fewer than `k` people, and
 * none may be worked out from the others: with the total published, hidden cells are found by
 * subtraction, so (complementary suppression) further cells are hidden until the hidden ones
 * together hold at least `k` people.
 */
export function suppressCounts(counts: readonly number[], k: number): { cells: (number | null)[]; total: number | null } {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total < k) return { cells: counts.map(() => null), total: null };
  const hidden = counts.map((c) => c > 0 && c < k);
  let hiddenSum = counts.reduce((sum, c, i) => sum + (hidden[i] ? c : 0), 0);
  if (hidden.some(Boolean)) {
    // Hide the smallest other non-empty cells until the hidden people cannot be singled out.
    const order = counts.map((c, i) => i).filter((i) => !hidden[i] && counts[i]! > 0).sort((a, b) => counts[a]! - counts[b]! || a - b);
    for (const i of order) {
      if (hiddenSum >= k) break;
      hidden[i] = true;
      hiddenSum += counts[i]!;
    }
  }
  return { cells: counts.map((c, i) => (hidden[i] ? null : c)), total };
}
