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
  // A min-heap of the k best so far (weakest at the root; equal scores: the later row is weaker, so ties
  // keep the earlier row). Fixed size, no allocation per reference.
  const rows = new Int32Array(k);
  const scores = new Float64Array(k);
  const sums = new Float64Array(relationshipCount);
  let kept = 0;
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
    let at: number;
    if (kept < k) {
      // Sift up from the new leaf.
      at = kept++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (
          scores[parent] < best ||
          (scores[parent] === best && rows[parent] > row)
        )
          break;
        rows[at] = rows[parent];
        scores[at] = scores[parent];
        at = parent;
      }
    } else {
      if (!(best > scores[0])) continue;
      // Replace the root and sift down.
      at = 0;
      for (;;) {
        let child = 2 * at + 1;
        if (child >= k) break;
        const right = child + 1;
        if (
          right < k &&
          (scores[right] < scores[child] ||
            (scores[right] === scores[child] && rows[right] > rows[child]))
        )
          child = right;
        if (
          best < scores[child] ||
          (best === scores[child] && row > rows[child])
        )
          break;
        rows[at] = rows[child];
        scores[at] = scores[child];
        at = child;
      }
    }
    rows[at] = row;
    scores[at] = best;
  }
  return { rows: rows.subarray(0, kept), scores: scores.subarray(0, kept) };
}
