/**
 * The weight a founder allele contributes as a function of its allelic state:
 * a point mass (`scale` at `allele`, 0 elsewhere; typed alleles) or one value per allele.
 */
export type AlleleWeight =
  { readonly allele: number; readonly scale: number } | Float64Array;

const partitionCache: number[][][][] = [];

/** All set partitions of {0..k-1}, each as a list of blocks. */
function setPartitions(k: number): number[][][] {
  const cached = partitionCache[k];
  if (cached) return cached;
  const result: number[][][] = [];
  const extend = (element: number, blocks: number[][]): void => {
    if (element === k) {
      result.push(blocks.map((b) => [...b]));
      return;
    }
    for (const block of blocks) {
      block.push(element);
      extend(element + 1, blocks);
      block.pop();
    }
    blocks.push([element]);
    extend(element + 1, blocks);
    blocks.pop();
  };
  extend(0, []);
  partitionCache[k] = result;
  return result;
}

/** Σ_a p_a Π_{w in block} w(a): the founder alleles of one block all carry the same allele a. */
function blockSum(
  weights: readonly AlleleWeight[],
  block: readonly number[],
  p: Float64Array,
): number {
  let pointAllele = -1;
  let scale = 1;
  for (const r of block) {
    const w = weights[r];
    if (w instanceof Float64Array) continue;
    if (pointAllele >= 0 && w.allele !== pointAllele) return 0;
    pointAllele = w.allele;
    scale *= w.scale;
  }
  if (pointAllele >= 0) {
    let value = p[pointAllele] * scale;
    for (const r of block) {
      const w = weights[r];
      if (w instanceof Float64Array) value *= w[pointAllele];
    }
    return value;
  }
  let sum = 0;
  for (let a = 0; a < p.length; a++) {
    let term = p[a];
    for (const r of block) term *= (weights[r] as Float64Array)[a];
    sum += term;
  }
  return sum;
}

/**
 * Σ over the allelic states of k founder alleles of P(states) · Π_r w_r(state_r).
 *
 * θ = 0: founder alleles are independent draws from p (Hardy–Weinberg), so the sum factorises.
 * θ > 0: founder alleles are drawn sequentially by Balding–Nichols (KINSHIP.md §A.7; pedprobr's
 * `thetaCorr`): draw j (1-based), after m copies of a, is a with probability (mθ + (1−θ)p_a)/(1 + (j−2)θ).
 * Expanding the numerators, each draw is either "new" (weight (1−θ)p) or "copies an earlier draw" (weight θ);
 * grouping the terms by the set partition they induce gives
 *   Σ = Π_j (1+(j−2)θ)^{-1} · Σ_π θ^{k−|π|} Π_{B∈π} (|B|−1)! (1−θ) Σ_a p_a Π_{r∈B} w_r(a),
 * which is exact and avoids summing over n^k allele combinations.
 */
export function founderAlleleSum(
  weights: readonly AlleleWeight[],
  p: Float64Array,
  theta: number,
): number {
  const k = weights.length;
  if (theta === 0) {
    let product = 1;
    for (let r = 0; r < k && product !== 0; r++)
      product *= blockSum(weights, [r], p);
    return product;
  }
  let total = 0;
  for (const partition of setPartitions(k)) {
    let term = theta ** (k - partition.length);
    for (const block of partition) {
      if (term === 0) break;
      term *=
        factorial(block.length - 1) * (1 - theta) * blockSum(weights, block, p);
    }
    total += term;
  }
  let denominator = 1;
  for (let j = 1; j <= k; j++) denominator *= 1 + (j - 2) * theta;
  return total / denominator;
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}
