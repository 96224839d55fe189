import { calculateKinship } from './calculate';
import { buildMutationMatrix, type MutationModel } from './mutation';
import type { Relationship } from './relationships';

/*
 * An independent, deliberately naive reference: the pedigree likelihood as a sum over the ordered genotypes
 * of every person (Elston–Stewart without peeling), founders drawn jointly by Balding–Nichols (as pedprobr's
 * likTheta), each transmission through M. The pedigrees are re-declared here from the brief, so the test also
 * checks relationships.ts.
 */
type Role = 'child' | 'alleged' | 'mother' | 'father';
interface Person {
  parents?: [number, number];
  role?: Role;
}
const F = (role?: Role): Person => ({ role });
const K = (a: number, b: number, role?: Role): Person => ({
  parents: [a, b],
  role,
});

const H1: Record<Relationship, Person[]> = {
  parent_child: [F('alleged'), F(), K(0, 1, 'child')],
  trio_both: [F('father'), F('mother'), K(0, 1, 'child')],
  trio_mother_known: [F('father'), F('mother'), K(0, 1, 'child')],
  full_sibling: [F(), F(), K(0, 1, 'child'), K(0, 1, 'alleged')],
  half_sibling: [F(), F(), F(), K(0, 1, 'child'), K(0, 2, 'alleged')],
  grandparent: [F('alleged'), F(), K(0, 1), F(), K(2, 3, 'child')],
  avuncular: [F(), F(), K(0, 1, 'alleged'), K(0, 1), F(), K(3, 4, 'child')],
  first_cousin: [
    F(),
    F(),
    K(0, 1),
    K(0, 1),
    F(),
    F(),
    K(2, 4, 'child'),
    K(3, 5, 'alleged'),
  ],
};
const H2 = (relationship: Relationship): Person[] =>
  relationship === 'trio_mother_known'
    ? [F(), F('mother'), K(0, 1, 'child'), F('father')]
    : H1[relationship].filter((p) => p.role).map((p) => F(p.role));

function bruteForceLikelihood(
  persons: Person[],
  genotypes: Partial<Record<Role, [number, number]>>,
  p: number[],
  m: (from: number, to: number) => number,
  theta: number,
): number {
  const n = p.length;
  const options = persons.map((person) => {
    if (!person.role)
      return Array.from({ length: n * n }, (_, i): [number, number] => [
        Math.floor(i / n),
        i % n,
      ]);
    const [a, b] = genotypes[person.role] as [number, number];
    return a === b
      ? [[a, b] as [number, number]]
      : [[a, b] as [number, number], [b, a] as [number, number]];
  });
  const chosen: [number, number][] = [];
  const transmit = (parent: [number, number], allele: number) =>
    (m(parent[0], allele) + m(parent[1], allele)) / 2;
  const founders = persons.flatMap((person, i) => (person.parents ? [] : [i]));
  const seen = new Float64Array(n);
  // Balding–Nichols: draw j (0-based) after `seen[a]` copies of a has probability (seen θ + (1−θ)p_a)/(1 + (j−1)θ).
  const founderProbability = (): number => {
    seen.fill(0);
    let prob = 1;
    let j = 0;
    for (const f of founders) {
      for (const a of chosen[f]) {
        prob *= (seen[a] * theta + (1 - theta) * p[a]) / (1 + (j - 1) * theta);
        seen[a]++;
        j++;
      }
    }
    return prob;
  };
  const visit = (i: number, product: number): number => {
    if (product === 0) return 0;
    if (i === persons.length) return product * founderProbability();
    let sum = 0;
    for (const g of options[i]) {
      chosen[i] = g;
      const parents = persons[i].parents;
      const factor = parents
        ? transmit(chosen[parents[0]], g[0]) *
          transmit(chosen[parents[1]], g[1])
        : 1;
      sum += visit(i + 1, product * factor);
    }
    return sum;
  };
  return visit(0, 1);
}

const ladder = { '9': 0.3, '10': 0.45, '11': 0.1, '10.2': 0.15 };
const smallLadder = { '9': 0.35, '10': 0.5, '10.2': 0.15 };

const models: (MutationModel | null)[] = [
  null,
  { model: 'equal', rate: 0.02 },
  { model: 'proportional', rate: 0.02 },
  { model: 'stepwise', rate: 0.02, rate2: 0.005, range: 0.5 },
];

function compare(
  relationship: Relationship,
  freqs: Record<string, number>,
  profiles: Partial<Record<Role, [string, string]>>,
  mutation: MutationModel | null,
  theta: number,
): void {
  const alleles = Object.keys(freqs);
  const p = Object.values(freqs);
  const matrix = mutation ? buildMutationMatrix(mutation, alleles, p) : null;
  const m = (from: number, to: number) =>
    matrix ? matrix.at(from, to) : from === to ? 1 : 0;
  const indices = Object.fromEntries(
    Object.entries(profiles).map(([role, [a, b]]) => [
      role,
      [alleles.indexOf(a), alleles.indexOf(b)],
    ]),
  ) as Partial<Record<Role, [number, number]>>;
  const expected =
    bruteForceLikelihood(H1[relationship], indices, p, m, theta) /
    bruteForceLikelihood(H2(relationship), indices, p, m, theta);
  const actual = calculateKinship({
    frequencies: { L: freqs },
    relationship,
    mutation,
    theta,
    profiles: Object.fromEntries(
      Object.entries(profiles).map(([role, g]) => [role, { L: g }]),
    ),
  }).lr;
  if (expected === 0) expect(actual).toBe(0);
  else expect(Math.abs(actual / expected - 1)).toBeLessThan(1e-10);
}

describe('pedigree likelihood equals a brute-force sum over all genotypes', () => {
  const pairs: [string, string][][] = [
    [
      ['9', '10'],
      ['10', '11'],
    ],
    [
      ['9', '9'],
      ['11', '10.2'],
    ],
    [
      ['10', '10.2'],
      ['10', '10.2'],
    ],
    [
      ['9', '9'],
      ['10', '10.2'],
    ],
  ];
  // Avuncular has four untyped persons: three alleles keep the naive sum fast.
  describe.each([
    ['parent_child', ladder],
    ['full_sibling', ladder],
    ['half_sibling', ladder],
    ['grandparent', ladder],
    ['avuncular', smallLadder],
  ] as const)('%s', (relationship, freqs) => {
    it.each(
      models.flatMap((mutation) =>
        [0, 0.03].map(
          (theta) => [mutation?.model ?? 'none', theta, mutation] as const,
        ),
      ),
    )('mutation %s, θ = %s', (_, theta, mutation) => {
      for (const [child, alleged] of pairs) {
        if (child.every((a) => a in freqs) && alleged.every((a) => a in freqs))
          compare(relationship, freqs, { child, alleged }, mutation, theta);
      }
    });
  });

  describe.each(['trio_both', 'trio_mother_known'] as const)(
    '%s',
    (relationship) => {
      it.each(
        models.flatMap((mutation) =>
          [0, 0.03].map(
            (theta) => [mutation?.model ?? 'none', theta, mutation] as const,
          ),
        ),
      )('mutation %s, θ = %s', (_, theta, mutation) => {
        compare(
          relationship,
          ladder,
          { child: ['9', '10'], father: ['10', '11'], mother: ['9', '10.2'] },
          mutation,
          theta,
        );
        compare(
          relationship,
          ladder,
          { child: ['9', '11'], father: ['10', '10'], mother: ['9', '10.2'] },
          mutation,
          theta,
        );
      });
    },
  );

  // Eight persons: one (the most general) setting on three alleles keeps the naive sum at a few seconds.
  it('first_cousin with stepwise mutation and θ = 0.03', () => {
    compare(
      'first_cousin',
      smallLadder,
      { child: ['9', '10'], alleged: ['10', '10.2'] },
      models[3],
      0.03,
    );
  });
});
