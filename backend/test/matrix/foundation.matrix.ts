import { EVERYONE, type FeatureMatrix, type Who } from './route-matrix';

const MISSING = '00000000-0000-4000-8000-000000000000';

/** Accounts, organisations, jurisdictions, audit and the user's own routes. */
export const foundationMatrix: FeatureMatrix = async ({ t, auth, userId }) => {
  const officerId = await userId('officer');
  const pudongId = await userId('officer.pudong');
  const police = (await t.http().get('/api/v1/organisations?kind=police&jurisdictionCode=341222').set('Authorization', auth.admin)).body.items[0];
  const unique = (who: Who) => `${who.replace('_', '-')}-${Math.random().toString(36).slice(2, 8)}`;
  const newOfficer = (who: Who) => ({ username: `matrix.${unique(who)}`, displayName: 'Matrix', role: 'officer', organisationId: police.id, jurisdictionCode: '341222' });
  // A throwaway account per caller for the routes that change an account.
  const targets = new Map<Who, string>();
  for (const who of EVERYONE) {
    const res = await t.http().post('/api/v1/users').set('Authorization', auth.admin).send(newOfficer(who));
    targets.set(who, res.body.user.id);
  }
  let jurisdictionCode = 341290;

  return [
    { route: 'GET /api/v1/me', label: 'own profile', path: '/api/v1/me', expect: { others: 200 } },
    {
      route: 'POST /api/v1/me/password',
      label: 'wrong current password (authorised, refused)',
      path: '/api/v1/me/password',
      body: { currentPassword: 'not-the-current-one', newPassword: 'a-long-new-password-2026' },
      expect: { others: 400 },
    },
    { route: 'POST /api/v1/me/mfa/enrol', label: 'start enrolment', path: '/api/v1/me/mfa/enrol', expect: { others: 200 } },
    { route: 'POST /api/v1/me/mfa/activate', label: 'wrong code', path: '/api/v1/me/mfa/activate', body: { code: '000000' }, expect: { others: 400 } },

    { route: 'POST /api/v1/auth/login', label: 'wrong password', path: '/api/v1/auth/login', body: { username: 'nobody-by-this-name', password: 'wrong-password-here' }, expect: { anonymous: 401, others: 401 } },
    { route: 'POST /api/v1/auth/mfa', label: 'invalid mfa token', path: '/api/v1/auth/mfa', body: { mfaToken: 'x', code: '123456' }, expect: { anonymous: 401, others: 401 } },
    { route: 'POST /api/v1/auth/mfa/enrol', label: 'invalid mfa token', path: '/api/v1/auth/mfa/enrol', body: { mfaToken: 'x' }, expect: { anonymous: 401, others: 401 } },
    { route: 'POST /api/v1/auth/refresh', label: 'no refresh cookie', path: '/api/v1/auth/refresh', expect: { anonymous: 401, others: 401 } },
    { route: 'POST /api/v1/auth/logout', label: 'no refresh cookie', path: '/api/v1/auth/logout', expect: { anonymous: 204, others: 204 } },
    { route: 'GET /health/live', label: 'public probe', path: '/health/live', expect: { anonymous: 200, others: 200 } },
    { route: 'GET /health/ready', label: 'public probe', path: '/health/ready', expect: { anonymous: 200, others: 200 } },

    { route: 'GET /api/v1/users', label: 'list (filtered by scope)', path: '/api/v1/users', expect: { others: 200 } },
    {
      route: 'GET /api/v1/users/:id',
      label: 'the Taihe officer',
      path: `/api/v1/users/${officerId}`,
      expect: { admin: 200, supervisor: 200, officer: 200, others: 404 },
    },
    {
      route: 'GET /api/v1/users/:id',
      label: 'the Pudong officer (outside Taihe)',
      path: `/api/v1/users/${pudongId}`,
      expect: { admin: 200, others: 404 },
    },
    { route: 'GET /api/v1/users/:id', label: 'a missing id', path: `/api/v1/users/${MISSING}`, expect: { others: 404 } },
    {
      route: 'POST /api/v1/users',
      label: 'create',
      path: '/api/v1/users',
      body: newOfficer,
      expect: { admin: 201, others: 403 },
    },
    {
      route: 'PATCH /api/v1/users/:id',
      label: 'rename a throwaway account',
      path: (who) => `/api/v1/users/${targets.get(who)}`,
      body: { displayName: 'Renamed' },
      expect: { admin: 200, others: 403 },
    },
    { route: 'POST /api/v1/users/:id/unlock', label: 'throwaway account', path: (who) => `/api/v1/users/${targets.get(who)}/unlock`, expect: { admin: 200, others: 403 } },
    {
      route: 'POST /api/v1/users/:id/reset-password',
      label: 'throwaway account',
      path: (who) => `/api/v1/users/${targets.get(who)}/reset-password`,
      expect: { admin: 200, others: 403 },
    },

    { route: 'GET /api/v1/organisations', label: 'list', path: '/api/v1/organisations', expect: { others: 200 } },
    { route: 'GET /api/v1/organisations/:id', label: 'one', path: `/api/v1/organisations/${police.id}`, expect: { others: 200 } },
    {
      route: 'POST /api/v1/organisations',
      label: 'create',
      path: '/api/v1/organisations',
      body: (who: Who) => ({ name: `Matrix org ${unique(who)}`, kind: 'ngo', jurisdictionCode: '341222' }),
      expect: { admin: 201, others: 403 },
    },
    { route: 'PATCH /api/v1/organisations/:id', label: 'rename', path: `/api/v1/organisations/${police.id}`, body: { name: police.name }, expect: { admin: 200, others: 403 } },

    { route: 'GET /api/v1/jurisdictions', label: 'the tree', path: '/api/v1/jurisdictions', expect: { others: 200 } },
    { route: 'GET /api/v1/jurisdictions/:code', label: 'Taihe', path: '/api/v1/jurisdictions/341222', expect: { others: 200 } },
    {
      route: 'POST /api/v1/jurisdictions',
      label: 'a new county under Fuyang',
      path: '/api/v1/jurisdictions',
      body: () => ({ code: String(jurisdictionCode++), name: '测试县', nameEn: 'Test County', level: 'county', parentCode: '341200', latitude: 33, longitude: 115.5 }),
      expect: { admin: 201, others: 403 },
    },
    { route: 'PATCH /api/v1/jurisdictions/:code', label: 'Taihe', path: '/api/v1/jurisdictions/341222', body: { nameEn: 'Taihe County' }, expect: { admin: 200, others: 403 } },

    { route: 'GET /api/v1/audit', label: 'the log (filtered by scope)', path: '/api/v1/audit', expect: { admin: 200, supervisor: 200, others: 403 } },
    { route: 'GET /api/v1/audit/verify', label: 'the chain', path: '/api/v1/audit/verify', expect: { admin: 200, supervisor: 200, others: 403 } },
  ];
};
