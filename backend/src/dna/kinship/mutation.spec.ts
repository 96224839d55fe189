import { buildMutationMatrix } from './mutation';

const rowSums = (m: ReturnType<typeof buildMutationMatrix>) =>
  Array.from({ length: m.size }, (_, i) =>
    Array.from({ length: m.size }, (_, j) => m.at(i, j)).reduce(
      (a, b) => a + b,
    ),
  );

describe('mutation matrices as pedmut defines them (KINSHIP.md §A.5)', () => {
  const alleles = ['9', '10', '11', '9.3'];
  const p = [0.2, 0.4, 0.3, 0.1];

  it('equal(r): 1−r on the diagonal, r/(n−1) elsewhere', () => {
    const m = buildMutationMatrix({ model: 'equal', rate: 0.03 }, alleles, p);
    expect(m.at(0, 0)).toBeCloseTo(0.97, 15);
    expect(m.at(0, 3)).toBeCloseTo(0.01, 15);
    rowSums(m).forEach((s) => expect(s).toBeCloseTo(1, 14));
  });

  it('proportional(r): (1−a)I + a·1pᵀ with a = r/Σp(1−p), and p is stationary', () => {
    const r = 0.01;
    const a = r / p.reduce((s, x) => s + x * (1 - x), 0);
    const m = buildMutationMatrix(
      { model: 'proportional', rate: r },
      alleles,
      p,
    );
    expect(m.at(1, 1)).toBeCloseTo(1 - a + a * p[1], 15);
    expect(m.at(1, 2)).toBeCloseTo(a * p[2], 15);
    const pM = p.map((_, j) => p.reduce((s, pi, i) => s + pi * m.at(i, j), 0));
    pM.forEach((x, j) => expect(x).toBeCloseTo(p[j], 15));
    // the expected mutation rate Σ p_i (1 − M[i,i]) is r
    expect(p.reduce((s, pi, i) => s + pi * (1 - m.at(i, i)), 0)).toBeCloseTo(
      r,
      15,
    );
  });

  it('proportional: an impossible rate is rejected', () => {
    expect(() =>
      buildMutationMatrix(
        { model: 'proportional', rate: 0.5 },
        ['1', '2'],
        [0.9, 0.1],
      ),
    ).toThrow(/impossible/);
  });

  it('stepwise(r, r2, range): steps ∝ range^|i−j| within a group, r2 shared across groups', () => {
    const [r, r2, range] = [0.002, 1e-4, 0.1];
    const m = buildMutationMatrix(
      { model: 'stepwise', rate: r, rate2: r2, range },
      alleles,
      p,
    );
    // allele 10: integer neighbours 9 and 11 at one step each, 9.3 in the other group
    expect(m.at(1, 1)).toBeCloseTo(1 - r - r2, 15);
    expect(m.at(1, 0)).toBeCloseTo(r / 2, 15);
    expect(m.at(1, 2)).toBeCloseTo(r / 2, 15);
    expect(m.at(1, 3)).toBeCloseTo(r2, 15);
    // allele 9: one and two steps
    expect(m.at(0, 1)).toBeCloseTo((r * range) / (range + range ** 2), 15);
    expect(m.at(0, 2)).toBeCloseTo((r * range ** 2) / (range + range ** 2), 15);
    // 9.3 is alone in its group: diagonal 1 − r2, r2 split over the 3 integer alleles
    expect(m.at(3, 3)).toBeCloseTo(1 - r2, 15);
    expect(m.at(3, 0)).toBeCloseTo(r2 / 3, 15);
    rowSums(m).forEach((s) => expect(s).toBeCloseTo(1, 14));
  });

  it('stepwise: all alleles in one group gives 1−r on the diagonal', () => {
    const m = buildMutationMatrix(
      { model: 'stepwise', rate: 0.01, rate2: 0.001, range: 0.5 },
      ['8', '9', '10'],
      [0.3, 0.3, 0.4],
    );
    expect(m.at(0, 0)).toBeCloseTo(0.99, 15);
    rowSums(m).forEach((s) => expect(s).toBeCloseTo(1, 14));
  });

  it('stepwise: microvariant groups are computed in floating point as pedmut does (30.2 and 33.2 differ)', () => {
    // pedmut: microgroup = (x − round(x))·10, compared exactly. 33.2 gives 2.0000000000000284, 30.2 gives 1.999999999999993.
    const m = buildMutationMatrix(
      { model: 'stepwise', rate: 0.002, rate2: 1e-6, range: 0.1 },
      ['30', '30.2', '33.2'],
      [0.4, 0.3, 0.3],
    );
    expect(m.at(1, 1)).toBeCloseTo(1 - 1e-6, 15);
    expect(m.at(1, 2)).toBeCloseTo(1e-6 / 2, 18);
  });

  it('stepwise needs numeric alleles', () => {
    expect(() =>
      buildMutationMatrix(
        { model: 'stepwise', rate: 0.01, rate2: 0, range: 0.1 },
        ['9', 'X'],
        [0.5, 0.5],
      ),
    ).toThrow(/numeric/);
  });

  it('a single allele gives the identity', () => {
    expect(
      buildMutationMatrix({ model: 'equal', rate: 0.5 }, ['9'], [1]).at(0, 0),
    ).toBe(1);
  });
});
