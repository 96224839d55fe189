import type { CampaignReportData, JurisdictionFiguresRow, MonthlyStatisticsData, ReportChild, ReportRescue, SummaryFigures } from '../types';

/**
 * Constructed report data for tests and benchmarks: the seed's story, a crackdown in Taihe county
 * (Fuyang, Anhui) where children used for begging were rescued. Deterministic for a given size.
 */

export const ANHUI = { code: '340000', name: '安徽省', nameEn: 'Anhui' };
export const FUYANG = { code: '341200', name: '阜阳市', nameEn: 'Fuyang' };
export const TAIHE = { code: '341222', name: '太和县', nameEn: 'Taihe County' };
export const LINQUAN = { code: '341221', name: '临泉县', nameEn: 'Linquan County' };
export const JIESHOU = { code: '341282', name: '界首市', nameEn: 'Jieshou' };

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '欧阳'];
const GIVEN = ['小明', '佳怡', '子涵', '浩然', '梓萱', '宇轩', '欣怡', '俊杰', '一诺', '思远'];
const PLACES = ['城关镇火车站广场', '汽车站北出口', '人民路地下通道', '旧县镇集市', '开发区工地宿舍'];

function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function constructedFigures(children: number): SummaryFigures {
  const identified = Math.round(children * 0.6);
  return {
    filesOpened: 42 + children,
    filesClosed: 7,
    filesByStatus: { open: 12, sighted: 5, located: 3, rescued: identified, reunited: Math.round(identified * 0.7), closed: 7 },
    sightingsReceived: 318,
    sightingsLinked: 57,
    sightingsDismissed: 201,
    rescues: Math.ceil(children / 5),
    childrenRecoveredIdentified: identified,
    childrenRecoveredUnidentified: children - identified,
    reunited: Math.round(identified * 0.7),
    suspectsDetained: 23,
    medianDaysMissingToFound: 412.5,
    medianDaysFoundToReunited: 16,
    dnaMatchesConfirmed: 19,
  };
}

export function constructedJurisdictions(): JurisdictionFiguresRow[] {
  const counts = (filesOpened: number, rescues: number, childrenRecovered: number) => ({
    filesOpened,
    filesClosed: 1,
    rescues,
    childrenRecovered,
    reunited: Math.floor(childrenRecovered / 2),
    suspectsDetained: rescues * 2,
  });
  return [
    { ...FUYANG, parentCode: ANHUI.code, own: counts(3, 0, 0) },
    { ...TAIHE, parentCode: FUYANG.code, own: counts(20, 4, 9) },
    { ...LINQUAN, parentCode: FUYANG.code, own: counts(11, 2, 4) },
    { ...JIESHOU, parentCode: FUYANG.code, own: counts(8, 1, 2) },
  ];
}

/** `children` rescued children in rescues of up to five; the first child is always `plantedName`. */
export function constructedRescues(children: number, plantedName = '王小明', seed = 7): ReportRescue[] {
  const random = seeded(seed);
  const rescues: ReportRescue[] = [];
  const start = Date.parse('2026-03-01T02:00:00Z');
  const places = [TAIHE, LINQUAN, JIESHOU];
  let made = 0;
  while (made < children) {
    const size = Math.min(children - made, 1 + Math.floor(random() * 5));
    const list: ReportChild[] = [];
    for (let i = 0; i < size; i++) {
      const name = made === 0 && i === 0 ? plantedName : random() < 0.15 ? null : `${SURNAMES[Math.floor(random() * SURNAMES.length)]}${GIVEN[Math.floor(random() * GIVEN.length)]}`;
      list.push({ name, sex: random() < 0.5 ? 'male' : 'female', ageYears: random() < 0.1 ? null : 3 + Math.floor(random() * 12), identified: name !== null && random() < 0.6 });
    }
    made += size;
    const jurisdiction = places[rescues.length % places.length];
    rescues.push({
      occurredAt: new Date(start + Math.floor(random() * 60) * 86_400_000 + Math.floor(random() * 12) * 3_600_000),
      place: `${jurisdiction.name}${PLACES[Math.floor(random() * PLACES.length)]}`,
      jurisdiction,
      children: list,
      suspectsDetained: Math.floor(random() * 3),
    });
  }
  return rescues;
}

export function constructedCampaign(children = 12, plantedName = '王小明'): CampaignReportData {
  return {
    generatedAt: new Date('2026-05-02T01:30:00Z'),
    campaign: {
      name: '2026年春季打拐专项行动（太和）',
      goals: '查找解救被拐卖和被组织乞讨的儿童，打击拐卖犯罪团伙，帮助儿童尽快与家人团聚。',
      jurisdiction: FUYANG,
      period: { from: new Date('2026-02-28T16:00:00Z'), to: new Date('2026-04-30T15:59:59Z') },
    },
    figures: constructedFigures(children),
    trend: [
      { period: '2026-03', filesOpened: 30, sightingsReceived: 180, childrenRecovered: Math.ceil(children / 2), reunited: 4 },
      { period: '2026-04', filesOpened: 12 + children, sightingsReceived: 138, childrenRecovered: Math.floor(children / 2), reunited: 6 },
    ],
    jurisdictions: constructedJurisdictions(),
    rescues: constructedRescues(children, plantedName),
  };
}

export function constructedMonth(children = 8, plantedName = '王小明'): MonthlyStatisticsData {
  const months = ['2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
  return {
    generatedAt: new Date('2026-05-02T01:30:00Z'),
    month: '2026-04',
    jurisdiction: FUYANG,
    figures: constructedFigures(children),
    trend: months.map((period, i) => ({ period, filesOpened: 10 + ((i * 7) % 9), sightingsReceived: 40 + ((i * 13) % 30), childrenRecovered: (i * 5) % 7, reunited: (i * 3) % 4 })),
    jurisdictions: constructedJurisdictions(),
    rescues: constructedRescues(children, plantedName, 11),
  };
}
