import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AccessContext, SystemContext } from '../../access/actor';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import {
  floorOf,
  FrequencyTablesService,
  rawTableOf,
} from '../frequency-tables/frequency-tables.service';
import type { FrequencyTableEntity } from '../frequency-tables/frequency-table.entity';
import {
  adjustFrequencyTable,
  calculateKinship,
  CHINA_PATERNITY_POLICY,
  decideKinship,
  DEFAULT_SEARCH_MUTATION,
  DnaSearchIndex,
  type FrequencyRecord,
  type FrequencyTable,
  type Profile,
  type SearchRelationship,
  toFrequencyRecord,
} from '../kinship';
import { locusLikelihoodRatio } from '../kinship/likelihood-ratio';
import { LocusLikelihoodModel } from '../kinship/locus-model';
import {
  KinshipMatchEntity,
  type MatchModel,
  type MatchRelationship,
} from '../matches/kinship-match.entity';

/** Candidates at or above this LR are stored for review (issue 4 §5). */
export const CANDIDATE_FLOOR_LOG10 = 2;
/** How many candidates per side one search keeps before the floor. */
const TOP_K = 50;
/** Below this many references the scan runs in the calling thread (a worker round trip costs more). */
const WORKER_THRESHOLD = 50_000;
/** How often a replica looks for profiles committed elsewhere (and for unsearched ones). */
const POLL_MS = 15_000;
const PAIR_RELATIONSHIPS: ('parent_child' | 'full_sibling')[] = [
  'parent_child',
  'full_sibling',
];

interface IndexedSample {
  sampleId: string;
  kind: 'family_reference' | 'child';
  donorRelationship: string | null;
  caseId: string | null;
  jurisdictionPath: string;
  profile: Profile;
}

interface SearchState {
  table: FrequencyTableEntity;
  adjusted: FrequencyTable;
  frequencies: FrequencyRecord;
  index: DnaSearchIndex;
  /** One model per indexed locus, for scoring a new reference against every child (roles as in the index). */
  models: LocusLikelihoodModel[];
  lastSeq: string;
  references: Map<string, IndexedSample>;
  children: Map<string, IndexedSample>;
}

interface ProfileRow {
  seq: string;
  sample_id: string;
  kind: 'family_reference' | 'child';
  donor_relationship: string | null;
  case_id: string | null;
  jurisdiction_path: string;
  loci: Record<string, [string, string]>;
}

const SYSTEM: SystemContext = { actor: null, ip: null, requestId: null };

/**
 * The DNA database search (issue 4 §5, KINSHIP.md §A.9): an in-memory index of reference genotypes
 * (the kinship library's typed-array index with worker threads), loaded from PostgreSQL at start and
 * brought up to date from `dna_profiles.seq` before every search, so every replica sees every commit.
 * Each profile is searched once (`searched_at`), claimed with `FOR UPDATE SKIP LOCKED` so that
 * two replicas never search the same profile twice.
 */
@Injectable()
export class DnaSearchService
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('DnaSearch');
  private state: SearchState | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private readonly workers = Number(process.env['DNA_SEARCH_WORKERS'] ?? 2);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly frequencyTables: FrequencyTablesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    void this.processPendingSafely();
    this.timer = setInterval(() => void this.processPendingSafely(), POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.queue.catch(() => undefined);
    await this.state?.index.close();
    this.state = null;
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
      const state = await this.sync();
      if (!state) return;
      for (;;) {
        const done = await this.dataSource.transaction(async (manager) => {
          const rows: { id: string; sample_id: string }[] = await manager.query(
            `SELECT id, sample_id FROM dna_profiles WHERE searched_at IS NULL ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED`,
          );
          if (rows.length === 0) return true;
          const sample =
            state.children.get(rows[0].sample_id) ??
            state.references.get(rows[0].sample_id);
          const stored = sample
            ? await this.searchOne(manager, state, sample)
            : 0;
          await manager.query(
            `UPDATE dna_profiles SET searched_at = $2 WHERE id = $1`,
            [rows[0].id, this.clock.now()],
          );
          await this.audit.record(
            context,
            {
              action: 'dna.search',
              entityType: 'DnaProfile',
              entityId: rows[0].id,
              jurisdictionPath: sample?.jurisdictionPath ?? null,
              details: {
                sampleId: rows[0].sample_id,
                side: sample?.kind ?? 'unknown',
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
      genotypeBytes: state?.index.genotypeBytes ?? 0,
      frequencyTableVersion: state?.adjusted.version ?? null,
    };
  }

  /** One child profile against every reference (no storing): for benchmarks and diagnostics. */
  async searchChildProfile(profile: Profile, k = TOP_K) {
    const state = await this.exclusive(() => this.sync());
    if (!state) return [];
    return this.scanReferences(state, this.restrict(state, profile), k);
  }

  /** Brings the in-memory index up to date with the database; rebuilds it when the table or its allele list changes. */
  private async sync(): Promise<SearchState | null> {
    const table = await this.frequencyTables.searchDefault();
    if (!table) return (this.state = null);
    const state = this.state;
    if (
      !state ||
      state.table.id !== table.id ||
      state.table.version !== table.version
    )
      return this.rebuild(table);
    const rows = await this.loadProfiles(state.lastSeq);
    if (rows.length === 0) return state;
    if (
      rows.some((row) => this.hasUnseenAllele(state as SearchState, row.loci))
    )
      return this.rebuild(table);
    for (const row of rows) this.add(state, row);
    state.lastSeq = rows[rows.length - 1].seq;
    return state;
  }

  private async rebuild(table: FrequencyTableEntity): Promise<SearchState> {
    const rows = await this.loadProfiles('0');
    const raw = rawTableOf(table);
    const observed: Record<string, Set<string>> = {};
    for (const row of rows) {
      for (const [locus, alleles] of Object.entries(row.loci)) {
        if (!raw.loci[locus]) continue;
        const set = (observed[locus] ??= new Set());
        alleles.forEach((a) => set.add(a));
      }
    }
    const adjusted = adjustFrequencyTable(raw, {
      floor: floorOf(table),
      observedAlleles: observed,
    });
    const index = new DnaSearchIndex({
      table: adjusted,
      relationships: PAIR_RELATIONSHIPS,
      workers: this.workers,
      initialCapacity: Math.max(1024, rows.length),
    });
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
      frequencies: toFrequencyRecord(adjusted),
      index,
      models,
      lastSeq: rows.length ? rows[rows.length - 1].seq : '0',
      references: new Map(),
      children: new Map(),
    };
    for (const row of rows) this.add(state, row);
    this.state = state;
    await previous?.index.close();
    this.logger.log(
      `DNA index: ${state.index.size} references, ${state.children.size} children, table ${table.name} (${adjusted.version})`,
    );
    return state;
  }

  private add(state: SearchState, row: ProfileRow): void {
    const sample: IndexedSample = {
      sampleId: row.sample_id,
      kind: row.kind,
      donorRelationship: row.donor_relationship,
      caseId: row.case_id,
      jurisdictionPath: row.jurisdiction_path,
      profile: this.restrict(state, row.loci),
    };
    if (row.kind === 'child') state.children.set(row.sample_id, sample);
    else {
      state.references.set(row.sample_id, sample);
      state.index.addReference(row.sample_id, sample.profile);
    }
  }

  /** The loci the search table knows (profiles may carry more). */
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
      `SELECT p.seq::text AS seq, p.sample_id, s.kind, s.donor_relationship, s.case_id, s.jurisdiction_path, p.loci
         FROM dna_profiles p JOIN dna_samples s ON s.id = p.sample_id
        WHERE p.seq > $1 ORDER BY p.seq`,
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

  /** Searches one new profile against the other side; stores candidates above the floor. Returns how many were stored. */
  private async searchOne(
    manager: EntityManager,
    state: SearchState,
    sample: IndexedSample,
  ): Promise<number> {
    let stored = 0;
    if (sample.kind === 'child') {
      for (const candidate of await this.scanReferences(
        state,
        sample.profile,
        TOP_K,
      )) {
        const reference = state.references.get(
          candidate.referenceId,
        ) as IndexedSample;
        stored += await this.storePair(
          manager,
          state,
          sample,
          reference,
          candidate.log10Lr,
        );
      }
      for (const couple of state.index.searchCouples(
        sample.profile,
        this.couples(state),
        TOP_K,
      )) {
        if ((couple.log10Lr ?? -Infinity) < CANDIDATE_FLOOR_LOG10) continue;
        stored += await this.storeTrio(
          manager,
          state,
          sample,
          couple.motherId,
          couple.fatherId,
        );
      }
    } else {
      for (const child of state.children.values()) {
        stored += await this.storePair(
          manager,
          state,
          child,
          sample,
          this.reverseScore(state, child.profile, sample.profile),
        );
      }
      const couple = this.couples(state).find(
        (c) => c.motherId === sample.sampleId || c.fatherId === sample.sampleId,
      );
      if (couple) {
        for (const child of state.children.values()) {
          const [scored] = state.index.searchCouples(
            child.profile,
            [couple],
            1,
          );
          if ((scored?.log10Lr ?? -Infinity) >= CANDIDATE_FLOOR_LOG10)
            stored += await this.storeTrio(
              manager,
              state,
              child,
              couple.motherId,
              couple.fatherId,
            );
        }
      }
    }
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

  /** Registered couples: files with both a mother's and a father's reference profile. */
  private couples(
    state: SearchState,
  ): { motherId: string; fatherId: string }[] {
    const byCase = new Map<string, { mother?: string; father?: string }>();
    for (const r of state.references.values()) {
      if (
        !r.caseId ||
        (r.donorRelationship !== 'mother' && r.donorRelationship !== 'father')
      )
        continue;
      const entry = byCase.get(r.caseId) ?? {};
      entry[r.donorRelationship] ??= r.sampleId;
      byCase.set(r.caseId, entry);
    }
    return [...byCase.values()]
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

  private async storePair(
    manager: EntityManager,
    state: SearchState,
    child: IndexedSample,
    reference: IndexedSample,
    log10ByRelationship: Partial<Record<SearchRelationship, number | null>>,
  ): Promise<number> {
    const best = PAIR_RELATIONSHIPS.reduce((a, b) =>
      (log10ByRelationship[b] ?? -Infinity) >
      (log10ByRelationship[a] ?? -Infinity)
        ? b
        : a,
    );
    if ((log10ByRelationship[best] ?? -Infinity) < CANDIDATE_FLOOR_LOG10)
      return 0;
    const result = calculateKinship({
      frequencies: state.frequencies,
      relationship: best,
      mutation: DEFAULT_SEARCH_MUTATION,
      theta: 0,
      profiles: { child: child.profile, alleged: reference.profile },
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
    child: IndexedSample,
    motherId: string,
    fatherId: string,
  ): Promise<number> {
    const mother = state.references.get(motherId) as IndexedSample;
    const father = state.references.get(fatherId) as IndexedSample;
    const result = calculateKinship({
      frequencies: state.frequencies,
      relationship: 'trio_both',
      mutation: DEFAULT_SEARCH_MUTATION,
      theta: 0,
      profiles: {
        child: child.profile,
        mother: mother.profile,
        father: father.profile,
      },
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
    child: IndexedSample,
    reference: IndexedSample,
    second: IndexedSample | null,
    relationship: MatchRelationship,
    log10ByRelationship: Record<string, number | null | undefined>,
    result: ReturnType<typeof calculateKinship>,
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
