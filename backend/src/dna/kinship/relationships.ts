import {
  type CompiledPedigree,
  compilePedigree,
  type Genotype,
  type PedigreeMember,
  type TypedRole,
} from './pedigree';

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

/** Profiles each relationship needs. In second-degree relationships `alleged` is the older generation (grandparent, uncle/aunt). */
export const REQUIRED_PROFILES: Readonly<
  Record<Relationship, readonly TypedRole[]>
> = {
  parent_child: ['child', 'alleged'],
  trio_both: ['child', 'father', 'mother'],
  trio_mother_known: ['child', 'mother', 'father'],
  full_sibling: ['child', 'alleged'],
  half_sibling: ['child', 'alleged'],
  grandparent: ['child', 'alleged'],
  avuncular: ['child', 'alleged'],
  first_cousin: ['child', 'alleged'],
};

const founder = (typedAs?: TypedRole): PedigreeMember => ({ typedAs });
const child = (
  father: number,
  mother: number,
  typedAs?: TypedRole,
): PedigreeMember => ({ father, mother, typedAs });

/** H1 pedigrees (the claimed relationship) and H2 pedigrees (KINSHIP.md §A.1). */
const HYPOTHESES: Readonly<
  Record<Relationship, { h1: PedigreeMember[]; h2: PedigreeMember[] }>
> = {
  // alleged parent, untyped other parent, child
  parent_child: {
    h1: [founder('alleged'), founder(), child(0, 1, 'child')],
    h2: unrelated('child', 'alleged'),
  },
  trio_both: {
    h1: [founder('father'), founder('mother'), child(0, 1, 'child')],
    h2: unrelated('child', 'father', 'mother'),
  },
  // H2: the mother is the mother, the father is an untyped unrelated man (§A.3).
  trio_mother_known: {
    h1: [founder('father'), founder('mother'), child(0, 1, 'child')],
    h2: [founder(), founder('mother'), child(0, 1, 'child'), founder('father')],
  },
  full_sibling: {
    h1: [founder(), founder(), child(0, 1, 'child'), child(0, 1, 'alleged')],
    h2: unrelated('child', 'alleged'),
  },
  // shared untyped parent 0, untyped other parents 1 and 2
  half_sibling: {
    h1: [
      founder(),
      founder(),
      founder(),
      child(0, 1, 'child'),
      child(0, 2, 'alleged'),
    ],
    h2: unrelated('child', 'alleged'),
  },
  // grandparent -> untyped parent -> grandchild
  grandparent: {
    h1: [
      founder('alleged'),
      founder(),
      child(0, 1),
      founder(),
      child(2, 3, 'child'),
    ],
    h2: unrelated('child', 'alleged'),
  },
  // uncle/aunt and the child's untyped parent are children of untyped grandparents
  avuncular: {
    h1: [
      founder(),
      founder(),
      child(0, 1, 'alleged'),
      child(0, 1),
      founder(),
      child(3, 4, 'child'),
    ],
    h2: unrelated('child', 'alleged'),
  },
  // the two untyped parents are full siblings
  first_cousin: {
    h1: [
      founder(),
      founder(),
      child(0, 1),
      child(0, 1),
      founder(),
      founder(),
      child(2, 4, 'child'),
      child(3, 5, 'alleged'),
    ],
    h2: unrelated('child', 'alleged'),
  },
};

function unrelated(...roles: TypedRole[]): PedigreeMember[] {
  return roles.map(founder);
}

const compiled = new Map<
  Relationship,
  { h1: CompiledPedigree; h2: CompiledPedigree }
>();

export function hypotheses(relationship: Relationship): {
  h1: CompiledPedigree;
  h2: CompiledPedigree;
} {
  let entry = compiled.get(relationship);
  if (!entry) {
    const { h1, h2 } = HYPOTHESES[relationship];
    entry = { h1: compilePedigree(h1), h2: compilePedigree(h2) };
    compiled.set(relationship, entry);
  }
  return entry;
}

const shares = (g: Genotype, allele: number): boolean =>
  g[0] === allele || g[1] === allele;

/**
 * Mendelian inconsistency at one locus, counted for the decision policy (§A.5 counting rules).
 * Only parentage relationships can be inconsistent; siblings and second-degree relatives never
 * "exclude" (§A.4), so they always count 0 (counting loci without a shared allele would make the
 * ≥ 3 exclusion rule reject true siblings).
 */
export function isMendelianInconsistent(
  relationship: Relationship,
  genotypes: Partial<Record<TypedRole, Genotype>>,
): boolean {
  const c = genotypes.child as Genotype;
  switch (relationship) {
    case 'parent_child': {
      const parent = genotypes.alleged as Genotype;
      return !shares(parent, c[0]) && !shares(parent, c[1]);
    }
    case 'trio_both':
    case 'trio_mother_known': {
      const father = genotypes.father as Genotype;
      const mother = genotypes.mother as Genotype;
      return !(
        (shares(father, c[0]) && shares(mother, c[1])) ||
        (shares(father, c[1]) && shares(mother, c[0]))
      );
    }
    default:
      return false;
  }
}
