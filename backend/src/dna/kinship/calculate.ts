import { KinshipInputError, type KinshipInputIssue } from './errors';
import { locusLikelihoodRatio } from './likelihood-ratio';
import { LocusLikelihoodModel } from './locus-model';
import type { Genotype, TypedRole } from './pedigree';
import { isMendelianInconsistent, REQUIRED_PROFILES } from './relationships';
import { type KinshipInput, validateKinshipInput } from './validation';

export interface KinshipResult {
  /** Combined LR, the product over compared loci (KINSHIP.md §A.1). */
  lr: number;
  /** Σ log10 LR per locus; null when some locus has LR = 0 (exclusion without mutation model). */
  log10Lr: number | null;
  /** LR per compared locus, keyed by canonical locus name. */
  perLocus: Record<string, number>;
  /** Loci with a Mendelian inconsistency (parentage relationships only, see `isMendelianInconsistent`). */
  inconsistentLoci: number;
  /** Loci typed in every required profile and present in the frequencies (AMEL excluded). */
  lociCompared: number;
  /** W = LR/(1+LR), the posterior at prior 0.5; meaningful for this one-to-one comparison only (§A.1). */
  posterior: number;
}

/** Running product of per-locus LRs, kept as Σ log10 plus an "exact zero" flag (§A.1). */
export class CombinedLikelihoodRatio {
  private log10Sum = 0;
  private product = 1;
  private hasZero = false;

  add(lr: number): void {
    if (lr === 0) this.hasZero = true;
    else this.log10Sum += Math.log10(lr);
    this.product *= lr;
  }

  get lr(): number {
    if (this.hasZero) return 0;
    // The plain product is exact to rounding; fall back to the log sum if it over- or underflowed.
    return Number.isFinite(this.product) && this.product > 0
      ? this.product
      : 10 ** this.log10Sum;
  }

  get log10Lr(): number | null {
    return this.hasZero ? null : this.log10Sum;
  }
}

/** Posterior probability of H1 at prior π (§A.1). */
export function posteriorProbability(lr: number, prior = 0.5): number {
  if (lr === Infinity) return 1;
  return (prior * lr) / (prior * lr + 1 - prior);
}

/** Genotypes per typed person, by locus: `[allele1, allele2]` (a homozygote written twice). */
export type TypedProfiles = Partial<Record<TypedRole, ReadonlyMap<string, readonly [string, string]>>>;

/**
 * The stateless kinship calculator: LR of `relationship` versus its H2 from the given frequencies,
 * used exactly as given (no alleles are added, no floor applied). Throws `KinshipInputError`.
 */
export function calculateKinship(input: KinshipInput): KinshipResult {
  const valid = validateKinshipInput(input);
  const models = new Map<string, LocusLikelihoodModel>();
  for (const [locus, { alleles, frequencies, mutationMatrix }] of valid.loci) {
    models.set(locus, new LocusLikelihoodModel(alleles, frequencies, valid.theta, valid.mutation, mutationMatrix));
  }
  return kinshipFromModels(valid.relationship, models, valid.profiles);
}

/**
 * The calculator's result from locus models prepared once (the database search keeps one per locus
 * for its frequency table): the same function on the same models, so the same numbers, without
 * validating and rebuilding the models for every pair. Profiles must hold only alleles of the models.
 */
export function kinshipFromModels(
  relationship: KinshipInput['relationship'],
  models: ReadonlyMap<string, LocusLikelihoodModel>,
  profiles: TypedProfiles,
): KinshipResult {
  const roles = REQUIRED_PROFILES[relationship];
  const combined = new CombinedLikelihoodRatio();
  const perLocus: Record<string, number> = {};
  let inconsistentLoci = 0;
  const impossible: KinshipInputIssue[] = [];

  for (const [locus, model] of models) {
    if (!roles.every((role) => profiles[role]?.has(locus))) continue;
    const genotypes: Partial<Record<TypedRole, Genotype>> = {};
    for (const role of roles) {
      const [a, b] = profiles[role]?.get(locus) as readonly [string, string];
      genotypes[role] = [model.alleleIndex.get(a) as number, model.alleleIndex.get(b) as number];
    }
    const lr = locusLikelihoodRatio(relationship, model, genotypes);
    if (Number.isNaN(lr)) {
      impossible.push({
        field: `profiles.mother.${locus}`,
        message: `the known mother is inconsistent with the child at ${locus}; use a mutation model`,
      });
      continue;
    }
    perLocus[locus] = lr;
    combined.add(lr);
    if (isMendelianInconsistent(relationship, genotypes)) inconsistentLoci++;
  }

  if (impossible.length > 0) throw new KinshipInputError(impossible);
  const lr = combined.lr;
  return {
    lr,
    log10Lr: combined.log10Lr,
    perLocus,
    inconsistentLoci,
    lociCompared: Object.keys(perLocus).length,
    posterior: posteriorProbability(lr),
  };
}
