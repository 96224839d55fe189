import {
  calculatorRequest,
  inconsistentLoci,
  observedAlleles,
  orderLoci,
  tableFrequencies,
} from './calculator-form';
import type { CalculatorInput } from './calculator-form';

const frequencies = {
  TH01: { '7': 0.5, '9.3': 0.5 },
  FGA: { '22': 0.5, '24': 0.5 },
};
const input: CalculatorInput = {
  relationship: 'parent_child',
  mutation: 'stepwise',
  rate: 0.001,
  rate2: 0.000001,
  range: 0.1,
  theta: 0.01,
  profiles: {
    child: {
      TH01: ['7', '9.3'],
      FGA: ['22', '24'],
      vWA: ['17', '18'],
      AMEL: ['X', 'Y'],
    },
    alleged: { TH01: ['9.3', '9.3'], FGA: ['22', '22'] },
    mother: { TH01: ['7', '7'] },
  },
  frequencies,
};

describe('calculatorRequest', () => {
  it('sends the relationship’s people only, loci typed for all of them, never AMEL', () => {
    const { request, skipped } = calculatorRequest(input);
    expect(request).toEqual({
      relationship: 'parent_child',
      mutation: { model: 'stepwise', rate: 0.001, rate2: 0.000001, range: 0.1 },
      theta: 0.01,
      profiles: {
        child: { TH01: ['7', '9.3'], FGA: ['22', '24'] },
        alleged: { TH01: ['9.3', '9.3'], FGA: ['22', '22'] },
      },
      frequencies,
    });
    expect(skipped).toEqual(['vWA']);
  });

  it('sends mother and father for the trios', () => {
    const { request } = calculatorRequest({
      ...input,
      relationship: 'trio_mother_known',
      profiles: { ...input.profiles, father: { TH01: ['9.3', '10'] } },
    });
    expect(Object.keys(request.profiles).sort()).toEqual([
      'child',
      'father',
      'mother',
    ]);
    expect(request.profiles.child).toEqual({ TH01: ['7', '9.3'] });
  });

  it('sends rate2 and range for stepwise only, and no model at all for none', () => {
    expect(
      calculatorRequest({ ...input, mutation: 'equal' }).request.mutation,
    ).toEqual({ model: 'equal', rate: 0.001 });
    expect(
      calculatorRequest({ ...input, mutation: 'none' }).request.mutation,
    ).toBeNull();
  });
});

describe('tableFrequencies', () => {
  const table = {
    floor: { kind: 'sampleSize' as const },
    frequencies: [
      {
        locus: 'TH01',
        sampledChromosomes: 100,
        alleles: ['7', '9.3'],
        frequencies: [0.6, 0.38],
      },
    ],
  };

  it('adds unseen alleles at 5/2N, raises to the floor and scales the locus to 1', () => {
    const f = tableFrequencies(table, { TH01: ['7', '11'] }).TH01;
    const total = 0.6 + 0.38 + 0.05;
    expect(f['7']).toBeCloseTo(0.6 / total, 12);
    expect(f['9.3']).toBeCloseTo(0.38 / total, 12);
    expect(f['11']).toBeCloseTo(0.05 / total, 12);
    expect(Object.values(f).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('uses a fixed floor when the table has one', () => {
    const f = tableFrequencies(
      { ...table, floor: { kind: 'fixed', value: 0.001 } },
      { TH01: ['12'] },
    ).TH01;
    expect(f['12']).toBeCloseTo(0.001 / 0.981, 12);
  });
});

describe('inconsistentLoci', () => {
  it('marks loci a parent cannot have passed on, as the API counts them', () => {
    expect(
      inconsistentLoci({
        relationship: 'parent_child',
        profiles: {
          child: { TH01: ['7', '9.3'], FGA: ['22', '24'] },
          alleged: { TH01: ['6', '8'], FGA: ['24', '25'] },
        },
      }),
    ).toEqual(new Set(['TH01']));
    expect(
      inconsistentLoci({
        relationship: 'trio_both',
        profiles: {
          child: { TH01: ['7', '9.3'], FGA: ['22', '24'] },
          father: { TH01: ['7', '7'], FGA: ['22', '22'] },
          mother: { TH01: ['9.3', '6'], FGA: ['22', '23'] },
        },
      }),
    ).toEqual(new Set(['FGA']));
  });

  it('marks nothing for siblings and second-degree relatives', () => {
    expect(
      inconsistentLoci({
        relationship: 'full_sibling',
        profiles: {
          child: { TH01: ['7', '8'] },
          alleged: { TH01: ['6', '6'] },
        },
      }).size,
    ).toBe(0);
  });
});

describe('helpers', () => {
  it('collects every typed allele per locus', () => {
    expect(
      observedAlleles({
        child: { TH01: ['7', '9.3'] },
        alleged: { TH01: ['9.3', '10'] },
      }),
    ).toEqual({ TH01: ['7', '9.3', '10'] });
  });
  it('orders a table’s loci as the kit, others after, without AMEL', () => {
    expect(
      orderLoci(['AMEL', 'SE33', 'FGA', 'CSF1PO', 'D1S80'], ['CSF1PO', 'FGA']),
    ).toEqual(['CSF1PO', 'FGA', 'D1S80', 'SE33']);
  });
});
