import type { EntityManager } from 'typeorm';
import { addDemoPhoto, demoPhotoStorage, type DrawnChild, drawnChild } from '../attachments/demo-photos';
import type { DemoContext, DemoSeed } from '../database/seed/demo-seed';
import { newReceiptCode } from './receipt';
import { SightingEntity, type SightingSex, type SightingStatus } from './sighting.entity';

interface DemoSighting {
  hoursAgo: number;
  lat: number;
  lng: number;
  place: string;
  sex: SightingSex;
  age: number | null;
  description: string;
  flags?: Partial<Record<'begging' | 'withAdult' | 'visibleInjuryOrDisability' | 'distressed', boolean>>;
  source?: 'public' | 'officer';
  status?: SightingStatus;
  /** Link to the demo file of this child (by name); the file is already "sighted" in the cases seed. */
  linkTo?: string;
  /** Colours of a drawn placeholder (none: no photo). */
  photo?: DrawnChild;
}

/**
 * Demo sightings around Taihe (33.16 N, 115.62 E). Invented places and descriptions; the photos are
 * drawn shapes marked "DEMO", never real children. New ones are left unmatched: the matching sweep
 * ranks their candidates within a minute or two of the first start.
 */
const DEMO_SIGHTINGS: DemoSighting[] = [
  {
    hoursAgo: 5,
    lat: 33.1655,
    lng: 115.6301,
    place: '太和县城关镇人民路天桥下',
    sex: 'female',
    age: 9,
    description: '小女孩穿红色外套，右手腕有疤，跟着一名中年男子乞讨。(Girl in a red coat, scar on the right wrist, begging with a middle-aged man.)',
    flags: { begging: true, withAdult: true },
    photo: { skin: '#eec39a', hair: '#1d1a17', shirt: '#d9534f', background: '#fbe3e1' },
  },
  {
    hoursAgo: 20,
    lat: 33.1552,
    lng: 115.6338,
    place: '太和县汽车站候车厅',
    sex: 'male',
    age: 7,
    description: '男孩独自坐在候车厅角落，看起来很害怕，穿蓝色外套。(Boy alone in a corner of the waiting hall, frightened, blue jacket.)',
    flags: { distressed: true },
    photo: { skin: '#f1c9a5', hair: '#2b2118', shirt: '#3f6fb5', background: '#dfe9f5' },
  },
  {
    hoursAgo: 30,
    lat: 33.2291,
    lng: 115.6987,
    place: '旧县镇集市东头',
    sex: 'male',
    age: 4,
    description: '很小的男孩，门牙缺一颗，由一名妇女抱着。(Very young boy, one front tooth missing, carried by a woman.)',
    flags: { withAdult: true },
  },
  {
    hoursAgo: 52,
    lat: 33.1601,
    lng: 115.6192,
    place: '步行街商场门口',
    sex: 'female',
    age: 12,
    description: '女孩在商场门口徘徊，穿校服。(Girl lingering at the mall entrance in a school uniform.)',
    source: 'officer',
    status: 'triaged',
  },
  {
    hoursAgo: 70,
    lat: 33.1402,
    lng: 115.6011,
    place: '城南加油站',
    sex: 'unknown',
    age: null,
    description: '一辆白色面包车里有个孩子在哭。(A child crying inside a white van.)',
    flags: { distressed: true },
  },
  {
    hoursAgo: 96,
    lat: 33.1711,
    lng: 115.6402,
    place: '太和县人民医院急诊门口',
    sex: 'male',
    age: 6,
    description: '男孩左腿有伤，跛行，跟着两名成年人。(Boy limping with an injured left leg, with two adults.)',
    flags: { withAdult: true, visibleInjuryOrDisability: true },
    photo: { skin: '#e9bd94', hair: '#251d16', shirt: '#607d8b', background: '#e6ecef' },
  },
  {
    hoursAgo: 150,
    lat: 33.1679,
    lng: 115.6101,
    place: '第三小学附近路口',
    sex: 'female',
    age: 9,
    description: '看到照片上的女孩被带上白色面包车。(Saw the girl from the poster being put into a white van.)',
    status: 'linked',
    linkTo: '王梓涵',
    photo: { skin: '#eec39a', hair: '#1d1a17', shirt: '#d9534f', background: '#fbe3e1' },
  },
  {
    hoursAgo: 200,
    lat: 33.1588,
    lng: 115.6266,
    place: '沙河桥',
    sex: 'male',
    age: 10,
    description: '男孩在桥下玩，家长就在旁边。(Boy playing under the bridge, his parents nearby.)',
    status: 'dismissed',
  },
];

const HOUR = 3_600_000;

/** After the cases seed (it links one sighting to a demo file). */
export const sightingsDemoSeed: DemoSeed = async (manager: EntityManager, demo: DemoContext) => {
  const taihe = demo.jurisdictions['341222'];
  if (!taihe) return;
  const storage = demoPhotoStorage();
  const officer = demo.users['officer'];
  const now = Date.now();
  for (const s of DEMO_SIGHTINGS) {
    const seenAt = new Date(now - s.hoursAgo * HOUR);
    // Received a little after it was seen; at least two minutes ago, so the matching sweep takes it.
    const createdAt = new Date(Math.min(seenAt.getTime() + 20 * 60_000, now - 2 * 60_000));
    let linkedCaseId: string | null = null;
    if (s.linkTo) {
      const [row]: { id: string }[] = await manager.query('SELECT id FROM cases WHERE child_full_name = $1 AND deleted_at IS NULL LIMIT 1', [s.linkTo]);
      linkedCaseId = row?.id ?? null;
    }
    const status: SightingStatus = s.linkTo && !linkedCaseId ? 'new' : (s.status ?? 'new');
    const closedOrTriaged = status !== 'new';
    const saved = await manager.save(
      manager.create(SightingEntity, {
        receiptCode: newReceiptCode(),
        source: s.source ?? 'public',
        status,
        seenAt,
        seenAtSource: 'reporter',
        latitude: s.lat,
        longitude: s.lng,
        locationSource: 'reporter',
        placeText: s.place,
        jurisdictionId: taihe.id,
        jurisdictionPath: taihe.path,
        begging: s.flags?.begging ?? false,
        withAdult: s.flags?.withAdult ?? false,
        visibleInjuryOrDisability: s.flags?.visibleInjuryOrDisability ?? false,
        distressed: s.flags?.distressed ?? false,
        estimatedAgeYears: s.age,
        sex: s.sex,
        description: s.description,
        reporterContactSealed: null,
        reportedByUserId: s.source === 'officer' ? (officer?.id ?? null) : null,
        dismissedReason: status === 'dismissed' ? '核实为家长带孩子玩耍，非失踪儿童。(Checked: a child playing with his parents, not missing.)' : null,
        linkedCaseId,
        triagedByUserId: closedOrTriaged ? (officer?.id ?? null) : null,
        triagedAt: closedOrTriaged ? new Date(createdAt.getTime() + HOUR) : null,
        matchedAt: null,
        createdAt,
        updatedAt: createdAt,
      }),
    );
    if (s.photo && storage) {
      const image = await drawnChild(s.photo, { smile: false }).jpeg({ quality: 85 }).toBuffer();
      await addDemoPhoto(manager, storage, image, { entityType: 'sighting', entityId: saved.id, fileName: 'demo-sighting.jpg', uploadedById: null, createdAt });
    }
  }
};
