import {
  buildMutationMatrix,
  type MutationModel,
  type TransitionMatrix,
} from './mutation';
import type { LocusModel } from './pedigree';

/** A locus' allele list, frequencies, θ and (lazily) the powers of its mutation matrix. */
export class LocusLikelihoodModel implements LocusModel {
  readonly frequencies: Float64Array;
  readonly alleleIndex: ReadonlyMap<string, number>;
  private readonly powers: TransitionMatrix[] = [];
  private readonly founderTables = new Map<number, Float64Array>();

  constructor(
    readonly alleles: readonly string[],
    frequencies: ArrayLike<number>,
    readonly theta: number,
    private readonly mutation: MutationModel | null,
    /** The matrix of `mutation` for these alleles, if the caller has already built it. */
    mutationMatrix?: TransitionMatrix,
  ) {
    this.frequencies = Float64Array.from(frequencies);
    this.alleleIndex = new Map(alleles.map((allele, i) => [allele, i]));
    if (mutation && mutationMatrix) this.powers.push(mutationMatrix);
  }

  transmission(meioses: number): TransitionMatrix | null {
    if (!this.mutation) return null;
    if (this.powers.length === 0)
      this.powers.push(
        buildMutationMatrix(this.mutation, this.alleles, this.frequencies),
      );
    while (this.powers.length < meioses)
      this.powers.push(
        this.powers[this.powers.length - 1].times(this.powers[0]),
      );
    return this.powers[meioses - 1];
  }

  founderTable(k1: number, k2?: number): Float64Array {
    const key = k1 * 1024 + (k2 ?? 0);
    let table = this.founderTables.get(key);
    if (!table) {
      table =
        k2 === undefined
          ? this.singleFounderTable(k1)
          : this.pairFounderTable(k1, k2);
      this.founderTables.set(key, table);
    }
    return table;
  }

  /** t[x] = Σ_a p_a M^k[a,x]. */
  private singleFounderTable(k: number): Float64Array {
    const n = this.frequencies.length;
    const m = this.transmission(k);
    if (!m) return this.frequencies;
    const table = new Float64Array(n);
    for (let a = 0; a < n; a++)
      for (let x = 0; x < n; x++) table[x] += this.frequencies[a] * m.at(a, x);
    return table;
  }

  /** t[x·n + y] = Σ_a p_a M^k1[a,x] M^k2[a,y]. */
  private pairFounderTable(k1: number, k2: number): Float64Array {
    const n = this.frequencies.length;
    const m1 = this.transmission(k1);
    const m2 = this.transmission(k2);
    const table = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      const p = this.frequencies[a];
      for (let x = 0; x < n; x++) {
        const px = p * (m1 ? m1.at(a, x) : a === x ? 1 : 0);
        if (px === 0) continue;
        for (let y = 0; y < n; y++)
          table[x * n + y] += px * (m2 ? m2.at(a, y) : a === y ? 1 : 0);
      }
    }
    return table;
  }
}
