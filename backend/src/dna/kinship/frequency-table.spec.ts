import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addObservedAlleles,
  adjustFrequencyTable,
  applyFrequencyFloor,
  createFrequencyTable,
  parseFrequencyCsv,
  renormaliseFrequencies,
  toFrequencyRecord,
} from './frequency-table';

const assets = join(__dirname, '../../assets/str-frequencies');
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('parseFrequencyCsv', () => {
  const nist = parseFrequencyCsv(
    readFileSync(join(assets, 'nist1036_us_2017revised.csv'), 'utf8'),
  );
  const asian = nist.find((t) => t.population === 'Asian');

  it('reads one table per population with canonical locus names and 2N', () => {
    expect(nist.map((t) => t.population).sort()).toEqual([
      'AfAm',
      'Asian',
      'Cauc',
      'Hisp',
    ]);
    expect(Object.keys(asian?.loci ?? {})).toHaveLength(29);
    expect(asian?.loci['vWA'].sampledChromosomes).toBe(194);
    expect(asian?.loci['Penta D']).toBeDefined();
    expect(asian?.loci['TH01'].alleles).toContain('9.3');
    for (const f of Object.values(asian?.loci ?? {}))
      expect(sum(f.frequencies)).toBeCloseTo(1, 9);
  });

  it('reads norSTR (no sample sizes)', () => {
    const norstr = parseFrequencyCsv(
      readFileSync(join(assets, 'norstr_v2023.csv'), 'utf8'),
    );
    const eastAsia = norstr.find((t) => t.population === 'East Asia');
    expect(Object.keys(eastAsia?.loci ?? {})).toHaveLength(40);
    expect(eastAsia?.loci['Penta E'].sampledChromosomes).toBeNull();
  });

  it('handles quoted fields and the version depends on the content', () => {
    const csv = (f: string) =>
      `"population","marker","marker_original","allele","frequency","n_alleles"\n"P, one","VWA","VWA","14",${f},10\n"P, one","VWA","VWA","15",0.5,10\n`;
    const [a] = parseFrequencyCsv(csv('0.5'));
    const [b] = parseFrequencyCsv(csv('0.5'));
    const [c] = parseFrequencyCsv(csv('0.4'));
    expect(a.population).toBe('P, one');
    expect(a.loci['vWA'].alleles).toEqual(['14', '15']);
    expect(a.version).toBe(b.version);
    expect(a.version).not.toBe(c.version);
  });
});

describe('minimum allele frequency policy (KINSHIP.md §A.6)', () => {
  // 2N = 100 → floor 5/100 = 0.05
  const raw = createFrequencyTable('test', {
    D8S1179: {
      alleles: ['10', '11', '12'],
      frequencies: [0.02, 0.48, 0.5],
      sampledChromosomes: 100,
    },
  });

  it('step 1 adds observed but unseen alleles at frequency 0', () => {
    const t = addObservedAlleles(raw, {
      d8s1179: ['12', '13', '14'],
      AMEL: ['X'],
    });
    expect(t.loci['D8S1179'].alleles).toEqual(['10', '11', '12', '13', '14']);
    expect(t.loci['D8S1179'].frequencies).toEqual([0.02, 0.48, 0.5, 0, 0]);
  });

  it('step 2 raises frequencies below 5/(2N), or below a fixed floor', () => {
    expect(
      applyFrequencyFloor(raw, { kind: 'sampleSize' }).loci['D8S1179']
        .frequencies,
    ).toEqual([0.05, 0.48, 0.5]);
    expect(
      applyFrequencyFloor(raw, { kind: 'fixed', value: 0.1 }).loci['D8S1179']
        .frequencies,
    ).toEqual([0.1, 0.48, 0.5]);
  });

  it('step 2 needs a sample size for the 5/(2N) floor', () => {
    const noN = createFrequencyTable('x', {
      FGA: { alleles: ['20'], frequencies: [1], sampledChromosomes: null },
    });
    expect(() => applyFrequencyFloor(noN, { kind: 'sampleSize' })).toThrow(
      /fixed frequency floor/,
    );
  });

  it('step 3 renormalises each locus to 1', () => {
    const t = renormaliseFrequencies(
      applyFrequencyFloor(raw, { kind: 'sampleSize' }),
    );
    expect(t.loci['D8S1179'].frequencies.map((p) => p * 1.03)).toEqual(
      [0.05, 0.48, 0.5].map((p) => expect.closeTo(p, 15)),
    );
  });

  it('all three steps; the raw table is untouched and versions differ', () => {
    const adjusted = adjustFrequencyTable(raw, {
      floor: { kind: 'sampleSize' },
      observedAlleles: { D8S1179: ['13'] },
    });
    const f = adjusted.loci['D8S1179'];
    const total = 0.05 + 0.48 + 0.5 + 0.05;
    expect(f.frequencies).toEqual(
      [0.05, 0.48, 0.5, 0.05].map((p) => expect.closeTo(p / total, 15)),
    );
    expect(sum(f.frequencies)).toBeCloseTo(1, 15);
    expect(raw.loci['D8S1179'].frequencies).toEqual([0.02, 0.48, 0.5]);
    expect(adjusted.version).not.toBe(raw.version);
    expect(toFrequencyRecord(adjusted)).toEqual({
      D8S1179: {
        '10': f.frequencies[0],
        '11': f.frequencies[1],
        '12': f.frequencies[2],
        '13': f.frequencies[3],
      },
    });
  });
});
