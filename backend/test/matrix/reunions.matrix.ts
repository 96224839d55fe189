import { insertCase } from '../dna/dna-fixtures';
import { insertMatch, insertRescuedChild } from '../support/reunion-fixtures';
import { EVERYONE, type FeatureMatrix, type Who } from './route-matrix';

const MISSING = '00000000-0000-4000-8000-000000000000';

/** Family reunions: logging (with the gate), evidence look-up, sign-off, follow-ups. */
export const reunionsMatrix: FeatureMatrix = async ({ t, auth }) => {
  const other = { kind: 'other', description: '户籍资料与家属证言一致' };
  const reunion = (caseId: string, extra: object) => ({ caseId, reunitedOn: '2026-05-30', place: '太和县', familyPresent: [{ name: '李秀英', relationship: '母亲' }], ...extra });
  /** A file with a rescued child (in Taihe placed with the NGO, in Pudong in a shelter), and a verified reunion. */
  const verified = async (jurisdictionCode: string, as: string) => {
    const caseId = await insertCase(t.dataSource, jurisdictionCode);
    const childId = await insertRescuedChild(t.dataSource, { jurisdictionCode, caseId, placedWithNgo: jurisdictionCode === '341222' });
    const matchId = await insertMatch(t.dataSource, { caseId, rescuedChildId: childId, status: 'confirmed' });
    const res = await t.http().post('/api/v1/reunions').set('Authorization', as).send(reunion(caseId, { rescuedChildId: childId, evidence: { kind: 'dna_match', matchId } }));
    if (res.status !== 201) throw new Error(`reunions matrix: ${res.status} ${JSON.stringify(res.body)}`);
    return { caseId, id: res.body.id as string, followUpId: res.body.followUps[0].id as string };
  };
  const taihe = await verified('341222', auth.officer);
  const pudong = await verified('310115', await t.bearer('officer.pudong'));
  // Each caller logs on a file of its own (one reunion per file) and signs off a reunion of its own.
  type Fresh = { caseId: string; childId: string; pendingId: string };
  const fresh = new Map<Who, Fresh>();
  const mine = (who: Who) => fresh.get(who) as Fresh;
  for (const who of EVERYONE) {
    const caseId = await insertCase(t.dataSource, '341222');
    const childId = await insertRescuedChild(t.dataSource, { caseId });
    const pendingCase = await insertCase(t.dataSource, '341222');
    const pending = await t.http().post('/api/v1/reunions').set('Authorization', auth.officer).send(reunion(pendingCase, { evidence: other }));
    fresh.set(who, { caseId, childId, pendingId: pending.body.id });
  }
  const [pudongPending] = await t.dataSource.query(
    `INSERT INTO reunions (case_id, reunited_on, place, evidence_kind, other_verification, verification_status, jurisdiction_path, logged_by)
     SELECT $1, '2026-05-30', '浦东', 'other', 'x', 'pending_sign_off', jurisdiction_path, (SELECT id FROM users WHERE username = 'officer.pudong')
       FROM cases WHERE id = $1 RETURNING id`,
    [await insertCase(t.dataSource, '310115')],
  );
  const pudongFile = await insertCase(t.dataSource, '310115');
  const readers = { officer: 200, supervisor: 200, ngo_caseworker: 200, others: 403 };
  const outOfScope = { officer: 404, supervisor: 404, ngo_caseworker: 404, others: 403 };
  const visit = { visitedOn: '2026-07-01', visitor: '张社工', wellbeing: 'good', attendingSchool: true };

  return [
    { route: 'GET /api/v1/reunions', label: 'the list (filtered by scope)', path: '/api/v1/reunions', expect: readers },
    {
      route: 'POST /api/v1/reunions',
      label: 'a Taihe file and the child placed with the NGO, another verification',
      path: '/api/v1/reunions',
      body: (who: Who) => reunion(mine(who).caseId, { rescuedChildId: mine(who).childId, evidence: other }),
      expect: { officer: 201, supervisor: 201, ngo_caseworker: 201, others: 403 },
    },
    {
      route: 'POST /api/v1/reunions',
      label: 'a Pudong file (422: the same answer as a missing file)',
      path: '/api/v1/reunions',
      body: reunion(pudongFile, { evidence: other }),
      expect: { officer: 422, supervisor: 422, ngo_caseworker: 422, others: 403 },
    },
    { route: 'GET /api/v1/reunions/evidence', label: 'a Taihe file whose child the NGO cares for', path: `/api/v1/reunions/evidence?caseId=${taihe.caseId}`, expect: readers },
    { route: 'GET /api/v1/reunions/evidence', label: 'a Pudong file', path: `/api/v1/reunions/evidence?caseId=${pudong.caseId}`, expect: outOfScope },
    { route: 'GET /api/v1/reunions/follow-ups', label: 'overdue follow-ups (filtered by scope)', path: '/api/v1/reunions/follow-ups?status=overdue', expect: readers },
    { route: 'GET /api/v1/reunions/:id', label: 'a Taihe reunion of a child placed with the NGO', path: `/api/v1/reunions/${taihe.id}`, expect: readers },
    { route: 'GET /api/v1/reunions/:id', label: 'a Pudong reunion', path: `/api/v1/reunions/${pudong.id}`, expect: outOfScope },
    { route: 'GET /api/v1/reunions/:id', label: 'a missing id', path: `/api/v1/reunions/${MISSING}`, expect: outOfScope },
    {
      route: 'POST /api/v1/reunions/:id/sign-off',
      label: 'a Taihe reunion the officer logged, awaiting sign-off',
      path: (who: Who) => `/api/v1/reunions/${mine(who).pendingId}/sign-off`,
      body: { decision: 'verify' },
      expect: { supervisor: 200, others: 403 },
    },
    { route: 'POST /api/v1/reunions/:id/sign-off', label: 'a Pudong reunion', path: `/api/v1/reunions/${pudongPending.id}/sign-off`, body: { decision: 'verify' }, expect: { supervisor: 404, others: 403 } },
    {
      route: 'PUT /api/v1/reunions/:id/follow-ups/:followUpId',
      label: 'a Taihe reunion’s first follow-up (recorded, then corrected)',
      path: `/api/v1/reunions/${taihe.id}/follow-ups/${taihe.followUpId}`,
      body: visit,
      expect: readers,
    },
    { route: 'PUT /api/v1/reunions/:id/follow-ups/:followUpId', label: 'a Pudong reunion’s follow-up', path: `/api/v1/reunions/${pudong.id}/follow-ups/${pudong.followUpId}`, body: visit, expect: outOfScope },
  ];
};
