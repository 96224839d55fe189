import { buildMutationMatrix, type MutationModel, type TransitionMatrix } from './mutation';
import type { LocusModel } from './pedigree';

/** A locus' allele list, frequencies, θ and (lazily) the powers of its mutation matrix. */
export class LocusLikelihoodModel implements LocusModel {
  readonly frequencies: Float64Array;
  readonly alleleIndex: ReadonlyMap<string, number>;
  private readonly powers: TransitionMatrix[] = [];

  constructor(
    readonly alleles: readonly string[],
    frequencies: ArrayLike<number>,
    readonly theta: number,
    private readonly mutation: MutationModel | null,
  ) {
    this.frequencies = Float64Array.from(frequencies);
    this.alleleIndex = new Map(alleles.map((allele, i) => [allele, i]));
  }

  transmission(meioses: number): TransitionMatrix | null {
    if (!this.mutation) return null;
    if (this.powers.length === 0) this.powers.push(buildMutationMatrix(this.mutation, this.alleles, this.frequencies));
    while (this.powers.length < meioses) this.powers.push(this.powers[this.powers.length - 1].times(this.powers[0]));
    return this.powers[meioses - 1];
  }
}
