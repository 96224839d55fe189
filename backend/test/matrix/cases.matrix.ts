import sharp from 'sharp';
import { EVERYONE, type FeatureMatrix, type Who } from './route-matrix';

const MISSING = '00000000-0000-4000-8000-000000000000';

const caseBody = (jurisdictionCode: string) => ({
  child: { fullName: '矩阵测试', sex: 'female', estimatedAgeYears: 6 },
  lastSeenAt: '2026-01-10T08:00:00Z',
  lastSeenPlace: '测试地点',
  lastSeenLat: 33.16,
  lastSeenLng: 115.62,
  jurisdictionCode,
  priority: 'normal',
});

/** Missing-child files and their photos. */
export const casesMatrix: FeatureMatrix = async ({ t, auth, userId }) => {
  const pudongAuth = await t.bearer('officer.pudong');
  const create = async (who: string, code: string) => {
    const res = await t.http().post('/api/v1/cases').set('Authorization', who).send(caseBody(code));
    if (res.status !== 201) throw new Error(`cases matrix: cannot create a file: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const taihe = await create(auth.officer, '341222');
  const pudong = await create(pudongAuth, '310115');
  const shared = await create(auth.officer, '341222');
  const ngo = (await t.dataSource.query(`SELECT organisation_id AS id FROM users WHERE username = 'ngo'`))[0].id as string;
  const until = new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString();
  await t.http().post(`/api/v1/cases/${shared}/sharing`).set('Authorization', auth.supervisor).send({ version: 1, organisationId: ngo, sharedUntil: until });
  const photo = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#8899aa' } }).jpeg().toBuffer();
  const upload = await t.http().post('/api/v1/attachments').set('Authorization', auth.officer).field('entityType', 'case').field('entityId', shared).attach('file', photo, 'p.jpg');
  if (upload.status !== 201) throw new Error(`cases matrix: cannot upload: ${upload.status} ${JSON.stringify(upload.body)}`);
  const attachmentId = upload.body.id as string;
  // A fresh Taihe file per caller for the routes that change one.
  const fresh = new Map<Who, string>();
  for (const who of EVERYONE) fresh.set(who, await create(auth.officer, '341222'));
  const officerId = await userId('officer');

  return [
    { route: 'GET /api/v1/cases', label: 'list (filtered by scope)', path: '/api/v1/cases', expect: { admin: 403, others: 200 } },
    { route: 'POST /api/v1/cases', label: 'a Taihe file', path: '/api/v1/cases', body: caseBody('341222'), expect: { officer: 201, supervisor: 201, others: 403 } },
    {
      route: 'GET /api/v1/cases/:id',
      label: 'a Taihe file (lab: minimal view)',
      path: `/api/v1/cases/${taihe}`,
      expect: { officer: 200, supervisor: 200, lab_technician: 200, ngo_caseworker: 404, admin: 403 },
    },
    { route: 'GET /api/v1/cases/:id', label: 'a Pudong file (outside Taihe)', path: `/api/v1/cases/${pudong}`, expect: { admin: 403, others: 404 } },
    {
      route: 'GET /api/v1/cases/:id',
      label: 'a Taihe file shared with the NGO',
      path: `/api/v1/cases/${shared}`,
      expect: { officer: 200, supervisor: 200, lab_technician: 200, ngo_caseworker: 200, admin: 403 },
    },
    {
      route: 'GET /api/v1/cases/:id/timeline',
      label: 'a shared Taihe file (timeline: police only)',
      path: `/api/v1/cases/${shared}/timeline`,
      expect: { officer: 200, supervisor: 200, lab_technician: 404, ngo_caseworker: 404, admin: 403 },
    },
    { route: 'GET /api/v1/cases/:id/timeline', label: 'a Pudong file', path: `/api/v1/cases/${pudong}/timeline`, expect: { admin: 403, others: 404 } },
    {
      route: 'PATCH /api/v1/cases/:id',
      label: 'a fresh Taihe file',
      path: (who) => `/api/v1/cases/${fresh.get(who)}`,
      body: { version: 1, circumstances: 'matrix' },
      expect: { officer: 200, supervisor: 200, others: 403 },
    },
    { route: 'PATCH /api/v1/cases/:id', label: 'a Pudong file', path: `/api/v1/cases/${pudong}`, body: { version: 1, circumstances: 'x' }, expect: { officer: 404, supervisor: 404, others: 403 } },
    {
      route: 'POST /api/v1/cases/:id/status',
      label: 'a Pudong file',
      path: `/api/v1/cases/${pudong}/status`,
      body: { version: 1, status: 'sighted' },
      expect: { officer: 404, supervisor: 404, others: 403 },
    },
    {
      route: 'POST /api/v1/cases/:id/status',
      label: 'a fresh Taihe file to closed',
      path: (who) => `/api/v1/cases/${fresh.get(who)}/status`,
      // PATCH ran first on the same file: version 2 for the roles that could change it.
      body: (who) => ({ version: who === 'officer' || who === 'supervisor' ? 2 : 1, status: 'closed', reason: 'matrix test' }),
      expect: { officer: 200, supervisor: 200, others: 403 },
    },
    {
      route: 'POST /api/v1/cases/:id/assignment',
      label: 'a Taihe file to the Taihe officer',
      path: `/api/v1/cases/${taihe}/assignment`,
      body: { version: 1, officerId },
      expect: { supervisor: 200, others: 403 },
    },
    {
      route: 'POST /api/v1/cases/:id/sharing',
      label: 'a Pudong file',
      path: `/api/v1/cases/${pudong}/sharing`,
      body: { version: 1, organisationId: ngo, sharedUntil: until },
      expect: { supervisor: 404, others: 403 },
    },
    {
      route: 'POST /api/v1/cases/:id/sharing',
      label: 'a Taihe file with the NGO',
      path: `/api/v1/cases/${taihe}/sharing`,
      body: { version: 2, organisationId: ngo, sharedUntil: until },
      expect: { supervisor: 200, others: 403 },
    },

    {
      route: 'POST /api/v1/attachments',
      label: 'a JSON body (authorised roles get 415: photos must be multipart)',
      path: '/api/v1/attachments',
      body: { entityType: 'case', entityId: taihe },
      expect: { officer: 415, supervisor: 415, others: 403 },
    },
    {
      route: 'GET /api/v1/attachments',
      label: 'photos of a shared Taihe file',
      path: `/api/v1/attachments?entityType=case&entityId=${shared}`,
      expect: { officer: 200, supervisor: 200, ngo_caseworker: 200, others: 403 },
    },
    {
      route: 'GET /api/v1/attachments',
      label: 'photos of a Pudong file',
      path: `/api/v1/attachments?entityType=case&entityId=${pudong}`,
      expect: { officer: 404, supervisor: 404, ngo_caseworker: 404, others: 403 },
    },
    {
      route: 'GET /api/v1/attachments/:id/display',
      label: 'a photo of a shared Taihe file',
      path: `/api/v1/attachments/${attachmentId}/display`,
      expect: { officer: 200, supervisor: 200, ngo_caseworker: 200, others: 403 },
    },
    {
      route: 'GET /api/v1/attachments/:id/thumbnail',
      label: 'a photo of a shared Taihe file',
      path: `/api/v1/attachments/${attachmentId}/thumbnail`,
      expect: { officer: 200, supervisor: 200, ngo_caseworker: 200, others: 403 },
    },
    {
      route: 'DELETE /api/v1/attachments/:id',
      label: 'a missing photo',
      path: `/api/v1/attachments/${MISSING}`,
      expect: { officer: 404, supervisor: 404, others: 403 },
    },
  ];
};
