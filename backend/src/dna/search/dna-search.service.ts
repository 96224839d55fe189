import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AccessContext, SystemContext } from '../../access/actor';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import { JobQueue } from '../../jobs/job-queue.service';
import {
  floorOf,
  FrequencyTablesService,
  rawTableOf,
} from '../frequency-tables/frequency-tables.service';
import type { FrequencyTableEntity } from '../frequency-tables/frequency-table.entity';
import {
  adjustFrequencyTable,
  CHINA_PATERNITY_POLICY,
  decideKinship,
  DEFAULT_SEARCH_MUTATION,
  DnaSearchIndex,
  type FrequencyTable,
  kinshipFromModels,
  type KinshipResult,
  type Profile,
  type SearchRelationship,
  type TypedProfiles,
} from '../kinship';
import { locusLikelihoodRatio } from '../kinship/likelihood-ratio';
import { LocusLikelihoodModel } from '../kinship/locus-model';
import {
  KinshipMatchEntity,
  type MatchModel,
  type MatchRelationship,
} from '../matches/kinship-match.entity';

/**
 * Candidates are stored when their LR reaches the decision policy's reporting range (inconclusive or
 * better, issue 4 §5): a million unrelated references always yield a top 50 above small LRs.
 */
export const CANDIDATE_FLOOR_LOG10 = Math.log10(
  CHINA_PATERNITY_POLICY.inconclusiveLr,
);
/** The job that searches committed profiles in the background (issue 4 §5). */
export const DNA_SEARCH_JOB = 'dna.search';
/** How many candidates per side one search keeps before the floor. */
const TOP_K = 50;
/** Below this many references the scan runs in the calling thread (a worker round trip costs more). */
const WORKER_THRESHOLD = 50_000;
/** Profiles read from PostgreSQL per query when the index loads or catches up. */
const LOAD_BATCH = 20_000;
/** How often a replica looks for profiles committed elsewhere (and for unsearched ones). */
const POLL_MS = 15_000;
const PAIR_RELATIONSHIPS: ('parent_child' | 'full_sibling')[] = [
  'parent_child',
  'full_sibling',
];

/** The sample behind one side of a stored candidate. */
interface SampleRef {
  sampleId: string;
  caseId: string | null;
  jurisdictionPath: string;
}

interface Couple {
  motherId: string;
  fatherId: string;
}

interface SearchedSample extends SampleRef {
  kind: 'family_reference' | 'child';
  donorRelationship: string | null;
  profile: Profile;
}

/**
 * Only typed-array genotypes and sample ids stay in memory (profiles are decoded from the index when a
 * candidate is stored; file and jurisdiction are read from PostgreSQL for stored candidates only).
 */
interface SearchState {
  table: FrequencyTableEntity;
  adjusted: FrequencyTable;
  /** Family references, searched for every new child. */
  index: DnaSearchIndex;
  /** Children's profiles (few), scored against every new reference. */
  children: DnaSearchIndex;
  /** One model per indexed locus, for scoring a new reference against every child (roles as in the index). */
  models: LocusLikelihoodModel[];
  /** The same models by locus: stored candidates get the calculator's result from them (`kinshipFromModels`). */
  modelsByLocus: ReadonlyMap<string, LocusLikelihoodModel>;
  lastSeq: string;
  /** Files with a mother's or father's reference: both are the file's couple (§A.9). */
  parentsByCase: Map<string, { mother?: string; father?: string }>;
}

interface ProfileRow {
  seq: string;
  sample_id: string;
  kind: 'family_reference' | 'child';
  donor_relationship: string | null;
  case_id: string | null;
  loci: Record<string, string[]>;
}

const SYSTEM: SystemContext = { actor: null, ip: null, requestId: null };
const bestOf = (
  log10: Partial<Record<SearchRelationship, number | null>>,
): number => Math.max(...PAIR_RELATIONSHIPS.map((r) => log10[r] ?? -Infinity));

/**
 * Profiles read in one pass before the adjusted table is known: the table depends on every allele
 * observed (§A.6), so alleles are staged as small per-locus numbers and replayed into the index after.
 */
class StagedProfiles {
  readonly ids: string[] = [];
  childCount = 0;
  private kinds = new Uint8Array(1024);
  private alleles: Uint16Array;
  private readonly dictionaries: Map<string, number>[];

  constructor(private readonly loci: readonly string[]) {
    this.dictionaries = loci.map(() => new Map());
    this.alleles = new Uint16Array(1024 * loci.length * 2);
  }

  add(row: ProfileRow): void {
    const at = this.ids.length;
    const width = this.loci.length * 2;
    if ((at + 1) * width > this.alleles.length) {
      const grown = new Uint16Array(this.alleles.length * 2);
      grown.set(this.alleles);
      this.alleles = grown;
      const kinds = new Uint8Array(this.kinds.length * 2);
      kinds.set(this.kinds);
      this.kinds = kinds;
    }
    this.ids.push(row.sample_id);
    this.kinds[at] = row.kind === 'child' ? 1 : 0;
    this.childCount += this.kinds[at];
    this.loci.forEach((locus, l) => {
      const alleles = row.loci[locus];
      if (!alleles?.length) return;
      const codes = alleles.map((a) => this.code(l, a));
      this.alleles[at * width + 2 * l] = codes[0];
      this.alleles[at * width + 2 * l + 1] = codes[codes.length - 1];
    });
  }

  /** Every allele seen per locus (including a flagged third allele, as the import stored it). */
  observed(): Record<string, Set<string>> {
    return Object.fromEntries(
      this.loci.map((locus, l) => [
        locus,
        new Set(this.dictionaries[l].keys()),
      ]),
    );
  }

  /** The staged profiles in load order, as (sample id, is child, profile). */
  forEach(visit: (id: string, child: boolean, profile: Profile) => void): void {
    const names = this.dictionaries.map((d) => [...d.keys()]);
    const width = this.loci.length * 2;
    this.ids.forEach((id, at) => {
      const profile: Profile = {};
      this.loci.forEach((locus, l) => {
        const first = this.alleles[at * width + 2 * l];
        if (first === 0) return;
        profile[locus] = [
          names[l][first - 1],
          names[l][this.alleles[at * width + 2 * l + 1] - 1],
        ];
      });
      visit(id, this.kinds[at] === 1, profile);
    });
  }

  private code(l: number, allele: string): number {
    const dictionary = this.dictionaries[l];
    let code = dictionary.get(allele);
    if (code === undefined) {
      code = dictionary.size + 1;
      dictionary.set(allele, code);
    }
    return code;
  }
}

/**
 * The DNA database search (issue 4 §5, KINSHIP.md §A.9): an in-memory index of reference genotypes
 * (the kinship library's typed-array index with worker threads), loaded from PostgreSQL at start and
 * brought up to date from `dna_profiles.seq` before every search, so every replica sees every commit.
 * Committed profiles are searched by a background job (and by a poll, for anything a lost job missed).
 * Each profile is searched once (`searched_at`), claimed with `FOR UPDATE SKIP LOCKED` so that
 * two replicas never search the same profile twice.
 */
@Injectable()
export class DnaSearchService
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('DnaSearch');
  private state: SearchState | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  /** Set at shutdown: a job or poll arriving late must not build a new index (and worker threads). */
  private closed = false;
  private readonly workers = Number(process.env['DNA_SEARCH_WORKERS'] ?? 2);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly frequencyTables: FrequencyTablesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.register(DNA_SEARCH_JOB, () => this.processPending());
  }

  onApplicationBootstrap(): void {
    void this.processPendingSafely();
    this.timer = setInterval(() => void this.processPendingSafely(), POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.queue.catch(() => undefined);
    await this.state?.index.close();
    this.state = null;
  }

  /**
   * Asks for a search of newly committed profiles in the background (durable: a job not run before a
   * restart runs after it). If the job cannot be queued, the poll finds the profiles within POLL_MS.
   */
  async requestSearch(): Promise<void> {
    await this.jobs
      .send(DNA_SEARCH_JOB, {})
      .catch((error: Error) =>
        this.logger.error(`enqueue DNA search: ${error.message}`),
      );
  }

  /** Serialises index work within this process. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Loads new profiles, then searches every profile not yet searched. Never throws (logs instead). */
  async processPendingSafely(
    context: AccessContext | SystemContext = SYSTEM,
  ): Promise<void> {
    await this.processPending(context).catch(
      (error: Error & { code?: string }) => {
        // Before the first migration (tables missing) there is nothing to search yet.
        if (error.code === '42P01') return;
        this.logger.error(`DNA search failed: ${error.message}`);
      },
    );
  }

  processPending(
    context: AccessContext | SystemContext = SYSTEM,
  ): Promise<void> {
    return this.exclusive(async () => {
      if (this.closed) return;
      const state = await this.sync();
      if (!state) return;
      for (;;) {
        const done = await this.dataSource.transaction(async (manager) => {
          const rows: (ProfileRow & {
            id: string;
            jurisdiction_path: string;
          })[] = await manager.query(
            `SELECT p.id, p.sample_id, s.kind, s.donor_relationship, s.case_id, s.jurisdiction_path, p.loci
               FROM dna_profiles p JOIN dna_samples s ON s.id = p.sample_id
              WHERE p.searched_at IS NULL ORDER BY p.seq LIMIT 1 FOR UPDATE OF p SKIP LOCKED`,
          );
          if (rows.length === 0) return true;
          const [row] = rows;
          const sample: SearchedSample = {
            sampleId: row.sample_id,
            kind: row.kind,
            donorRelationship: row.donor_relationship,
            caseId: row.case_id,
            jurisdictionPath: row.jurisdiction_path,
            profile: this.restrict(state, row.loci),
          };
          const stored = await this.searchOne(manager, state, sample);
          await manager.query(
            `UPDATE dna_profiles SET searched_at = $2 WHERE id = $1`,
            [row.id, this.clock.now()],
          );
          await this.audit.record(
            context,
            {
              action: 'dna.search',
              entityType: 'DnaProfile',
              entityId: row.id,
              jurisdictionPath: row.jurisdiction_path,
              details: {
                sampleId: row.sample_id,
                side: row.kind,
                candidatesStored: stored,
                referencesIndexed: state.index.size,
                childrenIndexed: state.children.size,
                frequencyTableVersion: state.adjusted.version,
              },
            },
            manager,
          );
          return false;
        });
        if (done) return;
      }
    });
  }

  /** Figures for the benchmark and the health of the index. */
  async stats(): Promise<{
    references: number;
    children: number;
    genotypeBytes: number;
    frequencyTableVersion: string | null;
  }> {
    const state = await this.exclusive(() => this.sync());
    return {
      references: state?.index.size ?? 0,
      children: state?.children.size ?? 0,
      genotypeBytes:
        (state?.index.genotypeBytes ?? 0) +
        (state?.children.genotypeBytes ?? 0),
      frequencyTableVersion: state?.adjusted.version ?? null,
    };
  }

  /** One child profile against every reference (no storing): for benchmarks and diagnostics. */
  async searchChildProfile(profile: Profile, k = TOP_K) {
    const state = await this.exclusive(() => this.sync());
    if (!state) return [];
    return this.scanReferences(state, this.restrict(state, profile), k);
  }

  /**
   * Brings the in-memory index up to date with the database; rebuilds it when the table or its allele
   * list changes. One round trip when nothing changed.
   */
  private async sync(): Promise<SearchState | null> {
    const [head]: { id: string | null; version: string | null; seq: string }[] =
      await this.dataSource.query(
        `SELECT t.id, t.version, (SELECT coalesce(max(seq), 0)::text FROM dna_profiles) AS seq
           FROM (SELECT 1) one LEFT JOIN dna_frequency_tables t ON t.search_default`,
      );
    if (!head.id) return (this.state = null);
    const state = this.state;
    if (
      !state ||
      state.table.id !== head.id ||
      state.table.version !== head.version
    )
      return this.rebuild();
    while (BigInt(state.lastSeq) < BigInt(head.seq)) {
      const rows = await this.loadProfiles(state.lastSeq);
      if (rows.length === 0) break;
      if (rows.some((row) => this.hasUnseenAllele(state, row.loci)))
        return this.rebuild();
      for (const row of rows) {
        this.noteParent(state.parentsByCase, row);
        if (row.kind === 'child')
          state.children.addReference(
            row.sample_id,
            this.restrict(state, row.loci),
          );
        else
          state.index.addReference(
            row.sample_id,
            this.restrict(state, row.loci),
          );
      }
      state.lastSeq = rows[rows.length - 1].seq;
    }
    return state;
  }

  /** Loads every profile in batches (one pass), then builds the index on the table adjusted for the alleles seen. */
  private async rebuild(): Promise<SearchState | null> {
    const table = await this.frequencyTables.searchDefault();
    if (!table) return (this.state = null);
    const raw = rawTableOf(table);
    const staged = new StagedProfiles(Object.keys(raw.loci));
    const parentsByCase: SearchState['parentsByCase'] = new Map();
    let lastSeq = '0';
    for (;;) {
      const rows = await this.loadProfiles(lastSeq);
      if (rows.length === 0) break;
      for (const row of rows) {
        staged.add(row);
        this.noteParent(parentsByCase, row);
      }
      lastSeq = rows[rows.length - 1].seq;
    }
    const adjusted = adjustFrequencyTable(raw, {
      floor: floorOf(table),
      observedAlleles: staged.observed(),
    });
    const index = new DnaSearchIndex({
      table: adjusted,
      relationships: PAIR_RELATIONSHIPS,
      workers: this.workers,
      initialCapacity: Math.max(1024, staged.ids.length - staged.childCount),
    });
    const childIndex = new DnaSearchIndex({
      table: adjusted,
      relationships: PAIR_RELATIONSHIPS,
      workers: 0,
      initialCapacity: Math.max(64, staged.childCount),
    });
    staged.forEach((id, child, profile) =>
      (child ? childIndex : index).addReference(id, profile),
    );
    const models = index.loci.map(
      (locus) =>
        new LocusLikelihoodModel(
          adjusted.loci[locus].alleles,
          adjusted.loci[locus].frequencies,
          0,
          DEFAULT_SEARCH_MUTATION,
        ),
    );
    const previous = this.state;
    const state: SearchState = {
      table,
      adjusted,
      modelsByLocus: new Map(index.loci.map((locus, l) => [locus, models[l]])),
      index,
      children: childIndex,
      models,
      lastSeq,
      parentsByCase,
    };
    this.state = state;
    await previous?.index.close();
    this.logger.log(
      `DNA index: ${index.size} references, ${childIndex.size} children, table ${table.name} (${adjusted.version})`,
    );
    return state;
  }

  private noteParent(
    parentsByCase: SearchState['parentsByCase'],
    row: ProfileRow,
  ): void {
    const role = row.donor_relationship;
    if (
      row.kind === 'child' ||
      !row.case_id ||
      (role !== 'mother' && role !== 'father')
    )
      return;
    const entry = parentsByCase.get(row.case_id) ?? {};
    entry[role] ??= row.sample_id;
    parentsByCase.set(row.case_id, entry);
  }

  /** The loci the search table knows (profiles may carry more); a flagged third allele is left out. */
  private restrict(
    state: SearchState,
    loci: Record<string, string[]>,
  ): Profile {
    const profile: Profile = {};
    for (const [locus, alleles] of Object.entries(loci)) {
      if (state.adjusted.loci[locus])
        profile[locus] = [alleles[0], alleles[alleles.length - 1]];
    }
    return profile;
  }

  private hasUnseenAllele(
    state: SearchState,
    loci: Record<string, string[]>,
  ): boolean {
    return Object.entries(loci).some(([locus, alleles]) => {
      const f = state.adjusted.loci[locus];
      return f !== undefined && alleles.some((a) => !f.alleles.includes(a));
    });
  }

  private loadProfiles(afterSeq: string): Promise<ProfileRow[]> {
    return this.dataSource.query(
      `SELECT p.seq::text AS seq, p.sample_id, s.kind, s.donor_relationship, s.case_id, p.loci
         FROM dna_profiles p JOIN dna_samples s ON s.id = p.sample_id
        WHERE p.seq > $1 ORDER BY p.seq LIMIT ${LOAD_BATCH}`,
      [afterSeq],
    );
  }

  private async scanReferences(
    state: SearchState,
    profile: Profile,
    k: number,
  ) {
    return state.index.size < WORKER_THRESHOLD || this.workers === 0
      ? state.index.searchInProcess(profile, k)
      : state.index.search(profile, k);
  }

  /** File and jurisdiction of the samples of the candidates to store. */
  private async sampleRefs(
    manager: EntityManager,
    ids: string[],
  ): Promise<Map<string, SampleRef>> {
    if (ids.length === 0) return new Map();
    const rows: {
      id: string;
      case_id: string | null;
      jurisdiction_path: string;
    }[] = await manager.query(
      `SELECT id, case_id, jurisdiction_path FROM dna_samples WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          sampleId: r.id,
          caseId: r.case_id,
          jurisdictionPath: r.jurisdiction_path,
        },
      ]),
    );
  }

  /** Searches one new profile against the other side; stores candidates in the reporting range. Returns how many were stored. */
  private async searchOne(
    manager: EntityManager,
    state: SearchState,
    sample: SearchedSample,
  ): Promise<number> {
    return sample.kind === 'child'
      ? this.searchChild(manager, state, sample)
      : this.searchReference(manager, state, sample);
  }

  /** A new child against every reference (pairs) and every file's couple (both parents). */
  private async searchChild(
    manager: EntityManager,
    state: SearchState,
    child: SearchedSample,
  ): Promise<number> {
    const pairs = (
      await this.scanReferences(state, child.profile, TOP_K)
    ).filter((c) => bestOf(c.log10Lr) > CANDIDATE_FLOOR_LOG10);
    const trios = state.index
      .searchCouples(child.profile, this.couples(state), TOP_K)
      .filter((c) => (c.log10Lr ?? -Infinity) > CANDIDATE_FLOOR_LOG10);
    const refs = await this.sampleRefs(manager, [
      ...pairs.map((c) => c.referenceId),
      ...trios.flatMap((c) => [c.motherId, c.fatherId]),
    ]);
    let stored = 0;
    for (const c of pairs)
      stored += await this.storePair(
        manager,
        state,
        child,
        child.profile,
        refs.get(c.referenceId) as SampleRef,
        c.log10Lr,
      );
    for (const c of trios)
      stored += await this.storeTrio(
        manager,
        state,
        child,
        child.profile,
        refs.get(c.motherId) as SampleRef,
        refs.get(c.fatherId) as SampleRef,
      );
    return stored;
  }

  /** A new reference against every child, and its file's couple (when it completes one) against every child. */
  private async searchReference(
    manager: EntityManager,
    state: SearchState,
    reference: SearchedSample,
  ): Promise<number> {
    const couple = reference.caseId
      ? this.couples(state, reference.caseId).find(
          (c) =>
            c.motherId === reference.sampleId ||
            c.fatherId === reference.sampleId,
        )
      : undefined;
    const pairs: {
      childId: string;
      profile: Profile;
      log10: Partial<Record<SearchRelationship, number | null>>;
    }[] = [];
    const trios: { childId: string; profile: Profile }[] = [];
    for (const childId of state.children.referenceIds) {
      const profile = state.children.referenceProfile(childId);
      const log10 = this.reverseScore(state, profile, reference.profile);
      if (bestOf(log10) > CANDIDATE_FLOOR_LOG10)
        pairs.push({ childId, profile, log10 });
      if (!couple) continue;
      const [scored] = state.index.searchCouples(profile, [couple], 1);
      if ((scored?.log10Lr ?? -Infinity) > CANDIDATE_FLOOR_LOG10)
        trios.push({ childId, profile });
    }
    const refs = await this.sampleRefs(manager, [
      ...pairs.map((p) => p.childId),
      ...trios.map((t) => t.childId),
      ...(couple ? [couple.motherId, couple.fatherId] : []),
    ]);
    let stored = 0;
    for (const p of pairs)
      stored += await this.storePair(
        manager,
        state,
        refs.get(p.childId) as SampleRef,
        p.profile,
        reference,
        p.log10,
      );
    for (const t of trios)
      stored += await this.storeTrio(
        manager,
        state,
        refs.get(t.childId) as SampleRef,
        t.profile,
        refs.get((couple as Couple).motherId) as SampleRef,
        refs.get((couple as Couple).fatherId) as SampleRef,
      );
    return stored;
  }

  /** log10 LR per relationship of one reference against one child, with the index's models (same functions, same numbers). */
  private reverseScore(
    state: SearchState,
    child: Profile,
    reference: Profile,
  ): Partial<Record<SearchRelationship, number | null>> {
    const sums = PAIR_RELATIONSHIPS.map(() => 0);
    state.index.loci.forEach((locus, l) => {
      const c = child[locus];
      const r = reference[locus];
      if (!c || !r) return;
      const model = state.models[l];
      const genotypes = {
        child: [
          model.alleleIndex.get(c[0]) as number,
          model.alleleIndex.get(c[c.length - 1]) as number,
        ] as [number, number],
        alleged: [
          model.alleleIndex.get(r[0]) as number,
          model.alleleIndex.get(r[r.length - 1]) as number,
        ] as [number, number],
      };
      PAIR_RELATIONSHIPS.forEach(
        (relationship, i) =>
          (sums[i] += Math.log10(
            locusLikelihoodRatio(relationship, model, genotypes),
          )),
      );
    });
    return Object.fromEntries(
      PAIR_RELATIONSHIPS.map((rel, i) => [
        rel,
        sums[i] === -Infinity ? null : sums[i],
      ]),
    );
  }

  /** Registered couples: files with both a mother's and a father's reference profile (one file, or all). */
  private couples(state: SearchState, caseId?: string): Couple[] {
    const entries =
      caseId === undefined
        ? [...state.parentsByCase.values()]
        : [state.parentsByCase.get(caseId) ?? {}];
    return entries
      .filter((c) => c.mother && c.father)
      .map((c) => ({
        motherId: c.mother as string,
        fatherId: c.father as string,
      }));
  }

  private model(state: SearchState): MatchModel {
    return {
      mutation: { ...DEFAULT_SEARCH_MUTATION },
      theta: 0,
      policy: CHINA_PATERNITY_POLICY.name,
      frequencyTable: state.table.name,
    };
  }

  /** Stores the best-supported pairwise relationship with the calculator's exact result. */
  private async storePair(
    manager: EntityManager,
    state: SearchState,
    child: SampleRef,
    childProfile: Profile,
    reference: SampleRef,
    log10ByRelationship: Partial<Record<SearchRelationship, number | null>>,
  ): Promise<number> {
    const best = PAIR_RELATIONSHIPS.reduce((a, b) =>
      (log10ByRelationship[b] ?? -Infinity) >
      (log10ByRelationship[a] ?? -Infinity)
        ? b
        : a,
    );
    const result = kinshipFromModels(best, state.modelsByLocus, {
      child: typedProfile(childProfile),
      alleged: typedProfile(state.index.referenceProfile(reference.sampleId)),
    });
    return this.insert(
      manager,
      state,
      child,
      reference,
      null,
      best,
      log10ByRelationship,
      result,
    );
  }

  private async storeTrio(
    manager: EntityManager,
    state: SearchState,
    child: SampleRef,
    childProfile: Profile,
    mother: SampleRef,
    father: SampleRef,
  ): Promise<number> {
    const result = kinshipFromModels('trio_both', state.modelsByLocus, {
      child: typedProfile(childProfile),
      mother: typedProfile(state.index.referenceProfile(mother.sampleId)),
      father: typedProfile(state.index.referenceProfile(father.sampleId)),
    });
    return this.insert(
      manager,
      state,
      child,
      mother,
      father,
      'trio_both',
      { trio_both: result.log10Lr },
      result,
    );
  }

  private async insert(
    manager: EntityManager,
    state: SearchState,
    child: SampleRef,
    reference: SampleRef,
    second: SampleRef | null,
    relationship: MatchRelationship,
    log10ByRelationship: Record<string, number | null | undefined>,
    result: KinshipResult,
  ): Promise<number> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(KinshipMatchEntity)
      .values({
        childSampleId: child.sampleId,
        referenceSampleId: reference.sampleId,
        secondReferenceSampleId: second?.sampleId ?? null,
        caseId: reference.caseId,
        relationship,
        log10Lr: result.log10Lr,
        log10LrByRelationship: Object.fromEntries(
          Object.entries(log10ByRelationship).map(([k, v]) => [k, v ?? null]),
        ),
        perLocus: result.perLocus,
        inconsistentLoci: result.inconsistentLoci,
        lociCompared: result.lociCompared,
        conclusion: decideKinship(result),
        frequencyTableId: state.table.id,
        frequencyTableVersion: state.adjusted.version,
        model: this.model(state),
        status: 'candidate',
        jurisdictionPath: reference.jurisdictionPath,
        childJurisdictionPath: child.jurisdictionPath,
      })
      .orIgnore()
      .execute();
    return inserted.identifiers.filter(Boolean).length;
  }
}

/** A stored profile as the calculator reads it: by locus, a homozygote written with both alleles. */
function typedProfile(profile: Profile): NonNullable<TypedProfiles['child']> {
  return new Map(Object.entries(profile).map(([locus, g]) => [locus, [g[0], g[g.length - 1]] as const]));
}
