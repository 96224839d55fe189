import { FormControl, FormGroup } from '@angular/forms';
import type { ValidationErrors, ValidatorFn } from '@angular/forms';

/** The sex marker: kept on the profile, never used in a likelihood ratio. */
export const SEX_MARKER = 'AMEL';

/** The 23 autosomal loci of the common Chinese kits; mirrors `KIT_23_LOCI` in backend/src/dna/kinship/loci.ts. */
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

/** A repeat number as the API accepts it ("9", "9.3", "30.2"); mirrors `ALLELE_PATTERN` of the profile import. */
export const ALLELE_PATTERN = /^\d{1,3}(\.\d)?$/;
const SEX_ALLELE = /^[XY]$/i;

export type LocusGroup = FormGroup<{
  a1: FormControl<string>;
  a2: FormControl<string>;
}>;
/** One person's genotypes: locus → two allele inputs. */
export type ProfileGroup = FormGroup<Record<string, LocusGroup>>;

/** Per-locus check: each allele a repeat number (X/Y at AMEL); the second one alone is not enough. */
export function locusValidator(locus: string): ValidatorFn {
  const pattern = locus === SEX_MARKER ? SEX_ALLELE : ALLELE_PATTERN;
  return (group): ValidationErrors | null => {
    const { a1, a2 } = (group as LocusGroup).getRawValue();
    const bad = [a1, a2]
      .map((a) => a.trim())
      .filter((a) => a && !pattern.test(a));
    if (bad.length) return { allele: bad[0] };
    if (!a1.trim() && a2.trim()) return { firstAllele: true };
    return null;
  };
}

export function profileGroup(loci: readonly string[]): ProfileGroup {
  const controls: Record<string, LocusGroup> = {};
  for (const locus of loci) {
    controls[locus] = new FormGroup(
      {
        a1: new FormControl('', { nonNullable: true }),
        a2: new FormControl('', { nonNullable: true }),
      },
      { validators: locusValidator(locus) },
    );
  }
  return new FormGroup(controls);
}

/**
 * The typed loci of a grid as the API takes them: `{ locus: [a1, a2] }`; a homozygote given once is sent
 * as two equal alleles, empty loci are left out. `X`/`Y` are upper-cased at AMEL.
 */
export function typedLoci(
  value: Record<string, { a1: string; a2: string }>,
): Record<string, [string, string]> {
  const loci: Record<string, [string, string]> = {};
  for (const [locus, { a1, a2 }] of Object.entries(value)) {
    const first = normaliseAllele(locus, a1);
    if (!first) continue;
    loci[locus] = [first, normaliseAllele(locus, a2) || first];
  }
  return loci;
}

function normaliseAllele(locus: string, allele: string): string {
  const trimmed = allele.trim();
  return locus === SEX_MARKER ? trimmed.toUpperCase() : trimmed;
}

/** Spellings of loci as kits and spreadsheets write them (vWA/VWA, Penta D/PENTA_D, TH01/TH-01), mapped to `loci`. */
export function matchLocus(
  name: string,
  loci: readonly string[],
): string | null {
  const compact = (s: string) => s.toUpperCase().replace(/[\s_\-.]+/g, '');
  const wanted = compact(name) === 'AMELOGENIN' ? 'AMEL' : compact(name);
  return loci.find((l) => compact(l) === wanted) ?? null;
}

export interface PastedProfile {
  loci: Record<string, [string, string]>;
  /** Lines that named no locus of the grid. */
  unknown: string[];
}

/**
 * Reads a pasted profile: JSON `{ "TH01": ["7", "9.3"] }`, or one locus a line — `TH01 7 9.3`,
 * `TH01,7,9.3`, `TH01: 7/9.3` or tab-separated as copied from a spreadsheet.
 */
export function parsePastedProfile(
  text: string,
  loci: readonly string[],
): PastedProfile {
  const result: PastedProfile = { loci: {}, unknown: [] };
  const put = (name: string, alleles: string[]) => {
    const locus = matchLocus(name, loci);
    const [a1, a2] = alleles.map((a) => a.trim()).filter(Boolean);
    if (!locus || !a1) {
      result.unknown.push(name);
      return;
    }
    result.loci[locus] = [a1, a2 ?? a1];
  };
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      parsed = null;
    }
    if (parsed && typeof parsed === 'object') {
      for (const [name, alleles] of Object.entries(parsed)) {
        put(
          name,
          Array.isArray(alleles) ? alleles.map(String) : [String(alleles)],
        );
      }
      return result;
    }
  }
  for (const line of trimmed.split(/\r?\n/)) {
    if (!line.trim()) continue;
    // Locus names may contain a space ("Penta D"), so the alleles are taken from the end of the line.
    const match =
      /^(.*?)[\s,;:\t]+([0-9XYxy.]+)(?:[\s,;/\t]+([0-9XYxy.]+))?\s*$/.exec(
        line.trim(),
      );
    if (match) put(match[1], [match[2], match[3] ?? '']);
    else result.unknown.push(line.trim());
  }
  return result;
}
