import type { FeatureMatrix, Who } from './route-matrix';

const MISSING = '00000000-0000-4000-8000-000000000000';

/** Rescue operations and rescued children: police in their subtree, the NGO a child is placed with, the lab's outline. */
export const rescuesMatrix: FeatureMatrix = async ({ t }) => {
  const [{ id: ngoOrg }] = await t.dataSource.query(`SELECT organisation_id AS id FROM users WHERE username = 'ngo'`);
  const rescueIn = async (code: string): Promise<string> =>
    (
      await t.dataSource.query(
        `INSERT INTO rescues (occurred_at, place, jurisdiction_id, jurisdiction_path, created_at, updated_at)
         SELECT now() - interval '1 day', 'matrix', id, path, now(), now() FROM jurisdictions WHERE code = $1 RETURNING id`,
        [code],
      )
    )[0].id;
  const childOf = async (rescueId: string, placedWithNgo: boolean): Promise<string> =>
    (
      await t.dataSource.query(
        `INSERT INTO rescued_children (rescue_id, sex, jurisdiction_path, placement_kind, placement_organisation_id, placed_at, created_at, updated_at)
         SELECT id, 'female', jurisdiction_path, $2::text, $3::uuid, CASE WHEN $2::text IS NULL THEN NULL ELSE now() END, now(), now() FROM rescues WHERE id = $1 RETURNING id`,
        [rescueId, placedWithNgo ? 'ngo' : null, placedWithNgo ? ngoOrg : null],
      )
    )[0].id;
  const taihe = await rescueIn('341222');
  const pudong = await rescueIn('310115');
  const ngoChild = await childOf(taihe, true);
  const policeChild = await childOf(taihe, false);
  const pudongChild = await childOf(pudong, false);
  // Records that a request changes: one per caller, so every caller meets version 1.
  const fresh = new Map<string, string>();
  const callers: Who[] = ['anonymous', 'admin', 'supervisor', 'officer', 'lab_technician', 'ngo_caseworker'];
  for (const who of callers) {
    fresh.set(`rescue:${who}`, await rescueIn('341222'));
    for (const action of ['update', 'place', 'dna']) fresh.set(`${action}:${who}`, await childOf(taihe, true));
  }
  const own = (key: string) => (who: Who) => fresh.get(`${key}:${who}`)!;
  const rescue = {
    occurredAt: new Date(t.clock.now().getTime() - 86_400_000).toISOString(),
    place: 'matrix rescue',
    lat: 33.16,
    lng: 115.62,
    jurisdictionCode: '341222',
  };
  const consent = { consentGivenBy: 'guardian', consentGivenAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString() };
  const police = { officer: 200, supervisor: 200, others: 403 };
  const policeOut = { officer: 404, supervisor: 404, others: 403 };
  const outOfScopeChild = { admin: 403, others: 404 };

  return [
    { route: 'GET /api/v1/rescues', label: 'the list (filtered by scope)', path: '/api/v1/rescues', expect: police },
    { route: 'POST /api/v1/rescues', label: 'a Taihe rescue', path: '/api/v1/rescues', body: rescue, expect: { officer: 201, supervisor: 201, others: 403 } },
    { route: 'POST /api/v1/rescues', label: 'a Pudong rescue (outside the Taihe police’s jurisdiction)', path: '/api/v1/rescues', body: { ...rescue, jurisdictionCode: '310115' }, expect: { officer: 422, supervisor: 422, others: 403 } },
    { route: 'GET /api/v1/rescues/:id', label: 'a Taihe rescue', path: `/api/v1/rescues/${taihe}`, expect: police },
    { route: 'GET /api/v1/rescues/:id', label: 'a Pudong rescue', path: `/api/v1/rescues/${pudong}`, expect: policeOut },
    { route: 'GET /api/v1/rescues/:id', label: 'a missing id', path: `/api/v1/rescues/${MISSING}`, expect: policeOut },
    { route: 'PATCH /api/v1/rescues/:id', label: 'a fresh Taihe rescue', path: (who: Who) => `/api/v1/rescues/${own('rescue')(who)}`, body: { version: 1, suspectsDetained: 2 }, expect: police },
    { route: 'PATCH /api/v1/rescues/:id', label: 'a Pudong rescue', path: `/api/v1/rescues/${pudong}`, body: { version: 1, suspectsDetained: 2 }, expect: policeOut },
    { route: 'POST /api/v1/rescues/:id/children', label: 'a Taihe rescue', path: `/api/v1/rescues/${taihe}/children`, body: { sex: 'male', estimatedAgeYears: 6 }, expect: { officer: 201, supervisor: 201, others: 403 } },
    { route: 'POST /api/v1/rescues/:id/children', label: 'a Pudong rescue', path: `/api/v1/rescues/${pudong}/children`, body: { sex: 'male' }, expect: { officer: 404, supervisor: 404, others: 403 } },
    { route: 'GET /api/v1/rescued-children', label: 'the list (police: scope; NGO: children in its care; lab: outline)', path: '/api/v1/rescued-children', expect: { admin: 403, others: 200 } },
    { route: 'GET /api/v1/rescued-children/:id', label: 'a Taihe child placed with the NGO', path: `/api/v1/rescued-children/${ngoChild}`, expect: { admin: 403, others: 200 } },
    { route: 'GET /api/v1/rescued-children/:id', label: 'a Taihe child not placed with the NGO', path: `/api/v1/rescued-children/${policeChild}`, expect: { admin: 403, ngo_caseworker: 404, others: 200 } },
    { route: 'GET /api/v1/rescued-children/:id', label: 'a Pudong child', path: `/api/v1/rescued-children/${pudongChild}`, expect: outOfScopeChild },
    { route: 'GET /api/v1/rescued-children/:id', label: 'a missing id', path: `/api/v1/rescued-children/${MISSING}`, expect: outOfScopeChild },
    {
      route: 'PATCH /api/v1/rescued-children/:id',
      label: 'care fields of a fresh child placed with the NGO (the lab may not)',
      path: (who: Who) => `/api/v1/rescued-children/${own('update')(who)}`,
      body: { version: 1, condition: 'settling in' },
      expect: { officer: 200, supervisor: 200, ngo_caseworker: 200, others: 403 },
    },
    { route: 'PATCH /api/v1/rescued-children/:id', label: 'a Pudong child', path: `/api/v1/rescued-children/${pudongChild}`, body: { version: 1, condition: 'x' }, expect: outOfScopeChild },
    {
      route: 'PUT /api/v1/rescued-children/:id/placement',
      label: 'a fresh child placed with the NGO, moved to a shelter (police only)',
      path: (who: Who) => `/api/v1/rescued-children/${own('place')(who)}/placement`,
      body: { version: 1, kind: 'shelter', shelter: 'matrix shelter' },
      expect: police,
    },
    { route: 'PUT /api/v1/rescued-children/:id/placement', label: 'a Pudong child', path: `/api/v1/rescued-children/${pudongChild}/placement`, body: { version: 1, kind: 'shelter', shelter: 'x' }, expect: outOfScopeChild },
    {
      route: 'POST /api/v1/rescued-children/:id/dna-sample',
      label: 'a fresh Taihe child (police holding the child, or the lab)',
      path: (who: Who) => `/api/v1/rescued-children/${own('dna')(who)}/dna-sample`,
      body: consent,
      expect: { officer: 201, supervisor: 201, lab_technician: 201, others: 403 },
    },
    { route: 'POST /api/v1/rescued-children/:id/dna-sample', label: 'a Pudong child', path: `/api/v1/rescued-children/${pudongChild}/dna-sample`, body: consent, expect: outOfScopeChild },
  ];
};
