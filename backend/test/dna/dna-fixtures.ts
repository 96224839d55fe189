import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import {
  adjustFrequencyTable,
  type FrequencyTable,
  parseFrequencyCsv,
  type Profile,
} from '../../src/dna/kinship';
import { KIT_23_LOCI } from '../../src/dna/kinship/loci';

export const LOCI: readonly string[] = KIT_23_LOCI;

export function nistAsian(): FrequencyTable {
  const csv = readFileSync(
    join(
      __dirname,
      '../../src/assets/str-frequencies/nist1036_us_2017revised.csv',
    ),
    'utf8',
  );
  const raw = parseFrequencyCsv(csv).find(
    (t) => t.population === 'Asian',
  ) as FrequencyTable;
  return adjustFrequencyTable(raw, { floor: { kind: 'sampleSize' } });
}

/** mulberry32: reproducible families. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function family(
  seed: number,
  table = nistAsian(),
): { father: Profile; mother: Profile; child: Profile; stranger: Profile } {
  const random = seededRandom(seed);
  const sample = (locus: string) => {
    const { alleles, frequencies } = table.loci[locus];
    let u = random();
    for (let i = 0; i < alleles.length; i++)
      if ((u -= frequencies[i]) < 0) return alleles[i];
    return alleles[alleles.length - 1];
  };
  const person = (): Profile =>
    Object.fromEntries(LOCI.map((l) => [l, [sample(l), sample(l)]]));
  const father = person();
  const mother = person();
  const pick = (p: Profile, l: string) =>
    p[l][random() < 0.5 ? 0 : 1] as string;
  const child: Profile = Object.fromEntries(
    LOCI.map((l) => [l, [pick(father, l), pick(mother, l)]]),
  );
  return { father, mother, child, stranger: person() };
}

export function longCsv(profiles: Record<string, Profile>): string {
  const lines = ['sample,locus,allele1,allele2'];
  for (const [barcode, profile] of Object.entries(profiles)) {
    for (const [locus, alleles] of Object.entries(profile))
      lines.push(`${barcode},${locus},${alleles[0]},${alleles[1] ?? ''}`);
  }
  return lines.join('\n');
}

/** A missing-child file in Taihe (341222) or elsewhere, straight into the files table. */
export async function insertCase(
  dataSource: DataSource,
  jurisdictionCode = '341222',
  assignedTo: string | null = null,
): Promise<string> {
  const [j] = await dataSource.query(
    `SELECT id, path FROM jurisdictions WHERE code = $1`,
    [jurisdictionCode],
  );
  const number = `MC-2026-${String(Math.floor(Math.random() * 900000) + 100000)}`;
  const [row] = await dataSource.query(
    `INSERT INTO cases (case_number, child_full_name, child_sex, child_birth_date_estimate, last_seen_at, last_seen_place, jurisdiction_id, jurisdiction_path, assigned_officer_id)
     VALUES ($1, '测试儿童', 'male', '2020-01-01', '2026-05-01T00:00:00Z', '太和县', $2, $3, $4) RETURNING id`,
    [number, j.id, j.path, assignedTo],
  );
  return row.id;
}

export const CONSENT = {
  givenBy: 'the donor',
  givenAt: '2026-05-01T08:00:00Z',
  scope: 'search_for_missing_children',
};
export const sampleBody = (
  barcode: string,
  extra: Record<string, unknown>,
) => ({
  barcode,
  consent: CONSENT,
  retentionUntil: '2046-06-01',
  collected: { at: '2026-05-02T08:00:00Z', location: '太和县公安局' },
  ...extra,
});
