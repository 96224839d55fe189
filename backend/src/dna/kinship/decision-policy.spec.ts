import { CHINA_PATERNITY_POLICY, decideKinship } from './decision-policy';

describe('decideKinship (KINSHIP.md §A.8, default China)', () => {
  it.each([
    [10_000, 0, 'supported'],
    [1e12, 2, 'supported'],
    [1e12, 3, 'excluded'],
    [0, 5, 'excluded'],
    [9_999, 0, 'inconclusive'],
    [2_000.5, 1, 'inconclusive'],
    [2_000, 0, 'not_supported'],
    [0.3, 0, 'not_supported'],
  ] as const)(
    'LR %s with %s inconsistent loci → %s',
    (lr, inconsistentLoci, conclusion) => {
      expect(decideKinship({ lr, inconsistentLoci })).toBe(conclusion);
    },
  );

  it('takes another jurisdiction’s policy', () => {
    const us = {
      ...CHINA_PATERNITY_POLICY,
      name: 'US lab',
      supportLr: 1_000,
      exclusionInconsistentLoci: 2,
    };
    expect(decideKinship({ lr: 5_000, inconsistentLoci: 0 }, us)).toBe(
      'supported',
    );
    expect(decideKinship({ lr: 5_000, inconsistentLoci: 2 }, us)).toBe(
      'excluded',
    );
  });
});
