import { isSexMarker, normaliseLocusName } from './loci';

describe('normaliseLocusName', () => {
  it.each([
    ['vWA', 'vWA'],
    ['VWA', 'vWA'],
    ['vwa', 'vWA'],
    ['Penta D', 'Penta D'],
    ['PENTA_D', 'Penta D'],
    ['PentaD', 'Penta D'],
    ['Penta_D', 'Penta D'],
    ['PENTA E', 'Penta E'],
    ['TH01', 'TH01'],
    ['TH-01', 'TH01'],
    ['THO1', 'TH01'],
    ['d8s1179', 'D8S1179'],
    ['D21S11', 'D21S11'],
    ['fga', 'FGA'],
    ['CSF1PO', 'CSF1PO'],
    ['tpox', 'TPOX'],
    ['D2S441', 'D2S441'],
    ['d22s1045', 'D22S1045'],
    ['se33', 'SE33'],
    ['D6S1043', 'D6S1043'],
    ['AMEL', 'AMEL'],
    ['Amelogenin', 'AMEL'],
  ])('%s → %s', (name, canonical) => {
    expect(normaliseLocusName(name)).toBe(canonical);
  });

  it('AMEL is the sex marker', () => {
    expect(isSexMarker(normaliseLocusName('amelogenin'))).toBe(true);
    expect(isSexMarker('vWA')).toBe(false);
  });
});
