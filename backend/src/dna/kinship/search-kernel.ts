/* istanbul ignore file -- the kernel is shipped to workers as source text (search-worker.ts), so it must not be instrumented. */

/** Best-k rows of one scan, unordered. */
export interface ScanResult {
  rows: Int32Array;
  scores: Float64Array;
}

/**
 * Scores references `start..end-1` against one query (KINSHIP.md §A.9): for every relationship r, the
 * log10 LR is Σ_locus table[entry * relationshipCount + r], where `entry` is the reference's stored genotype
 * entry at the locus (already offset into the query table, so one load per locus; the "untyped" entry of a
 * locus holds 0). A reference's score is its best relationship; the k best are kept.
 *
 * Self-contained on purpose: workers receive it as source text via `Function.prototype.toString`.
 */
export function scanReferences(
  entries: Uint16Array,
  lociCount: number,
  start: number,
  end: number,
  table: Float64Array,
  relationshipCount: number,
  k: number,
): ScanResult {
  const rows = new Int32Array(k);
  const scores = new Float64Array(k);
  const sums = new Float64Array(relationshipCount);
  let kept = 0;
  let weakest = 0;
  for (let row = start; row < end; row++) {
    const base = row * lociCount;
    const stop = base + lociCount;
    let best = -Infinity;
    if (relationshipCount === 2) {
      // The default search (parent-child + full sibling): keep the sums in registers.
      let s0 = 0;
      let s1 = 0;
      for (let i = base; i < stop; i++) {
        const o = entries[i] << 1;
        s0 += table[o];
        s1 += table[o + 1];
      }
      best = s0 > s1 ? s0 : s1;
    } else {
      sums.fill(0);
      for (let i = base; i < stop; i++) {
        const o = entries[i] * relationshipCount;
        for (let r = 0; r < relationshipCount; r++) sums[r] += table[o + r];
      }
      for (let r = 0; r < relationshipCount; r++)
        if (sums[r] > best) best = sums[r];
    }
    if (kept < k) {
      rows[kept] = row;
      scores[kept] = best;
      kept++;
    } else if (best > scores[weakest]) {
      rows[weakest] = row;
      scores[weakest] = best;
    } else continue;
    if (kept === k) {
      weakest = 0;
      for (let i = 1; i < k; i++) if (scores[i] < scores[weakest]) weakest = i;
    }
  }
  return { rows: rows.subarray(0, kept), scores: scores.subarray(0, kept) };
}
