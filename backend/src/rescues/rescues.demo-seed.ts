import type { EntityManager } from 'typeorm';
import type { ChildSex } from '../cases/case.entity';
import type { DemoContext, DemoSeed } from '../database/seed/demo-seed';
import { DEMO_DNA } from '../dna/dna.demo-seed';
import { RescueEntity } from './rescue.entity';
import { RescuedChildEntity } from './rescued-child.entity';

interface DemoChild {
  /** Identified: the demo file of this child (by name, in Taihe). */
  file?: string;
  name?: string;
  sex: ChildSex;
  age?: number;
  condition?: string;
  injuries?: string;
  dialect?: string;
  placement: 'ngo' | 'shelter' | null;
  /** The DNA demo's rescued child: their sample (already profiled) becomes this child's. */
  dnaSample?: boolean;
}

interface DemoRescue {
  at: string;
  place: string;
  lat: number;
  lng: number;
  agencies: string[];
  suspects: number;
  notes: string;
  children: DemoChild[];
}

const POLICE = '太和县公安局 (Taihe County PSB)';
const CIVIL = '太和县民政局 (Taihe Civil Affairs Bureau)';
const SHELTER = '阜阳市救助管理站 (Fuyang relief station)';

/**
 * The Taihe crackdown on children used for begging: six operations from June to November 2026 with
 * fifteen children — three recognised as missing Taihe children (their files move to rescued), the rest
 * seeking their families; most in the care of the demo NGO (user `ngo`). The boy rescued at Hefei
 * railway station is the DNA demo's rescued child.
 */
const DEMO_RESCUES: DemoRescue[] = [
  {
    at: '2026-06-12T06:30:00Z',
    place: '太和县城关镇汽车站 (Chengguan bus station)',
    lat: 33.1601,
    lng: 115.6214,
    agencies: [POLICE, CIVIL],
    suspects: 2,
    notes: '线人举报，两名成年人控制儿童在车站乞讨。(Tip-off: two adults made children beg at the station.)',
    children: [
      { file: '陈思琪', sex: 'female', condition: '营养不良，情绪低落 (malnourished, withdrawn)', placement: 'ngo' },
      { name: '小花', sex: 'female', age: 6, condition: '轻度营养不良 (mildly malnourished)', dialect: '河南口音 (Henan accent)', placement: 'ngo' },
    ],
  },
  {
    at: '2026-07-25T11:00:00Z',
    place: '太和县旧县镇集市 (Jiuxian market)',
    lat: 33.07,
    lng: 115.55,
    agencies: [POLICE],
    suspects: 1,
    notes: '集市便衣蹲守三日。(Plain-clothes watch over three market days.)',
    children: [
      { sex: 'male', age: 9, condition: '左腿旧伤，行走跛行 (old left-leg injury, limps)', injuries: '左腿骨折未治疗 (untreated fracture of the left leg)', placement: 'ngo' },
      { name: '阿亮', sex: 'male', age: 11, dialect: '四川话 (Sichuanese)', placement: 'shelter' },
    ],
  },
  {
    at: '2026-08-30T14:00:00Z',
    place: '太和县宫集镇 (Gongji town)',
    lat: 33.2534,
    lng: 115.7189,
    agencies: [POLICE, CIVIL, '太和县卫健委 (Taihe Health Commission)'],
    suspects: 4,
    notes: '团伙在出租屋内控制三名儿童，其中一名听障。(A gang held three children in a rented room, one deaf.)',
    children: [
      { file: '黄诗雨', sex: 'female', condition: '身体状况良好 (in good health)', placement: 'ngo' },
      { sex: 'female', age: 5, condition: '听力障碍，不会说话 (deaf, does not speak)', injuries: '先天性听力障碍 (congenital hearing loss)', placement: 'ngo' },
      { name: '小宝', sex: 'male', age: 4, condition: '皮肤感染，已治疗 (skin infection, treated)', placement: 'ngo' },
    ],
  },
  {
    at: '2026-10-09T08:15:00Z',
    place: '太和县城关镇人民路天桥 (Renmin Road footbridge)',
    lat: 33.1622,
    lng: 115.6251,
    agencies: [POLICE],
    suspects: 1,
    notes: '巡逻发现儿童在天桥乞讨，跟踪至看管人。(Patrol saw children begging on the footbridge and followed them to their minder.)',
    children: [
      { file: '孙嘉豪', sex: 'male', condition: '脱水，已送医 (dehydrated, taken to hospital)', placement: 'ngo' },
      { sex: 'male', age: 8, dialect: '皖北方言 (northern Anhui)', placement: 'ngo' },
      { name: '妞妞', sex: 'female', age: 5, condition: '咳嗽，已就医 (coughing, seen by a doctor)', placement: 'ngo' },
    ],
  },
  {
    at: '2026-10-28T19:40:00Z',
    place: '太和县三塔镇 (Santa town)',
    lat: 33.1012,
    lng: 115.5588,
    agencies: [POLICE, CIVIL],
    suspects: 3,
    notes: '与阜阳市局联合行动。(Joint operation with Fuyang city police.)',
    children: [
      { name: '丫丫', sex: 'female', age: 7, condition: '右手烫伤疤痕 (burn scars on the right hand)', injuries: '右手陈旧性烫伤 (old burns, right hand)', placement: 'ngo' },
      { sex: 'male', age: 10, condition: '拒绝交流 (refuses to talk)', placement: 'shelter' },
      { sex: 'unknown', age: 3, condition: '幼儿，健康 (toddler, healthy)', placement: 'ngo' },
    ],
  },
  {
    at: '2026-11-17T07:00:00Z',
    place: '合肥火车站 (Hefei railway station) — 太和县公安局协同 (with Taihe police)',
    lat: 31.8864,
    lng: 117.3133,
    agencies: [POLICE, '合肥铁路公安处 (Hefei railway police)'],
    suspects: 2,
    notes: '追踪太和团伙至合肥，在车站解救两名儿童。(Followed the Taihe gang to Hefei; two children rescued at the station.)',
    children: [
      { name: '小明', sex: 'male', age: 7, condition: '受惊，身体无大碍 (frightened, physically well)', dialect: '皖北方言 (northern Anhui)', placement: 'ngo', dnaSample: true },
      { sex: 'female', age: 9, condition: '营养不良 (malnourished)', placement: null },
    ],
  },
];

async function demoFileId(manager: EntityManager, demo: DemoContext, name: string): Promise<string | null> {
  const [row] = await manager.query(`SELECT id FROM cases WHERE child_full_name = $1 AND jurisdiction_path = $2 AND deleted_at IS NULL LIMIT 1`, [
    name,
    demo.jurisdictions['341222'].path,
  ]);
  return row?.id ?? null;
}

/** What the API does when a child is identified at a rescue: the file moves to rescued, with timeline events. */
async function markFileRescued(manager: EntityManager, caseId: string, rescue: RescueEntity, child: RescuedChildEntity, actorId: string): Promise<void> {
  const [file] = await manager.query(`SELECT status FROM cases WHERE id = $1`, [caseId]);
  const details = { rescueId: rescue.id, rescuedChildId: child.id, place: rescue.place, rescuedAt: rescue.occurredAt.toISOString() };
  await manager.query(
    `UPDATE cases SET status = 'rescued', found_at = COALESCE(found_at, $2), updated_at = $2, version = version + 1 WHERE id = $1`,
    [caseId, rescue.occurredAt],
  );
  await manager.query(
    `INSERT INTO case_events (case_id, occurred_at, type, actor_id, details) VALUES
       ($1, $2, 'status_changed', $3, $4), ($1, $2, 'rescued_child_linked', $3, $5)`,
    [caseId, rescue.occurredAt, actorId, JSON.stringify({ from: file.status, to: 'rescued', driver: 'rescued', ...details }), JSON.stringify(details)],
  );
}

export const rescuesDemoSeed: DemoSeed = async (manager, demo) => {
  const taihe = demo.jurisdictions['341222'];
  const officer = demo.users['officer'];
  const ngo = demo.organisations['taihe-ngo'];
  if (!taihe || !officer || !ngo) return;
  for (const r of DEMO_RESCUES) {
    const occurredAt = new Date(r.at);
    const rescue = await manager.save(
      manager.create(RescueEntity, {
        occurredAt,
        place: r.place,
        lat: r.lat,
        lng: r.lng,
        jurisdictionId: taihe.id,
        jurisdictionPath: taihe.path,
        agencies: r.agencies,
        suspectsDetained: r.suspects,
        notes: r.notes,
        createdById: officer.id,
        createdAt: occurredAt,
        updatedAt: occurredAt,
      }),
    );
    for (const c of r.children) {
      const caseId = c.file ? await demoFileId(manager, demo, c.file) : null;
      const placedAt = c.placement ? new Date(occurredAt.getTime() + 6 * 3600_000) : null;
      const child = await manager.save(
        manager.create(RescuedChildEntity, {
          rescueId: rescue.id,
          caseId,
          name: c.name ?? null,
          sex: c.sex,
          estimatedAgeYears: c.age ?? null,
          condition: c.condition ?? null,
          injuriesOrDisabilities: c.injuries ?? null,
          dialect: c.dialect ?? null,
          status: 'in_care',
          placementKind: c.placement,
          placementOrganisationId: c.placement === 'ngo' ? ngo.id : null,
          placementShelter: c.placement === 'shelter' ? SHELTER : null,
          placedAt,
          jurisdictionPath: taihe.path,
          createdById: officer.id,
          createdAt: occurredAt,
          updatedAt: placedAt ?? occurredAt,
        }),
      );
      if (caseId) await markFileRescued(manager, caseId, rescue, child, officer.id);
      if (c.dnaSample) {
        await manager.query(`UPDATE dna_samples SET rescued_child_id = $1 WHERE barcode = $2 AND kind = 'child'`, [child.id, DEMO_DNA.childBarcode]);
      }
    }
  }
};
