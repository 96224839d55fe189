import { createHash } from 'node:crypto';
import { isSexMarker, normaliseLocusName } from './loci';

export interface LocusFrequencies {
  /** Allele labels as exact strings ("9.3", never 9.3). Together with the frequencies this is part of the mutation model (KINSHIP.md §A.5). */
  readonly alleles: readonly string[];
  readonly frequencies: readonly number[];
  /** 2N, the number of sampled chromosomes, when the source gives it. */
  readonly sampledChromosomes: number | null;
}

export interface FrequencyTable {
  readonly population: string;
  /** Keyed by canonical locus name. */
  readonly loci: Readonly<Record<string, LocusFrequencies>>;
  /** Content hash: every LR records the table it was computed with. */
  readonly version: string;
}

/** Plain JSON shape accepted by `calculateKinship`. */
export type FrequencyRecord = Record<string, Record<string, number>>;

export function createFrequencyTable(
  population: string,
  loci: Record<string, LocusFrequencies>,
): FrequencyTable {
  return { population, loci, version: frequencyTableVersion(population, loci) };
}

export function frequencyTableVersion(
  population: string,
  loci: Readonly<Record<string, LocusFrequencies>>,
): string {
  const hash = createHash('sha256').update(population);
  for (const locus of Object.keys(loci).sort()) {
    const { alleles, frequencies, sampledChromosomes } = loci[locus];
    hash.update(`\n${locus}|${sampledChromosomes ?? 'NA'}`);
    alleles.forEach((allele, i) => hash.update(`|${allele}=${frequencies[i]}`));
  }
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}

/** Splits one RFC 4180 CSV line (quoted fields, doubled quotes). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

const CSV_COLUMNS = [
  'population',
  'marker',
  'allele',
  'frequency',
  'n_alleles',
] as const;

/**
 * Parses the long-format layout of `/work/shared/data/str-frequencies/*.csv`
 * (`population,marker,marker_original,allele,frequency,n_alleles`) into one raw table per population.
 * Nothing is adjusted here; see `adjustFrequencyTable`.
 */
export function parseFrequencyCsv(csv: string): FrequencyTable[] {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = splitCsvLine(lines[0]);
  const column = Object.fromEntries(
    CSV_COLUMNS.map((name) => {
      const index = header.indexOf(name);
      if (index < 0)
        throw new Error(`Frequency CSV lacks the column "${name}"`);
      return [name, index];
    }),
  ) as Record<(typeof CSV_COLUMNS)[number], number>;

  type MutableLocus = {
    alleles: string[];
    frequencies: number[];
    sampledChromosomes: number | null;
  };
  const populations = new Map<string, Record<string, MutableLocus>>();
  lines.slice(1).forEach((line, i) => {
    const fields = splitCsvLine(line);
    const locus = normaliseLocusName(fields[column.marker]);
    const frequency = Number(fields[column.frequency]);
    const sampled =
      fields[column.n_alleles] === 'NA'
        ? null
        : Number(fields[column.n_alleles]);
    if (
      !Number.isFinite(frequency) ||
      frequency < 0 ||
      (sampled !== null && !(sampled > 0))
    ) {
      throw new Error(
        `Frequency CSV line ${i + 2}: invalid number in "${line}"`,
      );
    }
    const population = fields[column.population];
    const loci = populations.get(population) ?? {};
    populations.set(population, loci);
    const entry = (loci[locus] ??= {
      alleles: [],
      frequencies: [],
      sampledChromosomes: sampled,
    });
    entry.alleles.push(fields[column.allele]);
    entry.frequencies.push(frequency);
    // A locus' sample size is the largest one given for it (rows of one locus normally agree).
    if (sampled !== null)
      entry.sampledChromosomes = Math.max(
        entry.sampledChromosomes ?? 0,
        sampled,
      );
  });
  return [...populations].map(([population, loci]) =>
    createFrequencyTable(population, loci),
  );
}

function mapLoci(
  table: FrequencyTable,
  transform: (locus: string, frequencies: LocusFrequencies) => LocusFrequencies,
): FrequencyTable {
  const loci = Object.fromEntries(
    Object.entries(table.loci).map(([locus, f]) => [
      locus,
      transform(locus, f),
    ]),
  );
  return createFrequencyTable(table.population, loci);
}

/** Alleles seen in case profiles, keyed by (any spelling of) the locus name. */
export type ObservedAlleles = Record<string, Iterable<string>>;

/** §A.6 step 1: add every allele seen in a case profile but absent from the table, with frequency 0 (step 2 raises it). */
export function addObservedAlleles(
  table: FrequencyTable,
  observed: ObservedAlleles,
): FrequencyTable {
  const byLocus = new Map<string, Set<string>>();
  for (const [name, alleles] of Object.entries(observed)) {
    const locus = normaliseLocusName(name);
    if (isSexMarker(locus)) continue;
    if (!table.loci[locus])
      throw new Error(
        `Locus ${locus} is not in frequency table ${table.population}`,
      );
    const set = byLocus.get(locus) ?? new Set<string>();
    for (const allele of alleles) set.add(allele);
    byLocus.set(locus, set);
  }
  return mapLoci(table, (locus, f) => {
    const missing = [...(byLocus.get(locus) ?? [])].filter(
      (allele) => !f.alleles.includes(allele),
    );
    if (missing.length === 0) return f;
    return {
      alleles: [...f.alleles, ...missing],
      frequencies: [...f.frequencies, ...missing.map(() => 0)],
      sampledChromosomes: f.sampledChromosomes,
    };
  });
}

/** `sampleSize`: NRC II floor 5/(2N) (2N = sampled chromosomes). `fixed`: e.g. 0.001 as Familias/norSTR. */
export type FrequencyFloor =
  { kind: 'sampleSize'; numerator?: number } | { kind: 'fixed'; value: number };

export function frequencyFloorOf(
  floor: FrequencyFloor,
  locus: string,
  f: LocusFrequencies,
): number {
  if (floor.kind === 'fixed') return floor.value;
  if (f.sampledChromosomes === null) {
    throw new Error(
      `Locus ${locus} has no sample size; use a fixed frequency floor for this table`,
    );
  }
  return (floor.numerator ?? 5) / f.sampledChromosomes;
}

/** §A.6 step 2: raise every frequency below the floor to the floor. Sums are no longer 1 afterwards. */
export function applyFrequencyFloor(
  table: FrequencyTable,
  floor: FrequencyFloor,
): FrequencyTable {
  return mapLoci(table, (locus, f) => {
    const minimum = frequencyFloorOf(floor, locus, f);
    return {
      ...f,
      frequencies: f.frequencies.map((p) => Math.max(p, minimum)),
    };
  });
}

/** §A.6 step 3: scale each locus to sum 1 (needed for the mutation matrices to stay stochastic). */
export function renormaliseFrequencies(table: FrequencyTable): FrequencyTable {
  return mapLoci(table, (_locus, f) => {
    const total = f.frequencies.reduce((sum, p) => sum + p, 0);
    return { ...f, frequencies: f.frequencies.map((p) => p / total) };
  });
}

export interface FrequencyPolicy {
  floor: FrequencyFloor;
  observedAlleles?: ObservedAlleles;
}

/** The full §A.6 policy: add observed alleles, apply the floor, renormalise. The raw table is left untouched. */
export function adjustFrequencyTable(
  raw: FrequencyTable,
  policy: FrequencyPolicy,
): FrequencyTable {
  const withObserved = policy.observedAlleles
    ? addObservedAlleles(raw, policy.observedAlleles)
    : raw;
  return renormaliseFrequencies(
    applyFrequencyFloor(withObserved, policy.floor),
  );
}

/** The JSON shape `calculateKinship` takes. */
export function toFrequencyRecord(table: FrequencyTable): FrequencyRecord {
  return Object.fromEntries(
    Object.entries(table.loci).map(([locus, f]) => [
      locus,
      Object.fromEntries(
        f.alleles.map((allele, i) => [allele, f.frequencies[i]]),
      ),
    ]),
  );
}
