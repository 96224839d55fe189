import {
  type Genotype,
  type LocusModel,
  pedigreeLikelihood,
  type TypedRole,
} from './pedigree';
import { hypotheses, type Relationship } from './relationships';

/**
 * LR = P(G | H1) / P(G | H2) at one locus (KINSHIP.md §A.1), both as pedigree likelihoods.
 * NaN when H2 itself is impossible (a known mother inconsistent with the child and no mutation model).
 */
export function locusLikelihoodRatio(
  relationship: Relationship,
  model: LocusModel,
  genotypes: Partial<Record<TypedRole, Genotype>>,
): number {
  const { h1, h2 } = hypotheses(relationship);
  return (
    pedigreeLikelihood(h1, model, genotypes) /
    pedigreeLikelihood(h2, model, genotypes)
  );
}
