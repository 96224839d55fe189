import type { EntityManager } from 'typeorm';
import type { DemoSeed } from '../database/seed/demo-seed';
import { followUpSchedule } from './follow-up-schedule';
import type { FamilyMemberPresent, Wellbeing } from './reunion.entity';

interface DemoVisit {
  visitor: string;
  wellbeing: Wellbeing;
  attendingSchool: boolean | null;
  riskFlags: string[];
  notes: string;
}

interface DemoReunion {
  /** The demo file of the rescued child (rescues demo). */
  file: string;
  reunitedOn: string;
  place: string;
  family: FamilyMemberPresent[];
  verification: string;
  /** Signed off by the supervisor (verified), or still waiting. */
  verified: boolean;
  /** What the visits found, in order; visits beyond these are not made yet (overdue once their date passes). */
  visits: DemoVisit[];
}

/** The default schedule (REUNION_FOLLOW_UP_MONTHS). */
const DEMO_FOLLOW_UP_MONTHS = [1, 3, 6, 12];

/**
 * Three children of the Taihe crackdown go home: 陈思琪 in June (one visit made, the 3-month visit
 * overdue), 黄诗雨 in September (one visit made, the next due soon), and 孙嘉豪, whose reunion the NGO
 * logged without DNA evidence and which awaits the supervisor's sign-off.
 */
const DEMO_REUNIONS: DemoReunion[] = [
  {
    file: '陈思琪',
    reunitedOn: '2026-06-20',
    place: '太和县城关镇陈家 (the family home, Chengguan)',
    family: [
      { name: '陈国强', relationship: '父亲 (father)' },
      { name: '刘芳', relationship: '母亲 (mother)' },
    ],
    verification: '户口簿、出生医学证明与失踪时照片一致；母亲描述的胎记与孩子相符。(Household register, birth certificate and photos match; the birthmark the mother described matches.)',
    verified: true,
    visits: [{ visitor: '张社工 Zhang', wellbeing: 'good', attendingSchool: true, riskFlags: [], notes: '已回到原学校，睡眠改善。(Back at her old school, sleeping better.)' }],
  },
  {
    file: '黄诗雨',
    reunitedOn: '2026-09-05',
    place: '太和县旧县镇黄家 (the family home, Jiuxian)',
    family: [
      { name: '黄建华', relationship: '父亲 (father)' },
      { name: '黄奶奶', relationship: '祖母 (grandmother)' },
    ],
    verification: '祖母与孩子相认，村委会出具证明，邻居两人作证。(The grandmother recognised her; village committee letter; two neighbours as witnesses.)',
    verified: true,
    visits: [{ visitor: '张社工 Zhang', wellbeing: 'fair', attendingSchool: false, riskFlags: ['not_in_school', 'economic_hardship'], notes: '尚未复学，已联系学校。(Not back at school yet; the school has been contacted.)' }],
  },
  {
    file: '孙嘉豪',
    reunitedOn: '2026-10-20',
    place: '太和县民政局 (Taihe Civil Affairs Bureau)',
    family: [{ name: '孙立', relationship: '父亲 (father)' }],
    verification: '父亲提供的照片与孩子相貌一致，孩子能说出家中地址。(The father’s photos match; the boy could name his home address.)',
    verified: false,
    visits: [],
  },
];

async function demoChild(manager: EntityManager, fileName: string) {
  const [row]: { child_id: string; case_id: string; case_path: string; case_status: string }[] = await manager.query(
    `SELECT rc.id AS child_id, c.id AS case_id, c.jurisdiction_path AS case_path, c.status AS case_status
       FROM rescued_children rc JOIN cases c ON c.id = rc.case_id
      WHERE c.child_full_name = $1 AND rc.placement_kind = 'ngo' LIMIT 1`,
    [fileName],
  );
  return row ?? null;
}

export const reunionsDemoSeed: DemoSeed = async (manager, demo) => {
  const ngoUser = demo.users['ngo'];
  const supervisor = demo.users['supervisor'];
  const ngo = demo.organisations['taihe-ngo'];
  if (!ngoUser || !supervisor || !ngo) return;
  for (const r of DEMO_REUNIONS) {
    const child = await demoChild(manager, r.file);
    if (!child) continue;
    const loggedAt = new Date(`${r.reunitedOn}T10:00:00Z`);
    const signedAt = new Date(loggedAt.getTime() + 26 * 3600_000);
    const [reunion]: { id: string }[] = await manager.query(
      `INSERT INTO reunions (case_id, rescued_child_id, reunited_on, place, family_present, evidence_kind, other_verification, verification_status,
                             signed_off_by, signed_off_at, sign_off_note, organisation_id, jurisdiction_path, logged_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'other', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
      [
        child.case_id,
        child.child_id,
        r.reunitedOn,
        r.place,
        JSON.stringify(r.family),
        r.verification,
        r.verified ? 'verified' : 'pending_sign_off',
        r.verified ? supervisor.id : null,
        r.verified ? signedAt : null,
        r.verified ? '材料齐全，核实无误。(Documents complete and consistent.)' : null,
        ngo.id,
        child.case_path,
        ngoUser.id,
        loggedAt,
        r.verified ? signedAt : loggedAt,
      ],
    );
    if (!r.verified) continue;
    // What verification does (ReunionsService.applyVerification), at the time of the sign-off.
    const details = { reunionId: reunion.id, reunitedOn: r.reunitedOn, place: r.place, evidenceKind: 'other', matchId: null };
    await manager.query(`UPDATE cases SET status = 'reunited', reunited_at = $2, found_at = COALESCE(found_at, $2), updated_at = $2, version = version + 1 WHERE id = $1`, [
      child.case_id,
      signedAt,
    ]);
    await manager.query(
      `INSERT INTO case_events (case_id, occurred_at, type, actor_id, details) VALUES
         ($1, $2, 'status_changed', $3, $4), ($1, $2, 'reunion_verified', $3, $5)`,
      [child.case_id, signedAt, supervisor.id, JSON.stringify({ from: child.case_status, to: 'reunited', driver: 'reunited', ...details }), JSON.stringify(details)],
    );
    await manager.query(`UPDATE rescued_children SET status = 'reunited', updated_at = $2, version = version + 1 WHERE id = $1`, [child.child_id, signedAt]);
    for (const [i, f] of followUpSchedule(r.reunitedOn, DEMO_FOLLOW_UP_MONTHS).entries()) {
      const visit = r.visits[i];
      const visitedOn = visit ? f.dueOn : null;
      await manager.query(
        `INSERT INTO reunion_follow_ups (reunion_id, months_after, due_on, visited_on, visitor, wellbeing, attending_school, risk_flags, notes, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          reunion.id,
          f.monthsAfter,
          f.dueOn,
          visitedOn,
          visit?.visitor ?? null,
          visit?.wellbeing ?? null,
          visit?.attendingSchool ?? null,
          visit?.riskFlags ?? [],
          visit?.notes ?? null,
          visit ? ngoUser.id : null,
          visitedOn ? new Date(`${visitedOn}T09:00:00Z`) : null,
        ],
      );
    }
  }
};
