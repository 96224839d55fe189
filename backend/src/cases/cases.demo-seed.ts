import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addDemoPhoto, demoPhotoStorage, type DrawnChild, drawnChild } from '../attachments/demo-photos';
import type { DemoContext, DemoSeed } from '../database/seed/demo-seed';
import { CaseEntity, CaseEventEntity, type CasePriority, type CaseStatus, type ChildSex } from './case.entity';
import { nameSearchColumns } from './search-text';

interface DemoCase {
  name: string;
  otherNames?: string;
  sex: ChildSex;
  dateOfBirth?: string;
  estimatedAge?: number;
  heightCm?: number;
  marks?: string;
  disabilities?: string;
  dialect?: string;
  lastSeenAt: string;
  place: string;
  lat: number;
  lng: number;
  jurisdiction: '341222' | '341221' | '310115';
  circumstances: string;
  priority: CasePriority;
  /** The path it went through, from open. */
  history: CaseStatus[];
  closureReason?: string;
  reporter?: { name: string; relationship: string; phone: string; address?: string };
  family?: { name: string; relationship: string; phone: string }[];
  sharedWithNgo?: boolean;
  /** Colours of the illustrated placeholder portrait (none: no photo). */
  portrait?: DrawnChild;
}

/**
 * Demo missing-child files (Taihe and Linquan in Fuyang, two in Pudong). The first is the file the
 * DNA demo family belongs to (张小明, open; the DNA seed runs after this one and attaches to it).
 * Names, places and phone numbers are invented; the "photos" are drawn shapes, never real faces.
 */
const DEMO_CASES: DemoCase[] = [
  {
    name: '张小明',
    otherNames: '明明',
    sex: 'male',
    dateOfBirth: '2019-03-14',
    heightCm: 112,
    marks: '左耳后有一颗黑痣 (mole behind the left ear)',
    dialect: '皖北方言 (northern Anhui)',
    lastSeenAt: '2026-05-20T09:30:00Z',
    place: '太和县城关镇人民路菜市场',
    lat: 33.1602,
    lng: 115.622,
    jurisdiction: '341222',
    circumstances: '随母亲买菜时在人群中走失，身穿蓝色外套。(Lost in the crowd while shopping with his mother; blue jacket.)',
    priority: 'urgent',
    history: ['open'],
    reporter: { name: '张建国', relationship: '父亲 (father)', phone: '+86 138 0000 0001', address: '太和县城关镇人民路 12 号' },
    family: [{ name: '李秀英', relationship: '母亲 (mother)', phone: '+86 139 0000 0002' }],
    portrait: { skin: '#f1c9a5', hair: '#2b2118', shirt: '#3f6fb5', background: '#dfe9f5' },
  },
  {
    name: '王梓涵',
    sex: 'female',
    dateOfBirth: '2017-08-02',
    heightCm: 128,
    marks: '右手腕有烫伤疤痕 (burn scar on the right wrist)',
    dialect: '普通话、太和话',
    lastSeenAt: '2026-09-03T16:10:00Z',
    place: '太和县第三小学校门口',
    lat: 33.1685,
    lng: 115.6093,
    jurisdiction: '341222',
    circumstances: '放学后未回家，同学称看到她上了一辆白色面包车。(Did not come home from school; a classmate saw her get into a white van.)',
    priority: 'urgent',
    history: ['open', 'sighted'],
    reporter: { name: '王海军', relationship: '父亲 (father)', phone: '+86 137 0000 0011' },
    family: [{ name: '刘芳', relationship: '母亲 (mother)', phone: '+86 136 0000 0012' }],
    sharedWithNgo: true,
    portrait: { skin: '#eec39a', hair: '#1d1a17', shirt: '#d9534f', background: '#fbe3e1' },
  },
  {
    name: '李浩宇',
    sex: 'male',
    estimatedAge: 4,
    heightCm: 100,
    marks: '门牙缺一颗 (one front tooth missing)',
    lastSeenAt: '2026-10-11T11:00:00Z',
    place: '太和县旧县镇集市',
    lat: 33.2305,
    lng: 115.7012,
    jurisdiction: '341222',
    circumstances: '赶集时与祖母走散。(Separated from his grandmother at the market.)',
    priority: 'high',
    history: ['open'],
    reporter: { name: '李桂兰', relationship: '祖母 (grandmother)', phone: '+86 135 0000 0021' },
    portrait: { skin: '#f3cfae', hair: '#3a2a1c', shirt: '#4caf50', background: '#e3f2e1' },
  },
  {
    name: '陈思琪',
    sex: 'female',
    dateOfBirth: '2015-11-23',
    heightCm: 141,
    dialect: '普通话',
    lastSeenAt: '2025-07-18T20:45:00Z',
    place: '太和县汽车站',
    lat: 33.1549,
    lng: 115.6349,
    jurisdiction: '341222',
    circumstances: '与网友相约见面后失联。(Lost contact after meeting someone she knew online.)',
    priority: 'high',
    history: ['open', 'sighted', 'located'],
    reporter: { name: '陈立新', relationship: '父亲 (father)', phone: '+86 133 0000 0031' },
  },
  {
    name: '刘子轩',
    sex: 'male',
    dateOfBirth: '2018-06-30',
    heightCm: 118,
    disabilities: '轻度听力障碍，佩戴助听器 (mild hearing loss, wears a hearing aid)',
    lastSeenAt: '2025-02-09T08:20:00Z',
    place: '太和县三塔镇村口',
    lat: 33.1012,
    lng: 115.5588,
    jurisdiction: '341222',
    circumstances: '春节期间在村口玩耍时失踪。(Went missing while playing at the village entrance over Spring Festival.)',
    priority: 'high',
    history: ['open', 'sighted', 'located', 'rescued'],
    reporter: { name: '刘强', relationship: '父亲 (father)', phone: '+86 132 0000 0041' },
    portrait: { skin: '#e9bd94', hair: '#251d16', shirt: '#f0ad4e', background: '#fdf0dc' },
  },
  {
    name: '赵欣怡',
    sex: 'female',
    dateOfBirth: '2012-04-05',
    heightCm: 150,
    lastSeenAt: '2024-12-01T18:00:00Z',
    place: '太和县城关镇沙河桥',
    lat: 33.1631,
    lng: 115.6255,
    jurisdiction: '341222',
    circumstances: '与父母争吵后离家。(Left home after an argument with her parents.)',
    priority: 'normal',
    history: ['open', 'closed'],
    closureReason: '孩子已自行回家，经核实平安。(The child came home by herself; confirmed safe.)',
    reporter: { name: '赵红梅', relationship: '母亲 (mother)', phone: '+86 131 0000 0051' },
  },
  {
    name: '孙嘉豪',
    sex: 'male',
    estimatedAge: 9,
    heightCm: 132,
    marks: '额头有一道浅疤 (faint scar on the forehead)',
    dialect: '太和话',
    lastSeenAt: '2026-08-22T14:30:00Z',
    place: '太和县宫集镇中学附近',
    lat: 33.2811,
    lng: 115.5703,
    jurisdiction: '341222',
    circumstances: '暑假期间外出未归。(Went out during the summer holidays and did not return.)',
    priority: 'normal',
    history: ['open'],
    reporter: { name: '孙志刚', relationship: '父亲 (father)', phone: '+86 150 0000 0061' },
  },
  {
    name: '周雨桐',
    sex: 'female',
    dateOfBirth: '2020-01-17',
    heightCm: 98,
    lastSeenAt: '2026-06-14T10:15:00Z',
    place: '临泉县城关街道人民广场',
    lat: 33.0412,
    lng: 115.2613,
    jurisdiction: '341221',
    circumstances: '在广场玩耍时不见。(Disappeared while playing in the square.)',
    priority: 'urgent',
    history: ['open'],
    reporter: { name: '周建华', relationship: '父亲 (father)', phone: '+86 151 0000 0071' },
    portrait: { skin: '#f5d2b3', hair: '#2e2219', shirt: '#9c27b0', background: '#efe1f3' },
  },
  {
    name: '吴俊杰',
    sex: 'male',
    dateOfBirth: '2016-09-09',
    heightCm: 135,
    lastSeenAt: '2024-05-03T07:40:00Z',
    place: '临泉县长官镇路口',
    lat: 33.0121,
    lng: 115.3402,
    jurisdiction: '341221',
    circumstances: '上学途中失踪，书包在路边被发现。(Missing on the way to school; his school bag was found by the road.)',
    priority: 'high',
    history: ['open', 'sighted', 'located', 'rescued', 'reunited'],
    reporter: { name: '吴德明', relationship: '祖父 (grandfather)', phone: '+86 152 0000 0081' },
  },
  {
    name: '黄诗雨',
    sex: 'female',
    estimatedAge: 11,
    lastSeenAt: '2025-10-28T19:00:00Z',
    place: '太和县城关镇步行街',
    lat: 33.1598,
    lng: 115.6188,
    jurisdiction: '341222',
    circumstances: '与同学逛街后未回家。(Did not return home after shopping with classmates.)',
    priority: 'normal',
    history: ['open', 'sighted'],
    reporter: { name: '黄丽', relationship: '母亲 (mother)', phone: '+86 153 0000 0091' },
  },
  {
    name: '徐一鸣',
    sex: 'male',
    dateOfBirth: '2014-02-14',
    heightCm: 145,
    lastSeenAt: '2026-03-08T13:20:00Z',
    place: '上海市浦东新区世纪公园',
    lat: 31.2163,
    lng: 121.5453,
    jurisdiction: '310115',
    circumstances: '随家人游园时走失。(Separated from his family in the park.)',
    priority: 'high',
    history: ['open'],
    reporter: { name: '徐建平', relationship: '父亲 (father)', phone: '+86 186 0000 0101' },
  },
  {
    name: '朱佳琪',
    sex: 'female',
    dateOfBirth: '2018-12-25',
    heightCm: 116,
    lastSeenAt: '2025-11-15T17:30:00Z',
    place: '上海市浦东新区陆家嘴地铁站',
    lat: 31.2381,
    lng: 121.5012,
    jurisdiction: '310115',
    circumstances: '晚高峰在地铁站与母亲走散。(Separated from her mother at the metro station in the evening rush.)',
    priority: 'normal',
    history: ['open', 'sighted'],
    reporter: { name: '朱敏', relationship: '母亲 (mother)', phone: '+86 187 0000 0111' },
  },
];

const DAY = 86_400_000;
const logger = new Logger('CasesDemoSeed');

async function nextCaseNumber(manager: EntityManager, year: number): Promise<string> {
  const [row]: { last_value: number }[] = await manager.query(
    `INSERT INTO case_number_counters (year, last_value) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last_value = case_number_counters.last_value + 1
     RETURNING last_value`,
    [year],
  );
  return `MC-${year}-${String(row.last_value).padStart(6, '0')}`;
}

function birthEstimate(c: DemoCase, openedAt: Date): string {
  if (c.dateOfBirth) return c.dateOfBirth;
  const d = new Date(openedAt.getTime() - (c.estimatedAge ?? 0) * 365.25 * DAY);
  return d.toISOString().slice(0, 10);
}

export const casesDemoSeed: DemoSeed = async (manager: EntityManager, demo: DemoContext) => {
  const storage = demoPhotoStorage();
  const ngo = demo.organisations['taihe-ngo'];
  for (const c of DEMO_CASES) {
    const j = demo.jurisdictions[c.jurisdiction];
    const officer = c.jurisdiction === '310115' ? demo.users['officer.pudong'] : demo.users['officer'];
    const supervisor = c.jurisdiction === '310115' ? null : demo.users['supervisor'];
    const openedAt = new Date(new Date(c.lastSeenAt).getTime() + 3 * 3600_000);
    const status = c.history[c.history.length - 1];
    const updatedAt = new Date(openedAt.getTime() + (c.history.length - 1) * 4 * DAY);
    const caseNumber = await nextCaseNumber(manager, openedAt.getUTCFullYear());
    const saved = await manager.save(
      manager.create(CaseEntity, {
        caseNumber,
        childFullName: c.name,
        childOtherNames: c.otherNames ?? null,
        ...nameSearchColumns(c.name, c.otherNames),
        childSex: c.sex,
        childDateOfBirth: c.dateOfBirth ?? null,
        childEstimatedAgeYears: c.dateOfBirth ? null : (c.estimatedAge ?? null),
        childBirthDateEstimate: birthEstimate(c, openedAt),
        childHeightCm: c.heightCm ?? null,
        childDistinguishingMarks: c.marks ?? null,
        childDisabilities: c.disabilities ?? null,
        childDialect: c.dialect ?? null,
        lastSeenAt: new Date(c.lastSeenAt),
        lastSeenPlace: c.place,
        lastSeenLat: c.lat,
        lastSeenLng: c.lng,
        reporter: c.reporter ?? null,
        familyContacts: c.family ?? [],
        circumstances: c.circumstances,
        priority: c.priority,
        status,
        closureReason: c.closureReason ?? null,
        jurisdictionId: j.id,
        jurisdictionPath: j.path,
        assignedOfficerId: officer.id,
        sharedWithOrganisationId: c.sharedWithNgo ? ngo.id : null,
        sharedUntil: c.sharedWithNgo ? new Date('2027-06-30T00:00:00Z') : null,
        createdById: officer.id,
        createdAt: openedAt,
        updatedAt,
        deletedAt: null,
      }),
    );
    const events: Partial<CaseEventEntity>[] = [
      { type: 'created', actorId: officer.id, occurredAt: openedAt, details: { caseNumber, priority: c.priority, jurisdictionCode: c.jurisdiction } },
      {
        type: 'assigned',
        actorId: supervisor?.id ?? officer.id,
        occurredAt: new Date(openedAt.getTime() + 3600_000),
        details: { officerId: officer.id, officer: officer.username },
      },
    ];
    c.history.slice(1).forEach((to, i) => {
      events.push({
        type: 'status_changed',
        actorId: officer.id,
        occurredAt: new Date(openedAt.getTime() + (i + 1) * 4 * DAY),
        details: { from: c.history[i], to, ...(to === 'closed' ? { reason: c.closureReason } : {}) },
      });
    });
    if (c.sharedWithNgo) {
      events.push({
        type: 'shared',
        actorId: supervisor?.id ?? officer.id,
        occurredAt: new Date(openedAt.getTime() + 2 * 3600_000),
        details: { organisationId: ngo.id, organisation: ngo.name, sharedUntil: '2027-06-30T00:00:00.000Z' },
      });
    }
    for (const e of events) await manager.save(manager.create(CaseEventEntity, { caseId: saved.id, ...e }));
    if (c.portrait && storage) {
      try {
        const image = await drawnChild(c.portrait, { smile: true }).png().toBuffer();
        await addDemoPhoto(manager, storage, image, {
          entityType: 'case',
          entityId: saved.id,
          fileName: `demo-portrait-${c.name}.png`,
          uploadedById: officer.id,
          createdAt: new Date(openedAt.getTime() + 1800_000),
        });
      } catch (error) {
        logger.warn(`Demo photo of ${caseNumber} not stored: ${(error as Error).message}`);
      }
    }
  }
};
