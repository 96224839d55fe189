import type { FrequencyTableDetail } from './dna-api.service';
import { SEX_MARKER } from './profile-form';

export const RELATIONSHIPS = [
  'parent_child',
  'trio_both',
  'trio_mother_known',
  'full_sibling',
  'half_sibling',
  'grandparent',
  'avuncular',
  'first_cousin',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export type Person = 'child' | 'alleged' | 'mother' | 'father';

/** Whose profiles each relationship compares; mirrors `REQUIRED_PROFILES` of the kinship module. */
export const PEOPLE: Readonly<Record<Relationship, readonly Person[]>> = {
  parent_child: ['child', 'alleged'],
  trio_both: ['child', 'father', 'mother'],
  trio_mother_known: ['child', 'mother', 'father'],
  full_sibling: ['child', 'alleged'],
  half_sibling: ['child', 'alleged'],
  grandparent: ['child', 'alleged'],
  avuncular: ['child', 'alleged'],
  first_cousin: ['child', 'alleged'],
};

export const MUTATION_MODELS = [
  'none',
  'equal',
  'proportional',
  'stepwise',
] as const;
export type MutationChoice = (typeof MUTATION_MODELS)[number];

export type FrequencyRecord = Record<string, Record<string, number>>;
export type Genotypes = Record<string, [string, string]>;

export interface KinshipRequest {
  frequencies: FrequencyRecord;
  relationship: Relationship;
  mutation: {
    model: Exclude<MutationChoice, 'none'>;
    rate: number;
    rate2?: number;
    range?: number;
  } | null;
  theta: number;
  profiles: Partial<Record<Person, Genotypes>>;
}

export interface CalculatorInput {
  relationship: Relationship;
  mutation: MutationChoice;
  rate: number;
  rate2: number;
  range: number;
  theta: number;
  /** Typed loci per person (see `typedLoci`). */
  profiles: Partial<Record<Person, Genotypes>>;
  frequencies: FrequencyRecord;
}

export interface ShapedRequest {
  request: KinshipRequest;
  /** Loci typed for some but not all of the people compared: left out, as the API would refuse them. */
  skipped: string[];
}

/**
 * The calculator request from the form: only the people the relationship compares, only the loci all
 * of them are typed at (AMEL never), the frequencies of those loci, `rate2`/`range` for stepwise only.
 */
export function calculatorRequest(v: CalculatorInput): ShapedRequest {
  const people = PEOPLE[v.relationship];
  const typed = people.map((p) => v.profiles[p] ?? {});
  const all = new Set(typed.flatMap((g) => Object.keys(g)));
  all.delete(SEX_MARKER);
  const loci = [...all].filter((l) => typed.every((g) => g[l]));
  const skipped = [...all].filter((l) => !loci.includes(l));
  const profiles: Partial<Record<Person, Genotypes>> = {};
  people.forEach((p, i) => {
    profiles[p] = Object.fromEntries(loci.map((l) => [l, typed[i][l]]));
  });
  const frequencies = Object.fromEntries(
    loci.filter((l) => v.frequencies[l]).map((l) => [l, v.frequencies[l]]),
  );
  const mutation =
    v.mutation === 'none'
      ? null
      : v.mutation === 'stepwise'
        ? { model: v.mutation, rate: v.rate, rate2: v.rate2, range: v.range }
        : { model: v.mutation, rate: v.rate };
  return {
    request: {
      frequencies,
      relationship: v.relationship,
      mutation,
      theta: v.theta,
      profiles,
    },
    skipped,
  };
}

/**
 * A stored table's frequencies ready for the calculator, as the database search prepares them
 * (KINSHIP.md §A.6): alleles seen in the profiles but missing from the table are added, every
 * frequency is raised to the table's floor (fixed, or 5/2N), and each locus is scaled to sum 1.
 * Loci without a sample size under a 5/2N floor fall back to the smallest frequency of the locus.
 */
export function tableFrequencies(
  table: Pick<FrequencyTableDetail, 'floor' | 'frequencies'>,
  observed: Record<string, string[]>,
): FrequencyRecord {
  const result: FrequencyRecord = {};
  for (const locus of table.frequencies) {
    const alleles = [...locus.alleles];
    const values = [...locus.frequencies];
    for (const allele of observed[locus.locus] ?? []) {
      if (!alleles.includes(allele)) {
        alleles.push(allele);
        values.push(0);
      }
    }
    const floor =
      table.floor.kind === 'fixed'
        ? (table.floor.value ?? 0)
        : locus.sampledChromosomes
          ? 5 / locus.sampledChromosomes
          : Math.min(...locus.frequencies.filter((p) => p > 0));
    const raised = values.map((p) => Math.max(p, floor));
    const total = raised.reduce((sum, p) => sum + p, 0);
    result[locus.locus] = Object.fromEntries(
      alleles.map((a, i) => [a, raised[i] / total]),
    );
  }
  return result;
}

/** Every allele typed per locus across the people, for `tableFrequencies`. */
export function observedAlleles(
  profiles: Partial<Record<Person, Genotypes>>,
): Record<string, string[]> {
  const observed: Record<string, string[]> = {};
  for (const genotypes of Object.values(profiles)) {
    for (const [locus, pair] of Object.entries(genotypes ?? {})) {
      observed[locus] = [...new Set([...(observed[locus] ?? []), ...pair])];
    }
  }
  return observed;
}

/**
 * Loci where the genotypes break Mendel's rules (parentage relationships only), as the API counts
 * them; mirrors `isMendelianInconsistent` of the kinship module so the result table can mark them.
 */
export function inconsistentLoci(
  request: Pick<KinshipRequest, 'relationship' | 'profiles'>,
): Set<string> {
  const { relationship, profiles } = request;
  const found = new Set<string>();
  const child = profiles.child ?? {};
  const has = (g: [string, string] | undefined, allele: string) =>
    !!g && g.includes(allele);
  for (const [locus, [c1, c2]] of Object.entries(child)) {
    if (relationship === 'parent_child') {
      const parent = profiles.alleged?.[locus];
      if (!has(parent, c1) && !has(parent, c2)) found.add(locus);
    } else if (
      relationship === 'trio_both' ||
      relationship === 'trio_mother_known'
    ) {
      const father = profiles.father?.[locus];
      const mother = profiles.mother?.[locus];
      if (!(
        (has(father, c1) && has(mother, c2)) ||
        (has(father, c2) && has(mother, c1))
      ))
        found.add(locus);
    }
  }
  return found;
}

/** The table's loci in kit order (the kit's first, the rest alphabetically), without the sex marker. */
export function orderLoci(
  loci: readonly string[],
  kit: readonly string[],
): string[] {
  const rank = (l: string) => (kit.includes(l) ? kit.indexOf(l) : kit.length);
  return loci
    .filter((l) => l !== SEX_MARKER)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
