/** The sex marker. It is never used in a likelihood ratio. */
export const SEX_MARKER = 'AMEL';

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
