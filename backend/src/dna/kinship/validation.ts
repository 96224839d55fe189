import { KinshipInputError, type KinshipInputIssue } from './errors';
import { isSexMarker, normaliseLocusName } from './loci';
import {
  buildMutationMatrix,
  type MutationModel,
  type TransitionMatrix,
} from './mutation';
import type { TypedRole } from './pedigree';
import {
  RELATIONSHIPS,
  REQUIRED_PROFILES,
  type Relationship,
} from './relationships';

/** Tolerance for "frequencies of a locus sum to 1". */
export const FREQUENCY_SUM_TOLERANCE = 1e-6;

/** A profile as JSON: alleles per locus, a homozygote may be given as one allele. */
export type Profile = Record<string, [string] | [string, string]>;

export interface KinshipInput {
  frequencies: Record<string, Record<string, number>>;
  relationship: Relationship;
  mutation?: MutationModel | null;
  theta?: number;
  profiles: Partial<Record<TypedRole, Profile>>;
}

export interface ValidLocus {
  readonly alleles: readonly string[];
  readonly frequencies: readonly number[];
  /** Built (and thereby checked) during validation when a mutation model is given. */
  mutationMatrix?: TransitionMatrix;
}

/** Input after validation: canonical locus names, homozygotes as two alleles, AMEL dropped. */
export interface ValidKinshipInput {
  readonly relationship: Relationship;
  readonly mutation: MutationModel | null;
  readonly theta: number;
  readonly loci: ReadonlyMap<string, ValidLocus>;
  readonly profiles: Readonly<
    Partial<Record<TypedRole, ReadonlyMap<string, readonly [string, string]>>>
  >;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
const SEX_ALLELES = new Set(['X', 'Y']);

function validateMutation(
  value: unknown,
  issues: KinshipInputIssue[],
): MutationModel | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) {
    issues.push({ field: 'mutation', message: 'must be an object or null' });
    return null;
  }
  const { model, rate, rate2, range } = value;
  if (model !== 'equal' && model !== 'proportional' && model !== 'stepwise') {
    issues.push({
      field: 'mutation.model',
      message: 'must be one of equal, proportional, stepwise',
    });
  }
  if (!isFiniteNumber(rate) || rate < 0 || rate > 1) {
    issues.push({
      field: 'mutation.rate',
      message: 'must be a number in [0, 1]',
    });
  }
  if (
    rate2 !== undefined &&
    (!isFiniteNumber(rate2) || rate2 < 0 || rate2 > 1)
  ) {
    issues.push({
      field: 'mutation.rate2',
      message: 'must be a number in [0, 1]',
    });
  }
  if (range !== undefined && (!isFiniteNumber(range) || range <= 0)) {
    issues.push({
      field: 'mutation.range',
      message: 'must be a positive number',
    });
  }
  if (
    model === 'stepwise' &&
    isFiniteNumber(rate) &&
    isFiniteNumber(rate2) &&
    rate + rate2 > 1
  ) {
    issues.push({
      field: 'mutation.rate2',
      message: 'rate + rate2 must not exceed 1',
    });
  }
  return value as unknown as MutationModel;
}

/** Valid loci, and the names of loci given with invalid frequencies (already reported, not "unknown"). */
function validateFrequencies(
  value: unknown,
  issues: KinshipInputIssue[],
): { loci: Map<string, ValidLocus>; invalid: Set<string> } {
  const loci = new Map<string, ValidLocus>();
  const invalid = new Set<string>();
  if (!isRecord(value)) {
    issues.push({ field: 'frequencies', message: 'must be an object of loci' });
    return { loci, invalid };
  }
  for (const [name, alleleFrequencies] of Object.entries(value)) {
    const locus = normaliseLocusName(name);
    const field = `frequencies.${name}`;
    if (isSexMarker(locus)) continue;
    invalid.add(locus); // until it passes every check below
    if (loci.has(locus)) {
      issues.push({
        field,
        message: `locus ${locus} is given twice (under different spellings)`,
      });
      invalid.delete(locus);
      continue;
    }
    if (
      !isRecord(alleleFrequencies) ||
      Object.keys(alleleFrequencies).length === 0
    ) {
      issues.push({
        field,
        message: 'must be a non-empty object of allele frequencies',
      });
      continue;
    }
    const entries = Object.entries(alleleFrequencies);
    const bad = entries.filter(([, p]) => !isFiniteNumber(p) || p < 0);
    bad.forEach(([allele]) =>
      issues.push({
        field: `${field}.${allele}`,
        message: 'must be a number ≥ 0',
      }),
    );
    if (bad.length > 0) continue;
    const sum = entries.reduce((total, [, p]) => total + (p as number), 0);
    if (Math.abs(sum - 1) > FREQUENCY_SUM_TOLERANCE) {
      issues.push({
        field,
        message: `frequencies of ${locus} sum to ${sum}, not 1 (tolerance ${FREQUENCY_SUM_TOLERANCE})`,
      });
      continue;
    }
    loci.set(locus, {
      alleles: entries.map(([allele]) => allele),
      frequencies: entries.map(([, p]) => p as number),
    });
    invalid.delete(locus);
  }
  return { loci, invalid };
}

function validateProfile(
  role: TypedRole,
  value: unknown,
  {
    loci,
    invalid,
  }: { loci: ReadonlyMap<string, ValidLocus>; invalid: ReadonlySet<string> },
  issues: KinshipInputIssue[],
): Map<string, readonly [string, string]> {
  const genotypes = new Map<string, readonly [string, string]>();
  const profileField = `profiles.${role}`;
  if (!isRecord(value)) {
    issues.push({ field: profileField, message: 'must be an object of loci' });
    return genotypes;
  }
  for (const [name, alleles] of Object.entries(value)) {
    const locus = normaliseLocusName(name);
    const field = `${profileField}.${name}`;
    if (genotypes.has(locus)) {
      issues.push({
        field,
        message: `locus ${locus} is given twice (under different spellings)`,
      });
      continue;
    }
    if (
      !Array.isArray(alleles) ||
      alleles.length < 1 ||
      alleles.length > 2 ||
      !alleles.every((a) => typeof a === 'string')
    ) {
      issues.push({
        field,
        message: 'must be an array of one or two allele strings',
      });
      continue;
    }
    if (isSexMarker(locus)) {
      if (!alleles.every((a) => SEX_ALLELES.has(a)))
        issues.push({ field, message: 'AMEL alleles must be "X" or "Y"' });
      continue;
    }
    if (invalid.has(locus)) continue;
    const frequencies = loci.get(locus);
    if (!frequencies) {
      issues.push({
        field,
        message: `unknown locus ${locus} in profile ${role}: it has no frequencies`,
      });
      continue;
    }
    const missing = alleles.filter((a) => {
      const i = frequencies.alleles.indexOf(a);
      return i < 0 || frequencies.frequencies[i] === 0;
    });
    if (missing.length > 0) {
      missing.forEach((a) =>
        issues.push({
          field,
          message: `allele ${a} at locus ${locus} has no (or zero) frequency in the given frequencies`,
        }),
      );
      continue;
    }
    genotypes.set(locus, [alleles[0], alleles[alleles.length - 1]]);
  }
  return genotypes;
}

/** Checks the whole input and throws one `KinshipInputError` listing every problem. */
export function validateKinshipInput(input: unknown): ValidKinshipInput {
  const issues: KinshipInputIssue[] = [];
  if (!isRecord(input))
    throw new KinshipInputError([
      { field: '', message: 'input must be an object' },
    ]);

  const relationship = input.relationship as Relationship;
  if (!RELATIONSHIPS.includes(relationship)) {
    issues.push({
      field: 'relationship',
      message: `must be one of ${RELATIONSHIPS.join(', ')}`,
    });
  }
  const theta = input.theta ?? 0;
  if (!isFiniteNumber(theta) || theta < 0 || theta >= 1) {
    issues.push({ field: 'theta', message: 'must be a number in [0, 1)' });
  }
  const mutation = validateMutation(input.mutation, issues);
  const frequencies = validateFrequencies(input.frequencies, issues);
  const { loci } = frequencies;

  if (mutation && issues.length === 0) {
    for (const [locus, valid] of loci) {
      try {
        valid.mutationMatrix = buildMutationMatrix(
          mutation,
          valid.alleles,
          valid.frequencies,
        );
      } catch (error) {
        issues.push({
          field: `frequencies.${locus}`,
          message: (error as Error).message,
        });
      }
    }
  }

  const profiles: Partial<
    Record<TypedRole, Map<string, readonly [string, string]>>
  > = {};
  const given = isRecord(input.profiles) ? input.profiles : {};
  if (!isRecord(input.profiles))
    issues.push({ field: 'profiles', message: 'must be an object' });
  for (const role of REQUIRED_PROFILES[relationship] ?? []) {
    if (given[role] === undefined) {
      issues.push({
        field: `profiles.${role}`,
        message: `is required for relationship ${relationship}`,
      });
    } else {
      profiles[role] = validateProfile(role, given[role], frequencies, issues);
    }
  }

  if (issues.length > 0) throw new KinshipInputError(issues);
  return { relationship, mutation, theta: theta as number, loci, profiles };
}
