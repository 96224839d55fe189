import { isSexMarker, normaliseLocusName, SEX_MARKER } from '../kinship';
import { splitCsvLine } from '../kinship/frequency-table';
import type { ImportProblem, ParsedProfile } from './profile.entity';

export type ProfileCsvFormat = 'long' | 'wide';

export interface ParsedProfileCsv {
  /** Data rows read (header excluded). */
  rows: number;
  /** Problems that block the commit. */
  problems: ImportProblem[];
  /** Rows flagged for review (a third allele): the import may still be committed; the locus is left out. */
  flagged: ImportProblem[];
  profiles: ParsedProfile[];
}

/** A repeat number as an exact string: "9", "9.3", "30.2", up to three digits for long-repeat loci. */
export const ALLELE_PATTERN = /^\d{1,3}(\.\d)?$/;
const SEX_ALLELES = new Set(['X', 'Y']);

function splitLine(line: string, delimiter: string): string[] {
  return (delimiter === '\t' ? line.split('\t') : splitCsvLine(line)).map((f) =>
    f.trim(),
  );
}

const compact = (name: string): string =>
  name.toLowerCase().replace(/[\s_\-.]+/g, '');

/**
 * Reads STR profiles from CSV (issue 4 §2):
 * - long form: `sample, locus, allele1, allele2` (header names are matched loosely: sample / sample barcode / barcode,
 *   locus / marker, allele1 / allele 1, …);
 * - wide GeneMapper-style export (comma or tab separated): `Sample Name, Marker, Allele 1, Allele 2, Allele 3, …`.
 * Locus names are normalised, alleles kept as exact strings, a homozygote may be written with one allele,
 * AMEL is kept as the sex marker (never compared). `knownLoci` are canonical names of loci with frequencies.
 * Row numbers are 1-based lines of the file (the header is line 1).
 */
export function parseProfileCsv(
  text: string,
  format: ProfileCsvFormat,
  knownLoci: ReadonlySet<string>,
): ParsedProfileCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problems: ImportProblem[] = [];
  const flagged: ImportProblem[] = [];
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0)
    return {
      rows: 0,
      problems: [{ row: 1, field: 'file', problem: 'the file is empty' }],
      flagged,
      profiles: [],
    };
  const delimiter = lines[headerIndex].includes('\t') ? '\t' : ',';
  const header = splitLine(lines[headerIndex], delimiter).map(compact);
  const find = (...names: string[]) =>
    header.findIndex((h) => names.includes(h));
  const sampleColumn = find(
    'sample',
    'samplename',
    'samplebarcode',
    'barcode',
    'sampleid',
  );
  const locusColumn = find('locus', 'marker', 'locusname');
  const alleleColumns: number[] = [];
  for (let n = 1; ; n++) {
    const i = find(`allele${n}`, `a${n}`);
    if (i < 0) break;
    alleleColumns.push(i);
  }
  const missing = [
    sampleColumn < 0 ? (format === 'wide' ? 'Sample Name' : 'sample') : null,
    locusColumn < 0 ? (format === 'wide' ? 'Marker' : 'locus') : null,
    alleleColumns.length < 1
      ? format === 'wide'
        ? 'Allele 1'
        : 'allele1'
      : null,
  ].filter((m): m is string => m !== null);
  if (format === 'long' && alleleColumns.length > 2)
    missing.push(
      '(long form has exactly two allele columns; use the wide format for more)',
    );
  if (missing.length > 0) {
    return {
      rows: 0,
      problems: [
        {
          row: headerIndex + 1,
          field: 'header',
          problem: `missing column(s): ${missing.join(', ')}`,
        },
      ],
      flagged,
      profiles: [],
    };
  }

  const byBarcode = new Map<
    string,
    ParsedProfile & { seen: Map<string, number> }
  >();
  let rows = 0;
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    rows++;
    const row = i + 1;
    const fields = splitLine(lines[i], delimiter);
    const barcode = fields[sampleColumn] ?? '';
    const rawLocus = fields[locusColumn] ?? '';
    if (!barcode) {
      problems.push({ row, field: 'sample', problem: 'no sample barcode' });
      continue;
    }
    if (!rawLocus) {
      problems.push({ row, field: 'locus', problem: 'no locus name' });
      continue;
    }
    const locus = normaliseLocusName(rawLocus);
    const alleles = alleleColumns
      .map((c) => fields[c] ?? '')
      .filter((a) => a !== '');
    const profile = byBarcode.get(barcode) ?? {
      barcode,
      loci: {},
      sexMarker: null,
      reviewNotes: [],
      row,
      seen: new Map<string, number>(),
    };
    byBarcode.set(barcode, profile);
    const earlier = profile.seen.get(locus);
    if (earlier !== undefined) {
      problems.push({
        row,
        field: 'locus',
        problem: `locus ${locus} of sample ${barcode} is given twice (also on row ${earlier})`,
      });
      continue;
    }
    profile.seen.set(locus, row);
    if (alleles.length === 0) continue; // not typed at this locus
    if (isSexMarker(locus)) {
      const bad = alleles.filter((a) => !SEX_ALLELES.has(a.toUpperCase()));
      if (bad.length > 0 || alleles.length > 2) {
        problems.push({
          row,
          field: 'allele1',
          problem: `${SEX_MARKER} alleles must be X or Y, got ${alleles.join('/')}`,
        });
        continue;
      }
      profile.sexMarker = [...alleles.map((a) => a.toUpperCase())]
        .sort()
        .join('');
      if (profile.sexMarker.length === 1)
        profile.sexMarker = profile.sexMarker.repeat(2);
      continue;
    }
    if (!knownLoci.has(locus)) {
      problems.push({
        row,
        field: 'locus',
        problem: `unknown locus "${rawLocus}": no frequency table has ${locus}`,
      });
      continue;
    }
    const badIndex = alleles.findIndex((a) => !ALLELE_PATTERN.test(a));
    if (badIndex >= 0) {
      const a = alleles[badIndex];
      problems.push({
        row,
        field: `allele${badIndex + 1}`,
        problem: /^OL$/i.test(a)
          ? `off-ladder allele "OL" at ${locus}: resolve it before importing`
          : `allele "${a}" at ${locus} is not a repeat number like 9, 9.3 or 30.2`,
      });
      continue;
    }
    if (alleles.length > 2) {
      const note = `${locus}: ${alleles.length} alleles (${alleles.join(', ')}), a tri-allelic pattern or a mixture — locus left out of comparisons until reviewed`;
      flagged.push({ row, field: 'allele3', problem: note, kind: 'review' });
      profile.reviewNotes.push(note);
      continue;
    }
    profile.loci[locus] = [alleles[0], alleles[alleles.length - 1]];
  }
  const profiles = [...byBarcode.values()].map((p): ParsedProfile => ({
    barcode: p.barcode,
    loci: p.loci,
    sexMarker: p.sexMarker,
    reviewNotes: p.reviewNotes,
    row: p.row,
  }));
  for (const p of profiles) {
    if (
      Object.keys(p.loci).length === 0 &&
      !problems.some((x) => x.problem.includes(p.barcode))
    ) {
      problems.push({
        row: headerIndex + 1,
        field: 'sample',
        problem: `sample ${p.barcode} has no typed STR locus`,
      });
    }
  }
  if (rows === 0)
    problems.push({
      row: headerIndex + 1,
      field: 'file',
      problem: 'the file has a header but no rows',
    });
  return { rows, problems, flagged, profiles };
}
