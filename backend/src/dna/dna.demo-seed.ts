import type { EntityManager } from 'typeorm';
import { nameSearchColumns } from '../cases/search-text';
import type { DemoContext, DemoSeed } from '../database/seed/demo-seed';
import { FrequencyTableEntity } from './frequency-tables/frequency-table.entity';
import {
  floorOf,
  rawTableOf,
} from './frequency-tables/frequency-tables.service';
import { adjustFrequencyTable, type FrequencyTable } from './kinship';
import type { StoredLoci } from './profiles/profile.entity';
import {
  CUSTODY_EVENTS,
  type CustodyEvent,
  type DonorRelationship,
  type SampleKind,
} from './samples/sample.entity';
import { KIT_23_LOCI } from './kinship/loci';

/** The 23 autosomal loci of a Chinese 23-locus kit (as in the benchmark), where the table has them. */
const KIT_LOCI: readonly string[] = KIT_23_LOCI;
const KIT = 'Demo 23-locus kit';
const DECOY_FAMILIES = 10;

/** The true family the demo search finds: the child of 张建国 and 李秀英, rescued in Hefei. */
export const DEMO_DNA = {
  caseChildName: '张小明',
  motherBarcode: 'DEMO-REF-M-0001',
  fatherBarcode: 'DEMO-REF-F-0001',
  childBarcode: 'DEMO-CHILD-0001',
};

const DECOY_CHILDREN = [
  '王浩然',
  '刘子涵',
  '陈雨轩',
  '杨梓萱',
  '赵宇航',
  '黄欣怡',
  '周俊杰',
  '吴诗涵',
  '徐子豪',
  '孙佳怡',
];

type Genotype = [string, string];

/** mulberry32: the same demo family on every first start. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Genetics {
  readonly loci: string[];
  constructor(
    private readonly table: FrequencyTable,
    private readonly random: () => number,
  ) {
    this.loci = KIT_LOCI.filter((l) => table.loci[l]);
  }

  private draw(locus: string): string {
    const { alleles, frequencies } = this.table.loci[locus];
    let u = this.random();
    for (let i = 0; i < alleles.length; i++)
      if ((u -= frequencies[i]) < 0) return alleles[i];
    return alleles[alleles.length - 1];
  }

  person(): StoredLoci {
    return Object.fromEntries(
      this.loci.map((l) => [l, this.sorted([this.draw(l), this.draw(l)])]),
    );
  }

  /** One allele from each parent at every locus; `mutateLocus` gets a one-step mutation of the father's allele. */
  child(
    father: StoredLoci,
    mother: StoredLoci,
    mutateLocus?: string,
  ): StoredLoci {
    return Object.fromEntries(
      this.loci.map((l) => {
        let paternal = this.pick(father[l]);
        if (l === mutateLocus) paternal = this.oneStep(l, paternal);
        return [l, this.sorted([paternal, this.pick(mother[l])])];
      }),
    );
  }

  /** A parent of `person`: passes one of its alleles, the other drawn from the population. */
  parentOf(person: StoredLoci): StoredLoci {
    return Object.fromEntries(
      this.loci.map((l) => [
        l,
        this.sorted([this.pick(person[l]), this.draw(l)]),
      ]),
    );
  }

  private pick(g: Genotype): string {
    return g[this.random() < 0.5 ? 0 : 1];
  }

  /** The allele one repeat longer or shorter, when the table knows it (else unchanged). */
  private oneStep(locus: string, allele: string): string {
    const known = this.table.loci[locus].alleles;
    for (const candidate of [
      String(Number(allele) + 1),
      String(Number(allele) - 1),
    ])
      if (known.includes(candidate)) return candidate;
    return allele;
  }

  private sorted(g: string[]): Genotype {
    const [a, b] = [...g].sort(
      (x, y) => Number(x) - Number(y) || x.localeCompare(y),
    );
    return [a, b];
  }
}

async function nextCaseNumber(
  manager: EntityManager,
  year: number,
): Promise<string> {
  const [row]: { last_value: number }[] = await manager.query(
    `INSERT INTO case_number_counters (year, last_value) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last_value = case_number_counters.last_value + 1
     RETURNING last_value`,
    [year],
  );
  return `MC-${year}-${String(row.last_value).padStart(6, '0')}`;
}

interface DemoFile {
  childName: string;
  sex: 'male' | 'female';
  dateOfBirth: string;
  lastSeenAt: string;
  place: string;
  lat: number;
  lng: number;
  jurisdictionCode: string;
  reporter?: { name: string; relationship: string; phone: string };
}

/** A missing-child file straight into the files tables (with its 'created' timeline event). */
async function insertFile(
  manager: EntityManager,
  demo: DemoContext,
  f: DemoFile,
): Promise<string> {
  const j = demo.jurisdictions[f.jurisdictionCode];
  const officer =
    f.jurisdictionCode === '341222'
      ? demo.users['officer']
      : f.jurisdictionCode === '310115'
        ? demo.users['officer.pudong']
        : null;
  const caseNumber = await nextCaseNumber(manager, 2026);
  const createdAt = new Date(new Date(f.lastSeenAt).getTime() + 6 * 3600_000);
  const search = nameSearchColumns(f.childName);
  const [row]: { id: string }[] = await manager.query(
    `INSERT INTO cases (case_number, child_full_name, search_pinyin, search_terms, child_sex, child_date_of_birth, child_birth_date_estimate,
       last_seen_at, last_seen_place, last_seen_lat, last_seen_lng, reporter, circumstances, priority, status,
       jurisdiction_id, jurisdiction_path, assigned_officer_id, created_by_id, created_at, updated_at)
     VALUES ($1, $2, $3, $16, $4, $5, $5, $6, $7, $8, $9, $10, $11, 'high', 'open', $12, $13, $14, $14, $15, $15) RETURNING id`,
    [
      caseNumber,
      f.childName,
      search.searchPinyin,
      f.sex,
      f.dateOfBirth,
      f.lastSeenAt,
      f.place,
      f.lat,
      f.lng,
      f.reporter ? JSON.stringify(f.reporter) : null,
      '家属已采集 DNA 参考样本 (family DNA references collected)',
      j.id,
      j.path,
      officer?.id ?? null,
      createdAt,
      search.searchTerms,
    ],
  );
  await manager.query(
    `INSERT INTO case_events (case_id, type, actor_id, occurred_at, details) VALUES ($1, 'created', $2, $3, $4)`,
    [
      row.id,
      officer?.id ?? null,
      createdAt,
      JSON.stringify({
        caseNumber,
        priority: 'high',
        jurisdictionCode: f.jurisdictionCode,
      }),
    ],
  );
  return row.id;
}

/** The demo's missing Taihe child: a file of the files seed when it made one, else one made here. */
async function taiheFile(
  manager: EntityManager,
  demo: DemoContext,
): Promise<string> {
  const taihe = demo.jurisdictions['341222'];
  const existing: { id: string }[] = await manager.query(
    `SELECT id FROM cases WHERE jurisdiction_path = $1 AND status = 'open' AND deleted_at IS NULL
     ORDER BY (child_full_name = $2) DESC, created_at LIMIT 1`,
    [taihe.path, DEMO_DNA.caseChildName],
  );
  if (existing[0]) return existing[0].id;
  return insertFile(manager, demo, {
    childName: DEMO_DNA.caseChildName,
    sex: 'male',
    dateOfBirth: '2019-03-14',
    lastSeenAt: '2026-05-20T09:30:00Z',
    place: '太和县城关镇人民路菜市场',
    lat: 33.1602,
    lng: 115.622,
    jurisdictionCode: '341222',
    reporter: {
      name: '张建国',
      relationship: '父亲',
      phone: '+86 138 0000 0001',
    },
  });
}

interface DemoSample {
  barcode: string;
  kind: SampleKind;
  donorRelationship: DonorRelationship | null;
  caseId: string | null;
  childDescription: string;
  consentGivenBy: string;
  jurisdictionCode: string;
  collectedAt: Date;
  location: string;
  loci: StoredLoci;
  sexMarker: string;
}

async function insertSample(
  manager: EntityManager,
  demo: DemoContext,
  s: DemoSample,
  jurisdictionPath: string,
  jurisdictionId: string,
): Promise<void> {
  const lab = demo.users['lab'];
  const [sample]: { id: string }[] = await manager.query(
    `INSERT INTO dna_samples (barcode, kind, donor_relationship, case_id, child_description, consent_given_by, consent_given_at,
       consent_scope, collecting_organisation_id, jurisdiction_id, jurisdiction_path, retention_until, custody_state, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'search_for_missing_children', $8, $9, $10, '2046-06-01', 'profiled', $11) RETURNING id`,
    [
      s.barcode,
      s.kind,
      s.donorRelationship,
      s.caseId,
      s.childDescription,
      s.consentGivenBy,
      new Date(s.collectedAt.getTime() - 3600_000),
      demo.organisations['taihe-lab'].id,
      jurisdictionId,
      jurisdictionPath,
      lab.id,
    ],
  );
  const chain: CustodyEvent[] = CUSTODY_EVENTS.slice(
    0,
    CUSTODY_EVENTS.indexOf('profiled') + 1,
  );
  const where: Record<string, string> = {
    collected: s.location,
    sealed: s.location,
    shipped: s.location,
    received: '太和县公安局物证鉴定室',
    profiled: '太和县公安局物证鉴定室',
  };
  for (const [i, event] of chain.entries()) {
    await manager.query(
      `INSERT INTO dna_custody_events (sample_id, seq, event, occurred_at, location, note, actor_id, actor_name) VALUES ($1, $2, $3, $4, $5, '', $6, $7)`,
      [
        sample.id,
        i + 1,
        event,
        new Date(s.collectedAt.getTime() + i * 20 * 3600_000),
        where[event],
        lab.id,
        lab.displayName,
      ],
    );
  }
  // searched_at stays empty: the search service searches these profiles when the app starts.
  await manager.query(
    `INSERT INTO dna_profiles (sample_id, kit, loci, sex_marker, needs_review, review_notes, created_by) VALUES ($1, $2, $3, $4, false, '[]', $5)`,
    [sample.id, KIT, JSON.stringify(s.loci), s.sexMarker, lab.id],
  );
}

/**
 * DNA demo data (issue 4): a true family to find — the mother's and father's references linked to a Taihe
 * file, and a rescued child's sample whose profile is their child's (one paternal allele mutated by one
 * step) — among 40 references of ten unrelated families. Genotypes are drawn from the search's default
 * frequency table (NIST 1036 Asian). The search runs when the application starts, so `lab` finds the
 * candidate waiting for a proposal.
 */
export const dnaDemoSeed: DemoSeed = async (manager, demo) => {
  const table = await manager.findOne(FrequencyTableEntity, {
    where: { searchDefault: true },
  });
  if (!table) return;
  const genetics = new Genetics(
    adjustFrequencyTable(rawTableOf(table), { floor: floorOf(table) }),
    seededRandom(20260520),
  );
  const taihe = demo.jurisdictions['341222'];
  const caseId = await taiheFile(manager, demo);

  const father = genetics.person();
  const mother = genetics.person();
  const child = genetics.child(father, mother, 'D18S51');
  const samples: DemoSample[] = [
    {
      barcode: DEMO_DNA.motherBarcode,
      kind: 'family_reference',
      donorRelationship: 'mother',
      caseId,
      childDescription: '',
      consentGivenBy: '李秀英 (the donor)',
      jurisdictionCode: '341222',
      collectedAt: new Date('2026-05-22T02:00:00Z'),
      location: '太和县公安局',
      loci: mother,
      sexMarker: 'X',
    },
    {
      barcode: DEMO_DNA.fatherBarcode,
      kind: 'family_reference',
      donorRelationship: 'father',
      caseId,
      childDescription: '',
      consentGivenBy: '张建国 (the donor)',
      jurisdictionCode: '341222',
      collectedAt: new Date('2026-05-22T02:30:00Z'),
      location: '太和县公安局',
      loci: father,
      sexMarker: 'X,Y',
    },
  ];

  const places: Omit<
    DemoFile,
    'childName' | 'sex' | 'dateOfBirth' | 'lastSeenAt'
  >[] = [
    {
      place: '太和县旧县镇集市',
      lat: 33.07,
      lng: 115.55,
      jurisdictionCode: '341222',
    },
    {
      place: '太和县城关镇汽车站',
      lat: 33.16,
      lng: 115.62,
      jurisdictionCode: '341222',
    },
    {
      place: '阜阳市颍州区火车站广场',
      lat: 32.89,
      lng: 115.81,
      jurisdictionCode: '341200',
    },
    {
      place: '浦东新区世纪公园北门',
      lat: 31.22,
      lng: 121.55,
      jurisdictionCode: '310115',
    },
  ];
  for (let f = 0; f < DECOY_FAMILIES; f++) {
    const where = places[f % places.length];
    const jurisdictionCode = demo.jurisdictions[where.jurisdictionCode]
      ? where.jurisdictionCode
      : '341222';
    const decoyCase = await insertFile(manager, demo, {
      ...where,
      jurisdictionCode,
      childName: DECOY_CHILDREN[f],
      sex: f % 2 === 0 ? 'male' : 'female',
      dateOfBirth: `${2014 + (f % 8)}-0${1 + (f % 9)}-1${f % 10}`,
      lastSeenAt: `2026-0${1 + (f % 9)}-0${1 + (f % 9)}T0${f % 10}:00:00Z`,
    });
    const dad = genetics.person();
    const mum = genetics.person();
    const sibling = genetics.child(dad, mum);
    const grandparent = genetics.parentOf(dad);
    const refs: [DonorRelationship, StoredLoci, string][] = [
      ['mother', mum, 'X'],
      ['father', dad, 'X,Y'],
      ['full_sibling', sibling, f % 2 === 0 ? 'X' : 'X,Y'],
      ['grandparent', grandparent, 'X,Y'],
    ];
    for (const [i, [relationship, loci, sexMarker]] of refs.entries()) {
      samples.push({
        barcode: `DEMO-REF-${String(f + 2).padStart(4, '0')}-${i + 1}`,
        kind: 'family_reference',
        donorRelationship: relationship,
        caseId: decoyCase,
        childDescription: '',
        consentGivenBy: 'the donor',
        jurisdictionCode,
        collectedAt: new Date(`2026-0${1 + (f % 9)}-1${f % 10}T0${i}:00:00Z`),
        location:
          jurisdictionCode === '310115'
            ? '上海市公安局浦东分局'
            : '太和县公安局',
        loci,
        sexMarker,
      });
    }
  }

  samples.push({
    barcode: DEMO_DNA.childBarcode,
    kind: 'child',
    donorRelationship: null,
    caseId: null,
    childDescription:
      '男童，约 7 岁，2026 年 11 月在合肥火车站被解救，自称“小明” (boy, about 7, rescued at Hefei railway station, calls himself “Xiaoming”)',
    consentGivenBy: '太和县儿童之家 (guardian NGO)',
    jurisdictionCode: '341222',
    collectedAt: new Date('2026-11-20T03:00:00Z'),
    location: '太和县儿童之家',
    loci: child,
    sexMarker: 'X,Y',
  });

  for (const s of samples) {
    const j = demo.jurisdictions[s.jurisdictionCode] ?? taihe;
    await insertSample(manager, demo, s, j.path, j.id);
  }
};
