import fc from 'fast-check';
import { calculateKinship } from './calculate';
import {
  createFrequencyTable,
  type FrequencyTable,
  toFrequencyRecord,
} from './frequency-table';
import { DEFAULT_SEARCH_MUTATION, type MutationModel } from './mutation';
import {
  DnaSearchIndex,
  type DnaSearchIndexOptions,
  type SearchRelationship,
} from './search-index';
import type { Profile } from './validation';

/** A deterministic generator so failures reproduce. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function randomTable(random: () => number, lociCount: number): FrequencyTable {
  const loci = Object.fromEntries(
    Array.from({ length: lociCount }, (_, l) => {
      const n = 3 + Math.floor(random() * 8);
      const weights = Array.from({ length: n }, () => 0.05 + random());
      const total = weights.reduce((a, b) => a + b, 0);
      const alleles = weights.map((_, i) =>
        i === n - 1 ? `${9 + i - 1}.2` : String(9 + i),
      );
      return [
        `D${l + 1}S1`,
        {
          alleles,
          frequencies: weights.map((w) => w / total),
          sampledChromosomes: 200,
        },
      ];
    }),
  );
  return createFrequencyTable('random', loci);
}

function randomProfile(
  table: FrequencyTable,
  random: () => number,
  missingRate = 0.1,
): Profile {
  const profile: Profile = {};
  for (const [locus, { alleles }] of Object.entries(table.loci)) {
    if (random() < missingRate) continue;
    const pick = () => alleles[Math.floor(random() * alleles.length)];
    profile[locus] = random() < 0.2 ? [pick()] : [pick(), pick()];
  }
  return profile;
}

function calculatorLog10(
  table: FrequencyTable,
  relationship: SearchRelationship,
  child: Profile,
  alleged: Profile,
  mutation: MutationModel | null,
  theta = 0,
) {
  return calculateKinship({
    frequencies: toFrequencyRecord(table),
    relationship,
    mutation,
    theta,
    profiles: { child, alleged },
  });
}

function buildIndex(
  seed: number,
  size: number,
  options: Partial<DnaSearchIndexOptions> = {},
) {
  const random = seeded(seed);
  const table = randomTable(random, 6);
  const index = new DnaSearchIndex({ table, initialCapacity: 4, ...options });
  const references = new Map<string, Profile>();
  for (let i = 0; i < size; i++) {
    const profile = randomProfile(table, random);
    references.set(`ref-${i}`, profile);
    index.addReference(`ref-${i}`, profile);
  }
  return {
    table,
    index,
    references,
    child: randomProfile(table, random),
    random,
  };
}

describe('DnaSearchIndex', () => {
  it('scores every candidate exactly as calculateKinship does (random data, several models)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.constantFrom<[MutationModel | null, number]>(
          [DEFAULT_SEARCH_MUTATION, 0],
          [null, 0],
          [{ model: 'equal', rate: 0.005 }, 0.02],
        ),
        (seed, [mutation, theta]) => {
          const { table, index, references, child } = buildIndex(seed, 30, {
            mutation,
            theta,
          });
          const candidates = index.searchInProcess(child, 30);
          expect(candidates).toHaveLength(30);
          for (const candidate of candidates) {
            const reference = references.get(candidate.referenceId) as Profile;
            for (const relationship of [
              'parent_child',
              'full_sibling',
            ] as const) {
              expect(candidate.log10Lr[relationship]).toBe(
                calculatorLog10(
                  table,
                  relationship,
                  child,
                  reference,
                  mutation,
                  theta,
                ).log10Lr,
              );
            }
            const duo = calculatorLog10(
              table,
              'parent_child',
              child,
              reference,
              mutation,
              theta,
            );
            expect(candidate.lociCompared).toBe(duo.lociCompared);
            expect(candidate.inconsistentLoci).toBe(duo.inconsistentLoci);
          }
        },
      ),
      { numRuns: 8 },
    );
  });

  it('returns the top k by best relationship, the same as a brute-force ranking', () => {
    const { table, index, references, child } = buildIndex(7, 200);
    const brute = [...references]
      .map(([id, profile]) => {
        const scores = (['parent_child', 'full_sibling'] as const).map(
          (r) =>
            calculatorLog10(table, r, child, profile, DEFAULT_SEARCH_MUTATION)
              .log10Lr ?? -Infinity,
        );
        return { id, best: Math.max(...scores) };
      })
      .sort((a, b) => b.best - a.best);
    const top = index.searchInProcess(child, 10);
    expect(top.map((c) => c.referenceId)).toEqual(
      brute.slice(0, 10).map((b) => b.id),
    );
    for (const c of top)
      expect(c.bestRelationship).toBe(
        (c.log10Lr.parent_child ?? -Infinity) >=
          (c.log10Lr.full_sibling ?? -Infinity)
          ? 'parent_child'
          : 'full_sibling',
      );
  });

  it('builds the same query tables from its per-locus cache as from scratch', () => {
    const { table, index, child, random } = buildIndex(23, 50);
    const fresh = index.prepareQuery(child);
    // Other children fill the cache; some of their genotypes are the first child's.
    for (let i = 0; i < 20; i++)
      index.prepareQuery(randomProfile(table, random, 0));
    const cached = index.prepareQuery(child);
    expect(cached.log10Lr).toEqual(fresh.log10Lr);
    expect(cached.noSharedAllele).toEqual(fresh.noSharedAllele);
    index.clearQueryCache();
    expect(index.prepareQuery(child).log10Lr).toEqual(fresh.log10Lr);
  });

  it('breaks ties by insertion order, in-process and across worker slices', async () => {
    const { table, child } = buildIndex(19, 0);
    const index = new DnaSearchIndex({ table, workers: 2 });
    try {
      // Equal scores everywhere: the top k are the first k references, in order.
      for (let i = 0; i < 300; i++) index.addReference(`same-${i}`, child);
      const first = Array.from({ length: 7 }, (_, i) => `same-${i}`);
      expect(index.searchInProcess(child, 7).map((c) => c.referenceId)).toEqual(
        first,
      );
      expect((await index.search(child, 7)).map((c) => c.referenceId)).toEqual(
        first,
      );
    } finally {
      await index.close();
    }
  });

  it('finds planted relatives among random references', () => {
    const { table, index, random } = buildIndex(11, 300, { mutation: null });
    const father = randomProfile(table, random, 0);
    const mother = randomProfile(table, random, 0);
    const child: Profile = {};
    for (const locus of Object.keys(table.loci)) {
      const fromFather =
        father[locus][Math.floor(random() * 2) % father[locus].length];
      child[locus] = [fromFather, mother[locus][0]];
    }
    index.addReference('father', father);
    const [best] = index.searchInProcess(child, 1);
    expect(best.referenceId).toBe('father');
    expect(best.inconsistentLoci).toBe(0);
  });

  it('adds, replaces and removes references incrementally', () => {
    const { table, index, references, child } = buildIndex(3, 50);
    expect(index.size).toBe(50);
    expect(index.removeReference('ref-0')).toBe(true);
    expect(index.removeReference('ref-0')).toBe(false);
    expect(index.size).toBe(49);
    const all = index.searchInProcess(child, 100);
    expect(all.map((c) => c.referenceId)).not.toContain('ref-0');
    expect(all).toHaveLength(49);
    // the row moved into the gap keeps its genotypes
    expect(index.referenceProfile('ref-49')).toEqual(
      Object.fromEntries(
        Object.entries(references.get('ref-49') as Profile).map(([l, g]) => [
          l,
          [g[0], g[g.length - 1]].sort(byAlleleIndex(table, l)),
        ]),
      ),
    );
    index.addReference('ref-1', child);
    expect(index.size).toBe(49);
    expect(index.searchInProcess(child, 1)[0].referenceId).toBe('ref-1');
  });

  it('counts only loci typed in both; untyped loci contribute LR 1', () => {
    const { table, index } = buildIndex(5, 0, { mutation: null });
    const [first, second] = Object.keys(table.loci);
    const allele = table.loci[first].alleles[0];
    index.addReference('partial', {
      [first]: [allele],
      [second]: [table.loci[second].alleles[0]],
    });
    const [candidate] = index.searchInProcess({ [first]: [allele] }, 1);
    expect(candidate.lociCompared).toBe(1);
    expect(candidate.log10Lr.parent_child).toBeCloseTo(
      -Math.log10(table.loci[first].frequencies[0]),
      12,
    );
  });

  it('rejects alleles that are not in the table', () => {
    const { index } = buildIndex(5, 0);
    expect(() => index.addReference('x', { D1S1: ['99', '9'] })).toThrow(
      /not all in the frequency table/,
    );
  });

  it('scores registered couples with the trio LR of the calculator', () => {
    const { table, index, references, child } = buildIndex(9, 20);
    const couples = [
      { motherId: 'ref-1', fatherId: 'ref-2' },
      { motherId: 'ref-3', fatherId: 'ref-4' },
      { motherId: 'ref-5', fatherId: 'ref-6' },
    ];
    const scored = index.searchCouples(child, couples, 3);
    expect(scored).toHaveLength(3);
    for (const c of scored) {
      const expected = calculateKinship({
        frequencies: toFrequencyRecord(table),
        relationship: 'trio_both',
        mutation: DEFAULT_SEARCH_MUTATION,
        profiles: {
          child,
          mother: references.get(c.motherId),
          father: references.get(c.fatherId),
        },
      });
      expect(c.log10Lr).toBeCloseTo(expected.log10Lr as number, 10);
      expect(c.inconsistentLoci).toBe(expected.inconsistentLoci);
      expect(c.lociCompared).toBe(expected.lociCompared);
    }
    expect(() =>
      index.searchCouples(child, [{ motherId: 'nobody', fatherId: 'ref-1' }]),
    ).toThrow(/unknown reference/);
  });

  it('gives the same answer with worker threads (shared genotype matrix)', async () => {
    const { index, child } = buildIndex(13, 500, { workers: 2 });
    try {
      const pooled = await index.search(child, 20);
      expect(pooled).toEqual(index.searchInProcess(child, 20));
      index.addReference('late', child); // grows the shared buffer after the pool started
      expect((await index.search(child, 1))[0].referenceId).toBe('late');
    } finally {
      await index.close();
    }
  });

  it('can score other pairwise relationships', () => {
    const { table, index, references, child } = buildIndex(17, 20, {
      relationships: ['half_sibling', 'first_cousin', 'avuncular'],
    });
    const [c] = index.searchInProcess(child, 1);
    const reference = references.get(c.referenceId) as Profile;
    expect(c.log10Lr.avuncular).toBe(
      calculatorLog10(
        table,
        'avuncular',
        child,
        reference,
        DEFAULT_SEARCH_MUTATION,
      ).log10Lr,
    );
  });
});

/** Sort alleles in table order, as the index stores them. */
function byAlleleIndex(table: FrequencyTable, locus: string) {
  return (a: string, b: string) =>
    table.loci[locus].alleles.indexOf(a) - table.loci[locus].alleles.indexOf(b);
}
