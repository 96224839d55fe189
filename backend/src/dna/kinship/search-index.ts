import { CombinedLikelihoodRatio } from './calculate';
import { KinshipInputError } from './errors';
import type { FrequencyTable } from './frequency-table';
import { locusLikelihoodRatio } from './likelihood-ratio';
import { isSexMarker, normaliseLocusName } from './loci';
import { LocusLikelihoodModel } from './locus-model';
import { DEFAULT_SEARCH_MUTATION, type MutationModel } from './mutation';
import type { Genotype } from './pedigree';
import { isMendelianInconsistent } from './relationships';
import { type ScanResult, scanReferences } from './search-kernel';
import { SearchWorkerPool } from './search-worker';
import type { Profile } from './validation';

/** Pairwise relationships a search can score (trios are scored per registered couple, see `searchCouples`). */
export type SearchRelationship =
  | 'parent_child'
  | 'full_sibling'
  | 'half_sibling'
  | 'grandparent'
  | 'avuncular'
  | 'first_cousin';

export interface DnaSearchIndexOptions {
  /** The adjusted table (§A.6); every allele of every profile must be in it. */
  table: FrequencyTable;
  /** Loci to index, default all loci of the table. */
  loci?: readonly string[];
  relationships?: readonly SearchRelationship[];
  /** Default stepwise(0.002, 1e-6, 0.1); null for none. */
  mutation?: MutationModel | null;
  theta?: number;
  /** Worker threads for `search`; 0 scans in-process. */
  workers?: number;
  initialCapacity?: number;
}

export interface SearchCandidate {
  referenceId: string;
  /** log10 LR per relationship; null for LR = 0. */
  log10Lr: Partial<Record<SearchRelationship, number | null>>;
  bestRelationship: SearchRelationship;
  /** Loci where child and reference share no allele (Mendelian inconsistencies if the reference is a parent). */
  inconsistentLoci: number;
  lociCompared: number;
}

export interface CoupleCandidate {
  motherId: string;
  fatherId: string;
  /** trio_both: both registered parents versus all unrelated (§A.3). */
  log10Lr: number | null;
  inconsistentLoci: number;
  lociCompared: number;
}

/**
 * Per-locus genotype code: 0 means "locus not typed"; alleles i ≤ j (indices into the table's allele list)
 * get j(j+1)/2 + i + 1. The matrix stores locusOffsets[l] + code, the entry's position in the query table,
 * so the scan needs one load per locus.
 */
export const UNTYPED = 0;
const genotypeCode = (i: number, j: number): number =>
  i <= j ? (j * (j + 1)) / 2 + i + 1 : genotypeCode(j, i);
const genotypeCount = (alleleCount: number): number =>
  (alleleCount * (alleleCount + 1)) / 2;

function decodeGenotype(code: number): Genotype {
  const c = code - 1;
  const j = Math.floor((Math.sqrt(8 * c + 1) - 1) / 2);
  return [c - (j * (j + 1)) / 2, j];
}

/** Per-query lookup tables: log10 LR for every reference genotype, per locus and relationship (§A.9). */
export class SearchQuery {
  constructor(
    /** Index (locusOffsets[l] + code) * relationshipCount + r. */
    readonly log10Lr: Float64Array,
    /** Index locusOffsets[l] + code: 1 when the child shares no allele with that genotype. */
    readonly noSharedAllele: Uint8Array,
    readonly childGenotypes: readonly (Genotype | null)[],
  ) {}
}

/** One locus's slice of a query table, for one child genotype. */
interface QueryPart {
  log10Lr: Float64Array;
  noSharedAllele: Uint8Array;
}

/** Memory for cached per-locus query tables (a few thousand child genotypes). */
const QUERY_CACHE_BYTES = 16 * 2 ** 20;

export class DnaSearchIndex {
  readonly loci: readonly string[];
  readonly relationships: readonly SearchRelationship[];
  readonly frequencyTableVersion: string;
  private readonly models: LocusLikelihoodModel[];
  private readonly locusOffsets: Int32Array;
  private readonly tableLength: number;
  private readonly pool: SearchWorkerPool | null;
  private genotypeBuffer: SharedArrayBuffer;
  private genotypes: Uint16Array;
  private readonly ids: string[] = [];
  private readonly rowOf = new Map<string, number>();
  private readonly locusPositions = new Map<string, number>();
  private readonly queryParts = new Map<number, QueryPart>();
  private queryPartBytes = 0;

  constructor(options: DnaSearchIndexOptions) {
    const { table } = options;
    this.loci = (options.loci ?? Object.keys(table.loci))
      .map(normaliseLocusName)
      .filter((l) => !isSexMarker(l));
    const unknown = this.loci.filter((locus) => !table.loci[locus]);
    if (unknown.length > 0) {
      throw new KinshipInputError(
        unknown.map((locus) => ({
          field: 'loci',
          message: `locus ${locus} is not in the table`,
        })),
      );
    }
    this.relationships = options.relationships ?? [
      'parent_child',
      'full_sibling',
    ];
    this.frequencyTableVersion = table.version;
    const mutation =
      options.mutation === undefined
        ? DEFAULT_SEARCH_MUTATION
        : options.mutation;
    this.models = this.loci.map((locus) => {
      const { alleles, frequencies } = table.loci[locus];
      return new LocusLikelihoodModel(
        alleles,
        frequencies,
        options.theta ?? 0,
        mutation,
      );
    });
    const offsets: number[] = [];
    let length = 0;
    for (const model of this.models) {
      offsets.push(length);
      length += genotypeCount(model.alleles.length) + 1;
    }
    if (length > 0x10000)
      throw new Error(
        'too many genotypes for 16-bit genotype entries; index fewer loci',
      );
    this.locusOffsets = Int32Array.from(offsets);
    this.tableLength = length;
    this.genotypeBuffer = new SharedArrayBuffer(
      Math.max(1, options.initialCapacity ?? 1024) * this.loci.length * 2,
    );
    this.genotypes = new Uint16Array(this.genotypeBuffer);
    this.pool = options.workers ? new SearchWorkerPool(options.workers) : null;
  }

  get size(): number {
    return this.ids.length;
  }

  /** Ids of the stored references, in row order. */
  get referenceIds(): readonly string[] {
    return this.ids;
  }

  /** Bytes of the genotype matrix in use (capacity may be up to twice that). */
  get genotypeBytes(): number {
    return this.size * this.loci.length * Uint16Array.BYTES_PER_ELEMENT;
  }

  /** Adds or replaces a reference. Loci outside the index and AMEL are ignored. */
  addReference(id: string, profile: Profile): void {
    const codes = this.encodeProfile(profile, `references.${id}`);
    let row = this.rowOf.get(id);
    if (row === undefined) {
      row = this.ids.length;
      this.ensureCapacity(row + 1);
      this.ids.push(id);
      this.rowOf.set(id, row);
    }
    this.genotypes.set(
      codes.map((code, l) => code + this.locusOffsets[l]),
      row * this.loci.length,
    );
  }

  /** A stored reference decoded back to a profile (indexed loci only, homozygotes as two alleles). */
  referenceProfile(id: string): Profile {
    const row = this.requireRow(id);
    const profile: Profile = {};
    this.loci.forEach((locus, l) => {
      const code = this.codeAt(row, l);
      if (code === UNTYPED) return;
      const [i, j] = decodeGenotype(code);
      profile[locus] = [this.models[l].alleles[i], this.models[l].alleles[j]];
    });
    return profile;
  }

  /** Removes a reference by moving the last row into its place. */
  removeReference(id: string): boolean {
    const row = this.rowOf.get(id);
    if (row === undefined) return false;
    const last = this.ids.length - 1;
    const L = this.loci.length;
    if (row !== last) {
      this.genotypes.copyWithin(row * L, last * L, (last + 1) * L);
      this.ids[row] = this.ids[last];
      this.rowOf.set(this.ids[row], row);
    }
    this.ids.pop();
    this.rowOf.delete(id);
    return true;
  }

  /**
   * Builds the lookup tables for one child. Reuse the result while the child, the table, the mutation
   * model and θ stay the same (`search` accepts it instead of a profile). A locus's part of the table
   * depends only on the child's genotype there, so parts are cached (common genotypes recur from one
   * child to the next); the numbers are the same either way.
   */
  prepareQuery(child: Profile): SearchQuery {
    const childCodes = this.encodeProfile(child, 'child');
    const R = this.relationships.length;
    const log10Lr = new Float64Array(this.tableLength * R);
    const noSharedAllele = new Uint8Array(this.tableLength);
    const childGenotypes = this.loci.map((_, l) =>
      childCodes[l] === UNTYPED ? null : decodeGenotype(childCodes[l]),
    );
    for (let l = 0; l < this.loci.length; l++) {
      if (childCodes[l] === UNTYPED) continue; // all entries stay 0: the locus is skipped (LR 1)
      const part = this.locusPart(l, childCodes[l]);
      // The part starts at the locus's code 1 (code 0, "untyped", keeps LR 1).
      log10Lr.set(part.log10Lr, (this.locusOffsets[l] + 1) * R);
      noSharedAllele.set(part.noSharedAllele, this.locusOffsets[l] + 1);
    }
    return new SearchQuery(log10Lr, noSharedAllele, childGenotypes);
  }

  /** Drops the cached per-locus tables (benchmarks time a query from scratch with it). */
  clearQueryCache(): void {
    this.queryParts.clear();
    this.queryPartBytes = 0;
  }

  /** log10 LR of every reference genotype at locus l (codes 1…) for one child genotype, cached (least recently used dropped). */
  private locusPart(l: number, childCode: number): QueryPart {
    const key = l * 0x10000 + childCode;
    const cached = this.queryParts.get(key);
    if (cached) {
      this.queryParts.delete(key); // re-insert: Map order is the recency order
      this.queryParts.set(key, cached);
      return cached;
    }
    const model = this.models[l];
    const R = this.relationships.length;
    const n = model.alleles.length;
    const log10Lr = new Float64Array(genotypeCount(n) * R);
    const noSharedAllele = new Uint8Array(genotypeCount(n));
    const childGenotype = decodeGenotype(childCode);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i <= j; i++) {
        const at = genotypeCode(i, j) - 1;
        const genotypes = { child: childGenotype, alleged: [i, j] as const };
        for (let r = 0; r < R; r++)
          log10Lr[at * R + r] = Math.log10(
            locusLikelihoodRatio(this.relationships[r], model, genotypes),
          );
        noSharedAllele[at] = isMendelianInconsistent('parent_child', genotypes)
          ? 1
          : 0;
      }
    }
    const part = { log10Lr, noSharedAllele };
    this.queryParts.set(key, part);
    this.queryPartBytes += log10Lr.byteLength + noSharedAllele.byteLength;
    for (const [oldest, dropped] of this.queryParts) {
      if (this.queryPartBytes <= QUERY_CACHE_BYTES) break;
      this.queryParts.delete(oldest);
      this.queryPartBytes -=
        dropped.log10Lr.byteLength + dropped.noSharedAllele.byteLength;
    }
    return part;
  }

  /** Top-k references for one query child, ranked by their best relationship; uses the worker pool if configured. */
  async search(
    child: Profile | SearchQuery,
    k = 50,
  ): Promise<SearchCandidate[]> {
    const query =
      child instanceof SearchQuery ? child : this.prepareQuery(child);
    const pool = this.pool;
    if (!pool || this.size === 0)
      return this.candidates(query, this.scan(query, 0, this.size, k), k);
    const perSlice = Math.ceil(this.size / pool.size);
    const results = await Promise.all(
      Array.from({ length: pool.size }, (_, s) =>
        pool.scan({
          genotypeBuffer: this.genotypeBuffer,
          lociCount: this.loci.length,
          start: Math.min(this.size, s * perSlice),
          end: Math.min(this.size, (s + 1) * perSlice),
          table: query.log10Lr,
          relationshipCount: this.relationships.length,
          k,
        }),
      ),
    );
    return this.candidates(query, results, k);
  }

  /** Same as `search`, always in the calling thread. */
  searchInProcess(child: Profile | SearchQuery, k = 50): SearchCandidate[] {
    const query =
      child instanceof SearchQuery ? child : this.prepareQuery(child);
    return this.candidates(query, this.scan(query, 0, this.size, k), k);
  }

  /** Trio LR (both parents alleged) for each registered couple, best k first (§A.3, §A.9). */
  searchCouples(
    child: Profile,
    couples: readonly { motherId: string; fatherId: string }[],
    k = 50,
  ): CoupleCandidate[] {
    const childCodes = this.encodeProfile(child, 'child');
    const cache = this.models.map(() => new Map<number, number>());
    const L = this.loci.length;
    const scored = couples.map(({ motherId, fatherId }): CoupleCandidate => {
      const motherRow = this.requireRow(motherId);
      const fatherRow = this.requireRow(fatherId);
      const combined = new CombinedLikelihoodRatio();
      let inconsistentLoci = 0;
      let lociCompared = 0;
      for (let l = 0; l < L; l++) {
        const motherCode = this.codeAt(motherRow, l);
        const fatherCode = this.codeAt(fatherRow, l);
        if (
          childCodes[l] === UNTYPED ||
          motherCode === UNTYPED ||
          fatherCode === UNTYPED
        )
          continue;
        const genotypes = {
          child: decodeGenotype(childCodes[l]),
          mother: decodeGenotype(motherCode),
          father: decodeGenotype(fatherCode),
        };
        const key = fatherCode * 0x10000 + motherCode;
        let lr = cache[l].get(key);
        if (lr === undefined) {
          lr = locusLikelihoodRatio('trio_both', this.models[l], genotypes);
          cache[l].set(key, lr);
        }
        combined.add(lr);
        lociCompared++;
        if (isMendelianInconsistent('trio_both', genotypes)) inconsistentLoci++;
      }
      return {
        motherId,
        fatherId,
        log10Lr: combined.log10Lr,
        inconsistentLoci,
        lociCompared,
      };
    });
    const rank = (c: CoupleCandidate): number => c.log10Lr ?? -Infinity;
    return scored.sort((a, b) => rank(b) - rank(a)).slice(0, k);
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  private codeAt(row: number, l: number): number {
    return this.genotypes[row * this.loci.length + l] - this.locusOffsets[l];
  }

  private requireRow(id: string): number {
    const row = this.rowOf.get(id);
    if (row === undefined)
      throw new KinshipInputError([
        { field: 'referenceId', message: `unknown reference ${id}` },
      ]);
    return row;
  }

  private ensureCapacity(rows: number): void {
    const needed = rows * this.loci.length;
    if (needed <= this.genotypes.length) return;
    const buffer = new SharedArrayBuffer(
      Math.max(needed, this.genotypes.length * 2) * 2,
    );
    const genotypes = new Uint16Array(buffer);
    genotypes.set(this.genotypes);
    this.genotypeBuffer = buffer;
    this.genotypes = genotypes;
  }

  /** Position of a locus (any spelling) in `loci`, or -1; memoised because every added profile asks. */
  private locusPosition(name: string): number {
    let position = this.locusPositions.get(name);
    if (position === undefined) {
      position = this.loci.indexOf(normaliseLocusName(name));
      this.locusPositions.set(name, position);
    }
    return position;
  }

  private encodeProfile(profile: Profile, field: string): Uint16Array {
    const codes = new Uint16Array(this.loci.length);
    const issues: { field: string; message: string }[] = [];
    for (const [name, alleles] of Object.entries(profile)) {
      const l = this.locusPosition(name);
      if (l < 0) continue;
      const indices = alleles.map((a) => this.models[l].alleleIndex.get(a));
      if (
        alleles.length < 1 ||
        alleles.length > 2 ||
        indices.some((i) => i === undefined)
      ) {
        issues.push({
          field: `${field}.${name}`,
          message: `alleles ${alleles.join('/')} are not all in the frequency table`,
        });
        continue;
      }
      codes[l] = genotypeCode(
        indices[0] as number,
        indices[indices.length - 1] as number,
      );
    }
    if (issues.length > 0) throw new KinshipInputError(issues);
    return codes;
  }

  private scan(
    query: SearchQuery,
    start: number,
    end: number,
    k: number,
  ): ScanResult[] {
    return [
      scanReferences(
        this.genotypes,
        this.loci.length,
        start,
        end,
        query.log10Lr,
        this.relationships.length,
        k,
      ),
    ];
  }

  /** Merges scan slices and adds per-relationship details for the k best rows. */
  private candidates(
    query: SearchQuery,
    results: ScanResult[],
    k: number,
  ): SearchCandidate[] {
    const best = results
      .flatMap((r) =>
        Array.from(r.rows, (row, i) => ({ row, score: r.scores[i] })),
      )
      .sort((a, b) => b.score - a.score || a.row - b.row)
      .slice(0, k);
    const L = this.loci.length;
    const R = this.relationships.length;
    return best.map(({ row }) => {
      const sums = new Float64Array(R);
      let inconsistentLoci = 0;
      let lociCompared = 0;
      for (let l = 0; l < L; l++) {
        const entry = this.genotypes[row * L + l];
        const code = entry - this.locusOffsets[l];
        for (let r = 0; r < R; r++) sums[r] += query.log10Lr[entry * R + r];
        if (code !== UNTYPED && query.childGenotypes[l]) {
          lociCompared++;
          inconsistentLoci += query.noSharedAllele[entry];
        }
      }
      let bestIndex = 0;
      for (let r = 1; r < R; r++) if (sums[r] > sums[bestIndex]) bestIndex = r;
      return {
        referenceId: this.ids[row],
        log10Lr: Object.fromEntries(
          this.relationships.map((rel, r) => [
            rel,
            sums[r] === -Infinity ? null : sums[r],
          ]),
        ),
        bestRelationship: this.relationships[bestIndex],
        inconsistentLoci,
        lociCompared,
      };
    });
  }
}
