import {
  KIT_23_LOCI,
  locusValidator,
  matchLocus,
  parsePastedProfile,
  profileGroup,
  typedLoci,
} from './profile-form';

const LOCI = [...KIT_23_LOCI, 'AMEL'];

describe('allele validation per locus', () => {
  const errorsOf = (locus: string, a1: string, a2: string) => {
    const group = profileGroup([locus]).controls[locus];
    group.setValue({ a1, a2 });
    return group.errors;
  };

  it('accepts repeat numbers with and without a partial repeat', () => {
    expect(errorsOf('TH01', '9.3', '10')).toBeNull();
    expect(errorsOf('FGA', '30.2', '')).toBeNull();
    expect(errorsOf('D21S11', ' 31.2 ', '32')).toBeNull();
    expect(errorsOf('TH01', '', '')).toBeNull();
  });

  it('refuses what is not a repeat number, naming the allele', () => {
    expect(errorsOf('TH01', 'OL', '9')).toEqual({ allele: 'OL' });
    expect(errorsOf('TH01', '9', '9.33')).toEqual({ allele: '9.33' });
    expect(errorsOf('TH01', '9,3', '')).toEqual({ allele: '9,3' });
    expect(errorsOf('TH01', 'X', '')).toEqual({ allele: 'X' });
  });

  it('takes only X or Y at AMEL', () => {
    expect(errorsOf('AMEL', 'X', 'Y')).toBeNull();
    expect(errorsOf('AMEL', 'x', '')).toBeNull();
    expect(errorsOf('AMEL', '9', 'Y')).toEqual({ allele: '9' });
  });

  it('needs the first allele when the second is typed', () => {
    expect(errorsOf('TH01', '', '9')).toEqual({ firstAllele: true });
    expect(locusValidator('TH01')).toBeInstanceOf(Function);
  });
});

describe('typedLoci', () => {
  it('sends typed loci only, a homozygote typed once as two equal alleles, AMEL upper-cased', () => {
    expect(
      typedLoci({
        TH01: { a1: '9.3', a2: '' },
        FGA: { a1: ' 22 ', a2: '24.2' },
        vWA: { a1: '', a2: '' },
        AMEL: { a1: 'x', a2: 'y' },
      }),
    ).toEqual({ TH01: ['9.3', '9.3'], FGA: ['22', '24.2'], AMEL: ['X', 'Y'] });
  });
});

describe('matchLocus', () => {
  it('maps the spellings of kits and spreadsheets to the grid', () => {
    expect(matchLocus('VWA', LOCI)).toBe('vWA');
    expect(matchLocus('PENTA_D', LOCI)).toBe('Penta D');
    expect(matchLocus('TH-01', LOCI)).toBe('TH01');
    expect(matchLocus('Amelogenin', LOCI)).toBe('AMEL');
    expect(matchLocus('SE33', LOCI)).toBeNull();
  });
});

describe('parsePastedProfile', () => {
  it('reads one locus a line in the usual separators, names with spaces included', () => {
    const pasted = parsePastedProfile(
      'TH01 7 9.3\nFGA,22,24\nPenta D\t9\t13\nvWA: 17/18\nD8S1179 13\nAMEL X Y\nSE33 20 21\n',
      LOCI,
    );
    expect(pasted.loci).toEqual({
      TH01: ['7', '9.3'],
      FGA: ['22', '24'],
      'Penta D': ['9', '13'],
      vWA: ['17', '18'],
      D8S1179: ['13', '13'],
      AMEL: ['X', 'Y'],
    });
    expect(pasted.unknown).toEqual(['SE33']);
  });

  it('reads the JSON the calculator and the API use', () => {
    expect(
      parsePastedProfile('{"TH01": ["7", "9.3"], "PentaE": ["12"]}', LOCI).loci,
    ).toEqual({
      TH01: ['7', '9.3'],
      'Penta E': ['12', '12'],
    });
  });

  it('lists lines it cannot read instead of guessing', () => {
    expect(parsePastedProfile('Sample Name, Marker\nTH01', LOCI)).toEqual({
      loci: {},
      unknown: ['Sample Name, Marker', 'TH01'],
    });
  });
});
