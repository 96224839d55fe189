/** The sex marker. It is never used in a likelihood ratio. */
export const SEX_MARKER = 'AMEL';

/**
 * The 23 autosomal STR loci of the common Chinese 23-locus kits, as used by the demo data, the
 * fixtures and the benchmarks (AMEL aside).
 */
export const KIT_23_LOCI = [
  'CSF1PO',
  'FGA',
  'TH01',
  'TPOX',
  'vWA',
  'D3S1358',
  'D5S818',
  'D7S820',
  'D8S1179',
  'D13S317',
  'D16S539',
  'D18S51',
  'D21S11',
  'D1S1656',
  'D2S441',
  'D2S1338',
  'D10S1248',
  'D12S391',
  'D19S433',
  'D22S1045',
  'Penta D',
  'Penta E',
  'D6S1043',
] as const;

/** Canonical spellings for loci whose names are not simply upper case (key: upper case, no separators). */
const SPECIAL_NAMES: Readonly<Record<string, string>> = {
  VWA: 'vWA',
  TH01: 'TH01',
  THO1: 'TH01',
  PENTAB: 'Penta B',
  PENTAC: 'Penta C',
  PENTAD: 'Penta D',
  PENTAE: 'Penta E',
  AMEL: SEX_MARKER,
  AMELOGENIN: SEX_MARKER,
  ACTBP2: 'SE33',
  CSF1P0: 'CSF1PO',
};

/**
 * Canonical locus name: `vWA`, `TH01`, `Penta D`, `D8S1179`, `FGA`, `AMEL`, ...
 * Case, spaces, underscores and hyphens are ignored (`PENTA_D`, `Penta D`, `pentad` are the same locus).
 */
export function normaliseLocusName(name: string): string {
  const compact = name
    .trim()
    .toUpperCase()
    .replace(/[\s_\-.]+/g, '');
  return SPECIAL_NAMES[compact] ?? compact;
}

export function isSexMarker(canonicalLocus: string): boolean {
  return canonicalLocus === SEX_MARKER;
}
