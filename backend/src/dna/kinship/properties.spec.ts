import fc from 'fast-check';
import { calculateKinship, kinshipFromModels } from './calculate';
import { LocusLikelihoodModel } from './locus-model';
import type { MutationModel } from './mutation';
import type { Relationship } from './relationships';
import type { KinshipInput, Profile } from './validation';

/** 1–4 loci, each with 2–7 integer alleles ("10", "11", ...) and random frequencies summing to 1. */
const lociArbitrary = fc.array(
  fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 7 }),
  { minLength: 1, maxLength: 4 },
);

function frequenciesOf(
  weights: number[][],
): Record<string, Record<string, number>> {
  return Object.fromEntries(
    weights.map((w, l) => {
      const total = w.reduce((a, b) => a + b, 0);
      return [
        `D${l + 1}S1`,
        Object.fromEntries(w.map((x, i) => [String(10 + i), x / total])),
      ];
    }),
  );
}

/** A case: frequencies and random genotypes for the given roles, drawn from the locus allele lists. */
const caseArbitrary = (roles: readonly string[]) =>
  lociArbitrary.chain((weights) =>
    fc
      .array(
        fc.tuple(
          ...weights.map((w) =>
            fc.tuple(fc.nat(w.length - 1), fc.nat(w.length - 1)),
          ),
        ),
        {
          minLength: roles.length,
          maxLength: roles.length,
        },
      )
      .map((genotypes) => ({
        frequencies: frequenciesOf(weights),
        profiles: Object.fromEntries(
          roles.map((role, r) => [
            role,
            Object.fromEntries(
              genotypes[r].map(([a, b], l) => [
                `D${l + 1}S1`,
                [String(10 + a), String(10 + b)],
              ]),
            ) as Profile,
          ]),
        ),
      })),
  );

const run = (
  c: {
    frequencies: KinshipInput['frequencies'];
    profiles: KinshipInput['profiles'];
  },
  relationship: Relationship,
  extra: Partial<KinshipInput> = {},
) => calculateKinship({ ...c, relationship, ...extra });

const relativelyClose = (a: number, b: number, tolerance: number) =>
  b === 0 ? a === 0 : Math.abs(a / b - 1) < tolerance;
const settings = { numRuns: 60 };

describe('properties', () => {
  it('an exclusion gives LR 0 without mutation (duo and trio)', () => {
    fc.assert(
      fc.property(caseArbitrary(['child', 'alleged', 'mother']), (c) => {
        const duo = run(c, 'parent_child');
        if (duo.inconsistentLoci > 0) expect(duo.lr).toBe(0);
        else expect(duo.lr).toBeGreaterThan(0);
        const trio = run(
          {
            ...c,
            profiles: {
              child: c.profiles.child,
              father: c.profiles.alleged,
              mother: c.profiles.mother,
            },
          },
          'trio_both',
        );
        expect(trio.lr === 0).toBe(trio.inconsistentLoci > 0);
      }),
      settings,
    );
  });

  it('the combined LR is the product of the per-locus LRs', () => {
    fc.assert(
      fc.property(
        caseArbitrary(['child', 'alleged']),
        fc.constantFrom<Relationship>(
          'parent_child',
          'full_sibling',
          'avuncular',
        ),
        (c, relationship) => {
          const result = run(c, relationship, {
            mutation: {
              model: 'stepwise',
              rate: 0.01,
              rate2: 1e-4,
              range: 0.2,
            },
          });
          const perLocus = Object.values(result.perLocus);
          expect(
            relativelyClose(
              result.lr,
              perLocus.reduce((a, b) => a * b, 1),
              1e-12,
            ),
          ).toBe(true);
          expect(result.log10Lr).toBeCloseTo(
            perLocus.reduce((a, b) => a + Math.log10(b), 0),
            10,
          );
          expect(result.lociCompared).toBe(perLocus.length);
        },
      ),
      settings,
    );
  });

  it('full/half siblings and first cousins are symmetric in X and Y (with mutation too); avuncular without mutation', () => {
    const mutation: MutationModel = { model: 'equal', rate: 0.01 };
    const cases: [Relationship, MutationModel | null][] = [
      ['full_sibling', mutation],
      ['half_sibling', mutation],
      ['first_cousin', mutation],
      ['avuncular', null],
    ];
    fc.assert(
      fc.property(
        caseArbitrary(['child', 'alleged']),
        fc.constantFrom(...cases),
        (c, [relationship, m]) => {
          const swapped = {
            ...c,
            profiles: { child: c.profiles.alleged, alleged: c.profiles.child },
          };
          expect(
            relativelyClose(
              run(swapped, relationship, { mutation: m }).lr,
              run(c, relationship, { mutation: m }).lr,
              1e-12,
            ),
          ).toBe(true);
        },
      ),
      settings,
    );
  });

  it('as the mutation rate goes to 0 the LR approaches the no-mutation LR', () => {
    fc.assert(
      fc.property(
        caseArbitrary(['child', 'alleged']),
        fc.constantFrom<Relationship>(
          'parent_child',
          'full_sibling',
          'grandparent',
          'first_cousin',
        ),
        fc.constantFrom<MutationModel['model']>(
          'equal',
          'proportional',
          'stepwise',
        ),
        (c, relationship, model) => {
          const exact = run(c, relationship).lr;
          const tiny = run(c, relationship, {
            mutation: { model, rate: 1e-10, rate2: 1e-12, range: 0.1 },
          }).lr;
          if (exact === 0) expect(tiny).toBeLessThan(1e-6);
          else expect(relativelyClose(tiny, exact, 1e-6)).toBe(true);
        },
      ),
      settings,
    );
  });

  it('θ → 0 approaches θ = 0', () => {
    fc.assert(
      fc.property(
        caseArbitrary(['child', 'alleged']),
        fc.constantFrom<Relationship>('parent_child', 'half_sibling'),
        (c, relationship) => {
          const exact = run(c, relationship).lr;
          expect(
            relativelyClose(
              run(c, relationship, { theta: 1e-10 }).lr,
              exact,
              1e-6,
            ),
          ).toBe(true);
        },
      ),
      settings,
    );
  });
});

describe('kinshipFromModels (the database search stores candidates with it)', () => {
  const stepwise: MutationModel = { model: 'stepwise', rate: 0.002, rate2: 1e-6, range: 0.1 };
  it.each<[Relationship, string[]]>([
    ['parent_child', ['child', 'alleged']],
    ['full_sibling', ['child', 'alleged']],
    ['trio_both', ['child', 'mother', 'father']],
  ])('gives the calculator’s result for %s from models prepared once', (relationship, roles) => {
    fc.assert(
      fc.property(caseArbitrary(roles), (c) => {
        const expected = calculateKinship({ frequencies: c.frequencies, relationship, mutation: stepwise, profiles: c.profiles });
        const models = new Map(
          Object.entries(c.frequencies).map(([locus, f]) => [locus, new LocusLikelihoodModel(Object.keys(f), Object.values(f), 0, stepwise)]),
        );
        const profiles = Object.fromEntries(
          Object.entries(c.profiles).map(([role, p]) => [role, new Map(Object.entries(p).map(([l, g]) => [l, [g[0], g[g.length - 1]] as const]))]),
        );
        expect(kinshipFromModels(relationship, models, profiles)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});
