import { calculateKinship } from './calculate';
import { KinshipInputError, type KinshipInputIssue } from './errors';
import type { KinshipInput } from './validation';

const frequencies = {
  D8S1179: { '12': 0.4, '13': 0.6 },
  vWA: { '14': 0.5, '15': 0.5 },
};
const valid: KinshipInput = {
  frequencies,
  relationship: 'parent_child',
  profiles: {
    child: { D8S1179: ['12', '13'], VWA: ['14'] },
    alleged: { d8s1179: ['12'], vwa: ['14', '15'] },
  },
};

function issuesOf(input: unknown): KinshipInputIssue[] {
  try {
    calculateKinship(input as KinshipInput);
  } catch (error) {
    expect(error).toBeInstanceOf(KinshipInputError);
    return [...(error as KinshipInputError).issues];
  }
  throw new Error('expected a KinshipInputError');
}

describe('input validation', () => {
  it('accepts any spelling of a locus and homozygotes as one allele', () => {
    const result = calculateKinship(valid);
    expect(result.lociCompared).toBe(2);
    expect(Object.keys(result.perLocus)).toEqual(['D8S1179', 'vWA']);
  });

  it('names an unknown locus and the profile it is in', () => {
    expect(
      issuesOf({
        ...valid,
        profiles: {
          ...valid.profiles,
          alleged: { ...valid.profiles.alleged, D99S1: ['1', '2'] },
        },
      }),
    ).toEqual([
      {
        field: 'profiles.alleged.D99S1',
        message:
          'unknown locus D99S1 in profile alleged: it has no frequencies',
      },
    ]);
  });

  it('names the locus and allele absent from the frequencies (no alleles are added)', () => {
    expect(
      issuesOf({
        ...valid,
        profiles: { ...valid.profiles, child: { D8S1179: ['12', '17'] } },
      }),
    ).toEqual([
      {
        field: 'profiles.child.D8S1179',
        message:
          'allele 17 at locus D8S1179 has no (or zero) frequency in the given frequencies',
      },
    ]);
  });

  it('rejects frequencies not summing to 1 within 1e-6, negative and NaN numbers', () => {
    const issues = issuesOf({
      ...valid,
      frequencies: {
        D8S1179: { '12': 0.4, '13': 0.59 },
        vWA: { '14': -0.5, '15': Number.NaN },
      },
    });
    expect(issues).toEqual([
      {
        field: 'frequencies.D8S1179',
        message: expect.stringMatching(/sum to 0\.99.*not 1/),
      },
      { field: 'frequencies.vWA.14', message: 'must be a number ≥ 0' },
      { field: 'frequencies.vWA.15', message: 'must be a number ≥ 0' },
    ]);
    expect(() =>
      calculateKinship({
        ...valid,
        frequencies: {
          ...frequencies,
          D8S1179: { '12': 0.4, '13': 0.6000005 },
        },
      }),
    ).not.toThrow();
  });

  it.each([
    ['parent_child', { child: {} }, ['profiles.alleged']],
    ['full_sibling', { alleged: {} }, ['profiles.child']],
    ['trio_both', { child: {}, father: {} }, ['profiles.mother']],
    [
      'trio_mother_known',
      { child: {} },
      ['profiles.mother', 'profiles.father'],
    ],
  ])('%s without its profiles', (relationship, profiles, fields) => {
    expect(
      issuesOf({ frequencies, relationship, profiles }).map((i) => i.field),
    ).toEqual(fields);
  });

  it('rejects θ outside [0, 1), mutation rates outside [0, 1] and unknown models or relationships', () => {
    const fields = (extra: object) =>
      issuesOf({ ...valid, ...extra }).map((i) => i.field);
    expect(fields({ theta: 1 })).toEqual(['theta']);
    expect(fields({ theta: -0.01 })).toEqual(['theta']);
    expect(fields({ theta: Number.NaN })).toEqual(['theta']);
    expect(fields({ mutation: { model: 'equal', rate: 1.5 } })).toEqual([
      'mutation.rate',
    ]);
    expect(
      fields({
        mutation: { model: 'stepwise', rate: 0.01, rate2: -1, range: 0 },
      }),
    ).toEqual(['mutation.rate2', 'mutation.range']);
    expect(fields({ mutation: { model: 'onestep', rate: 0.01 } })).toEqual([
      'mutation.model',
    ]);
    expect(fields({ relationship: 'cousin' })).toEqual(['relationship']);
  });

  it('rejects non-numeric alleles under the stepwise model', () => {
    expect(
      issuesOf({
        ...valid,
        frequencies: { ...frequencies, FGA: { A: 0.5, '20': 0.5 } },
        mutation: { model: 'stepwise', rate: 0.01 },
      }),
    ).toEqual([
      {
        field: 'frequencies.FGA',
        message: expect.stringMatching(/numeric alleles/),
      },
    ]);
  });

  it('checks AMEL alleles but never uses AMEL in the LR', () => {
    expect(
      issuesOf({
        ...valid,
        profiles: {
          ...valid.profiles,
          child: { ...valid.profiles.child, AMEL: ['X', 'Z'] },
        },
      }),
    ).toEqual([
      {
        field: 'profiles.child.AMEL',
        message: 'AMEL alleles must be "X" or "Y"',
      },
    ]);
    const withSex = {
      ...valid,
      profiles: {
        child: { ...valid.profiles.child, Amelogenin: ['X', 'Y'] },
        alleged: { ...valid.profiles.alleged, AMEL: ['X'] },
      },
    } as KinshipInput;
    expect(calculateKinship(withSex).lociCompared).toBe(2);
  });

  it('rejects a known mother inconsistent with the child when there is no mutation model', () => {
    const input: KinshipInput = {
      frequencies,
      relationship: 'trio_mother_known',
      profiles: {
        child: { vWA: ['14'] },
        mother: { vWA: ['15'] },
        father: { vWA: ['14'] },
      },
    };
    expect(issuesOf(input)).toEqual([
      {
        field: 'profiles.mother.vWA',
        message: expect.stringMatching(/inconsistent/),
      },
    ]);
    expect(
      calculateKinship({ ...input, mutation: { model: 'equal', rate: 0.002 } })
        .lr,
    ).toBeGreaterThan(0);
  });
});

describe('result fields', () => {
  it('skips loci missing in one profile, counts exclusions, log10Lr null on zero', () => {
    const result = calculateKinship({
      ...valid,
      profiles: {
        child: { D8S1179: ['12'], vWA: ['14'] },
        alleged: { D8S1179: ['13'] },
      },
    });
    expect(result).toEqual({
      lr: 0,
      log10Lr: null,
      perLocus: { D8S1179: 0 },
      inconsistentLoci: 1,
      lociCompared: 1,
      posterior: 0,
    });
  });

  it('posterior at prior 0.5 is LR/(1+LR)', () => {
    const result = calculateKinship(valid);
    expect(result.posterior).toBeCloseTo(result.lr / (1 + result.lr), 15);
    expect(result.log10Lr).toBeCloseTo(Math.log10(result.lr), 12);
  });

  it('siblings never count inconsistent loci', () => {
    const result = calculateKinship({
      ...valid,
      relationship: 'full_sibling',
      profiles: { child: { vWA: ['14'] }, alleged: { vWA: ['15'] } },
    });
    expect(result.inconsistentLoci).toBe(0);
    expect(result.lr).toBeCloseTo(0.25, 15);
  });
});
