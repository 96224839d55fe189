/** Mutation models as defined by pedmut `mutationMatrix()` (KINSHIP.md §A.5). */
export interface MutationModel {
  model: 'equal' | 'proportional' | 'stepwise';
  /** Per-meiosis mutation rate (stepwise: between alleles of the same integer/microvariant group). */
  rate: number;
  /** stepwise only: rate of jumps between groups (e.g. 30 -> 30.2). */
  rate2?: number;
  /** stepwise only: relative probability of n+1 steps versus n steps. */
  range?: number;
}

/** Defaults used when a stepwise model omits them (typical settings, KINSHIP.md §A.5). */
export const STEPWISE_DEFAULTS = { rate2: 1e-6, range: 0.1 } as const;

/** The default for database searches: the most realistic of the three models. */
export const DEFAULT_SEARCH_MUTATION: MutationModel = {
  model: 'stepwise',
  rate: 0.002,
  ...STEPWISE_DEFAULTS,
};

/** Square matrix in row-major order: `at(i, j)` = P(parent allele i is transmitted as j). */
export class TransitionMatrix {
  constructor(
    readonly size: number,
    readonly values: Float64Array,
  ) {}

  static identity(size: number): TransitionMatrix {
    const values = new Float64Array(size * size);
    for (let i = 0; i < size; i++) values[i * size + i] = 1;
    return new TransitionMatrix(size, values);
  }

  at(from: number, to: number): number {
    return this.values[from * this.size + to];
  }

  times(other: TransitionMatrix): TransitionMatrix {
    const n = this.size;
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        const a = this.values[i * n + k];
        if (a === 0) continue;
        for (let j = 0; j < n; j++)
          out[i * n + j] += a * other.values[k * n + j];
      }
    }
    return new TransitionMatrix(n, out);
  }
}

/** R's `round()`: half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * pedmut's microvariant group: `(x - round(x)) * 10`, in floating point exactly as pedmut computes it.
 * Floating point makes e.g. 30.2 and 33.2 land in different groups; we keep that so LRs match forrel.
 */
function microvariantGroup(allele: number): number {
  return (allele - roundHalfEven(allele)) * 10;
}

function stepwiseRows(
  alleles: readonly number[],
  rate: number,
  rate2: number,
  range: number,
  out: Float64Array,
): void {
  const n = alleles.length;
  const groups = alleles.map(microvariantGroup);
  for (let i = 0; i < n; i++) {
    const sameGroup = groups.map((g) => g === groups[i]);
    const sameGroupCount = sameGroup.filter(Boolean).length;
    let stepTotal = 0;
    for (let j = 0; j < n; j++) {
      if (i === j) {
        out[i * n + j] =
          sameGroupCount === n
            ? 1 - rate
            : sameGroupCount === 1
              ? 1 - rate2
              : 1 - rate - rate2;
      } else if (sameGroup[j]) {
        out[i * n + j] = range ** Math.abs(alleles[i] - alleles[j]);
        stepTotal += out[i * n + j];
      } else {
        out[i * n + j] = rate2 / (n - sameGroupCount);
      }
    }
    // Within the group, scale the step weights to total `rate`.
    for (let j = 0; j < n; j++) {
      if (j !== i && sameGroup[j])
        out[i * n + j] = (out[i * n + j] / stepTotal) * rate;
    }
  }
}

/**
 * The mutation matrix of `model` over the allele list of one locus (order as given).
 * Throws a plain Error for models that cannot be built; the calculator validates before calling this.
 */
export function buildMutationMatrix(
  model: MutationModel,
  alleles: readonly string[],
  frequencies: ArrayLike<number>,
): TransitionMatrix {
  const n = alleles.length;
  if (n <= 1) return TransitionMatrix.identity(n);
  const values = new Float64Array(n * n);
  switch (model.model) {
    case 'equal':
      values.fill(model.rate / (n - 1));
      for (let i = 0; i < n; i++) values[i * n + i] = 1 - model.rate;
      break;
    case 'proportional': {
      let heterozygosity = 0;
      for (let i = 0; i < n; i++)
        heterozygosity += frequencies[i] * (1 - frequencies[i]);
      const alpha = model.rate / heterozygosity;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++)
          values[i * n + j] =
            (i === j ? 1 - alpha : 0) + alpha * frequencies[j];
      }
      break;
    }
    case 'stepwise': {
      const numeric = alleles.map(Number);
      const bad = alleles.find(
        (a, i) =>
          !Number.isFinite(numeric[i]) ||
          Math.round(numeric[i] * 10) / 10 !== numeric[i],
      );
      if (bad !== undefined)
        throw new Error(
          `stepwise model needs numeric alleles with at most one decimal, got "${bad}"`,
        );
      stepwiseRows(
        numeric,
        model.rate,
        model.rate2 ?? STEPWISE_DEFAULTS.rate2,
        model.range ?? STEPWISE_DEFAULTS.range,
        values,
      );
      break;
    }
  }
  if (values.some((v) => v < 0 || v > 1 || Number.isNaN(v))) {
    throw new Error(
      `${model.model} mutation model with rate ${model.rate} gives an impossible matrix; reduce the rate`,
    );
  }
  return new TransitionMatrix(n, values);
}
