import { calculateKinship } from './calculate';
import { buildMutationMatrix, type MutationModel } from './mutation';
import type { Relationship } from './relationships';
import type { KinshipInput, Profile } from './validation';

/** |actual/expected - 1| < tolerance. */
function expectRelativelyClose(
  actual: number,
  expected: number,
  tolerance = 1e-12,
): void {
  if (expected === 0) expect(actual).toBe(0);
  else expect(Math.abs(actual / expected - 1)).toBeLessThan(tolerance);
}

// One locus "L" with alleles A..E; frequencies chosen so that no formula hides a wrong term.
const p = { A: 0.1, B: 0.2, C: 0.15, D: 0.25, E: 0.3 };
const frequencies = { L: p };
type Genotype = [string] | [string, string];

function locusLr(
  relationship: Relationship,
  profiles: Partial<
    Record<'child' | 'alleged' | 'mother' | 'father', Genotype>
  >,
  options: Pick<KinshipInput, 'theta' | 'mutation'> = {},
): number {
  const asProfiles = Object.fromEntries(
    Object.entries(profiles).map(([role, g]) => [role, { L: g } as Profile]),
  );
  return calculateKinship({
    frequencies,
    relationship,
    profiles: asProfiles,
    ...options,
  }).lr;
}

describe('parent-child duo (KINSHIP.md §A.2)', () => {
  it.each<[string, Genotype, Genotype, number]>([
    ['AA | AA', ['A', 'A'], ['A', 'A'], 1 / p.A],
    ['AA | AB', ['A'], ['A', 'B'], 1 / (2 * p.A)],
    ['AB | AA', ['A', 'B'], ['A', 'A'], 1 / (2 * p.A)],
    ['AB | AB', ['A', 'B'], ['A', 'B'], (p.A + p.B) / (4 * p.A * p.B)],
    ['AB | AC', ['A', 'B'], ['A', 'C'], 1 / (4 * p.A)],
    ['AB | CD', ['A', 'B'], ['C', 'D'], 0],
    ['AA | BC', ['A', 'A'], ['B', 'C'], 0],
  ])('C=%s', (_, child, alleged, expected) => {
    expectRelativelyClose(
      locusLr('parent_child', { child, alleged }),
      expected,
    );
  });
});

describe('trio, mother known (§A.3)', () => {
  it.each<[string, Genotype, Genotype, Genotype, number]>([
    ['AB AC BD', ['A', 'B'], ['A', 'C'], ['B', 'D'], 1 / (2 * p.B)],
    ['AB AA BB', ['A', 'B'], ['A', 'A'], ['B', 'B'], 1 / p.B],
    ['AB AB AC', ['A', 'B'], ['A', 'B'], ['A', 'C'], 1 / (2 * (p.A + p.B))],
    ['AB AB AB', ['A', 'B'], ['A', 'B'], ['A', 'B'], 1 / (p.A + p.B)],
    ['AB AC no B', ['A', 'B'], ['A', 'C'], ['C', 'D'], 0],
  ])('C M AF = %s', (_, child, mother, father, expected) => {
    expectRelativelyClose(
      locusLr('trio_mother_known', { child, mother, father }),
      expected,
    );
  });

  it('reproduces the NIJ 4-locus worked example: CPI ≈ 38.38', () => {
    // KINSHIP.md gives only the rounded per-locus PIs (2.1598, 1.0317, 3.1625, 5.4466), not the genotypes;
    // we rebuild four loci with patterns and frequencies giving those PIs and check the combined index.
    const q1 = 1 / (2 * 2.1598); // AB/AC/BD: 1/(2 p_B)
    const q2 = 1 / 1.0317; // AB/AB/AB: 1/(p_A + p_B)
    const q3 = 1 / 3.1625; // AB/AA/BB: 1/p_B
    const q4 = 1 / (2 * 5.4466); // AB/AC/BD
    const rest = (used: number) => (1 - used) / 3;
    const locus = (pA: number, pB: number) => ({
      A: pA,
      B: pB,
      C: rest(pA + pB),
      D: rest(pA + pB),
      E: rest(pA + pB),
    });
    const result = calculateKinship({
      relationship: 'trio_mother_known',
      frequencies: {
        L1: locus(0.1, q1),
        L2: locus(q2 / 2, q2 / 2),
        L3: locus(0.1, q3),
        L4: locus(0.1, q4),
      },
      profiles: {
        child: {
          L1: ['A', 'B'],
          L2: ['A', 'B'],
          L3: ['A', 'B'],
          L4: ['A', 'B'],
        },
        mother: {
          L1: ['A', 'C'],
          L2: ['A', 'B'],
          L3: ['A', 'A'],
          L4: ['A', 'C'],
        },
        father: {
          L1: ['B', 'D'],
          L2: ['A', 'B'],
          L3: ['B', 'B'],
          L4: ['B', 'D'],
        },
      },
    });
    expectRelativelyClose(result.lr, 2.1598 * 1.0317 * 3.1625 * 5.4466);
    expect(result.lr).toBeCloseTo(38.3858, 2);
    expect(result.lociCompared).toBe(4);
  });
});

describe('trio, both parents alleged (§A.3)', () => {
  it.each<[string, Genotype, Genotype, Genotype, number]>([
    ['AB AA BB', ['A', 'B'], ['A', 'A'], ['B', 'B'], 1 / (2 * p.A * p.B)],
    ['AB AC BD', ['A', 'B'], ['A', 'C'], ['B', 'D'], 1 / (8 * p.A * p.B)],
    ['AA AB AC', ['A', 'A'], ['A', 'B'], ['A', 'C'], 1 / (4 * p.A * p.A)],
    ['AB AB AB', ['A', 'B'], ['A', 'B'], ['A', 'B'], 1 / (4 * p.A * p.B)],
    ['AB CD AB', ['A', 'B'], ['C', 'D'], ['A', 'B'], 0],
  ])('C AF AM = %s', (_, child, father, mother, expected) => {
    expectRelativelyClose(
      locusLr('trio_both', { child, father, mother }),
      expected,
    );
  });

  it('equals PI(AF) · PI(AM | AF)', () => {
    const g = {
      child: ['A', 'B'] as Genotype,
      father: ['A', 'C'] as Genotype,
      mother: ['B', 'D'] as Genotype,
    };
    const duo = locusLr('parent_child', { child: g.child, alleged: g.father });
    const motherGivenFather = locusLr('trio_mother_known', {
      child: g.child,
      mother: g.father,
      father: g.mother,
    });
    expectRelativelyClose(locusLr('trio_both', g), duo * motherGivenFather);
  });
});

describe('κ relationships (§A.4)', () => {
  const fsi = (1 + p.A + p.B + 2 * p.A * p.B) / (8 * p.A * p.B);
  it.each<[string, Genotype, Genotype, number, number]>([
    ['AB AB', ['A', 'B'], ['A', 'B'], fsi, 0.5 + (p.A + p.B) / (8 * p.A * p.B)],
    [
      'AA AA',
      ['A', 'A'],
      ['A'],
      (1 + p.A) ** 2 / (4 * p.A ** 2),
      0.5 + 1 / (2 * p.A),
    ],
    [
      'AA AB',
      ['A', 'A'],
      ['A', 'B'],
      (1 + p.A) / (4 * p.A),
      0.5 + 1 / (4 * p.A),
    ],
    [
      'AB AC',
      ['A', 'B'],
      ['A', 'C'],
      (1 + 2 * p.A) / (8 * p.A),
      0.5 + 1 / (8 * p.A),
    ],
    ['AB CD', ['A', 'B'], ['C', 'D'], 0.25, 0.5],
  ])(
    'X Y = %s: FSI and HSI (= grandparent = avuncular)',
    (_, child, alleged, fullSib, halfSib) => {
      expectRelativelyClose(
        locusLr('full_sibling', { child, alleged }),
        fullSib,
      );
      for (const relationship of [
        'half_sibling',
        'grandparent',
        'avuncular',
      ] as const) {
        expectRelativelyClose(
          locusLr(relationship, { child, alleged }),
          halfSib,
        );
      }
    },
  );

  it.each<[string, Genotype, Genotype, number]>([
    ['AB AB', ['A', 'B'], ['A', 'B'], (p.A + p.B) / (4 * p.A * p.B)],
    ['AA AA', ['A', 'A'], ['A', 'A'], 1 / p.A],
    ['AB AC', ['A', 'B'], ['A', 'C'], 1 / (4 * p.A)],
    ['AB CD', ['A', 'B'], ['C', 'D'], 0],
  ])(
    'first cousins X Y = %s: ¾ + ¼·(κ1 term)',
    (_, child, alleged, ibdOneRatio) => {
      expectRelativelyClose(
        locusLr('first_cousin', { child, alleged }),
        0.75 + 0.25 * ibdOneRatio,
      );
    },
  );
});

describe('θ correction for duos (§A.7)', () => {
  const pa = (t: number, x: number) => t + (1 - t) * x;
  it.each([0.01, 0.02, 0.03])('θ = %s', (theta) => {
    const t = theta;
    expectRelativelyClose(
      locusLr(
        'parent_child',
        { child: ['A', 'B'], alleged: ['A', 'C'] },
        { theta },
      ),
      (1 + 2 * t) / (4 * pa(t, p.A)),
    );
    expectRelativelyClose(
      locusLr(
        'parent_child',
        { child: ['A', 'A'], alleged: ['A', 'A'] },
        { theta },
      ),
      (1 + 2 * t) / (3 * t + (1 - t) * p.A),
    );
    const homHet = (1 + 2 * t) / (2 * (2 * t + (1 - t) * p.A));
    expectRelativelyClose(
      locusLr(
        'parent_child',
        { child: ['A', 'A'], alleged: ['A', 'B'] },
        { theta },
      ),
      homHet,
    );
    expectRelativelyClose(
      locusLr(
        'parent_child',
        { child: ['A', 'B'], alleged: ['A', 'A'] },
        { theta },
      ),
      homHet,
    );
    expectRelativelyClose(
      locusLr(
        'parent_child',
        { child: ['A', 'B'], alleged: ['A', 'B'] },
        { theta },
      ),
      ((1 + 2 * t) * (2 * t + (1 - t) * (p.A + p.B))) /
        (4 * pa(t, p.A) * pa(t, p.B)),
    );
  });

  it('θ = 0 gives back the duo table', () => {
    expectRelativelyClose(
      locusLr(
        'parent_child',
        { child: ['A', 'B'], alleged: ['A', 'C'] },
        { theta: 0 },
      ),
      1 / (4 * p.A),
    );
  });
});

describe('mutation models in the duo (§A.2 general form; every meiosis mutates, as in forrel)', () => {
  const alleles = Object.keys(p) as (keyof typeof p)[];
  const freq = alleles.map((a) => p[a]);
  const index = (a: string) => alleles.indexOf(a as keyof typeof p);

  /** P(C | AP) / P_HW(C) with AP → C through M and the untyped parent transmitting (pM)_x. */
  function duoWithMutation(
    model: MutationModel,
    child: [string, string],
    alleged: [string, string],
  ): number {
    const m = buildMutationMatrix(model, alleles, freq);
    const fromParent = (x: string) =>
      (m.at(index(alleged[0]), index(x)) + m.at(index(alleged[1]), index(x))) /
      2;
    const fromUntyped = (x: string) =>
      freq.reduce((sum, pa, a) => sum + pa * m.at(a, index(x)), 0);
    const [a, b] = child;
    if (a === b) return (fromParent(a) * fromUntyped(a)) / freq[index(a)] ** 2;
    return (
      (fromParent(a) * fromUntyped(b) + fromParent(b) * fromUntyped(a)) /
      (2 * freq[index(a)] * freq[index(b)])
    );
  }

  it('equal(r): an exclusion scores r/(n−1) terms', () => {
    const r = 0.005;
    const model: MutationModel = { model: 'equal', rate: r };
    const lr = locusLr(
      'parent_child',
      { child: ['A', 'B'], alleged: ['C', 'D'] },
      { mutation: model },
    );
    expectRelativelyClose(lr, duoWithMutation(model, ['A', 'B'], ['C', 'D']));
    // closed form: each parent allele mutates to A or B with r/4; the untyped parent transmits (1−r)p_x + r(1−p_x)/4
    const untyped = (x: number) => (1 - r) * x + (r * (1 - x)) / 4;
    expectRelativelyClose(
      lr,
      ((r / 4) * untyped(p.B) + (r / 4) * untyped(p.A)) / (2 * p.A * p.B),
    );
  });

  it('proportional(r): stationary, so a consistent locus keeps the doc formula with M in the parent term only', () => {
    const r = 0.002;
    const alpha = r / freq.reduce((s, x) => s + x * (1 - x), 0);
    const lr = locusLr(
      'parent_child',
      { child: ['A', 'B'], alleged: ['A', 'C'] },
      { mutation: { model: 'proportional', rate: r } },
    );
    const toA = (1 - alpha + alpha * p.A + alpha * p.A) / 2;
    const toB = (alpha * p.B + alpha * p.B) / 2;
    expectRelativelyClose(lr, (toA * p.B + toB * p.A) / (2 * p.A * p.B));
  });

  it.each<[MutationModel, [string, string], [string, string]]>([
    [{ model: 'equal', rate: 0.01 }, ['A', 'A'], ['B', 'C']],
    [{ model: 'proportional', rate: 0.01 }, ['A', 'B'], ['B', 'C']],
  ])('%j matches the general form for C=%j AP=%j', (model, child, alleged) => {
    expectRelativelyClose(
      locusLr('parent_child', { child, alleged }, { mutation: model }),
      duoWithMutation(model, child, alleged),
    );
  });

  it('stepwise: one step is ~10× likelier than two (range 0.1)', () => {
    const ladder = {
      L: { '10': 0.2, '11': 0.2, '12': 0.2, '13': 0.2, '14': 0.2 },
    };
    const mutation: MutationModel = {
      model: 'stepwise',
      rate: 0.002,
      rate2: 1e-6,
      range: 0.1,
    };
    const lr = (alleged: [string, string]) =>
      calculateKinship({
        frequencies: ladder,
        relationship: 'parent_child',
        mutation,
        profiles: { child: { L: ['10', '10'] }, alleged: { L: alleged } },
      }).lr;
    const ratio = lr(['11', '11']) / lr(['12', '12']);
    expect(ratio).toBeGreaterThan(8);
    expect(ratio).toBeLessThan(12);
  });
});
