import { createCase } from '../support/sightings-fixtures';
import type { FeatureMatrix } from './route-matrix';

const MISSING = '00000000-0000-4000-8000-000000000000';

/** Statistics and crackdown campaigns. */
export const campaignsMatrix: FeatureMatrix = async ({ t, auth }) => {
  const police = { officer: 200, supervisor: 200, others: 403 };
  const supervisorOnly = (status: number) => ({ supervisor: status, others: 403 });
  const campaign = async (code: string, name: string): Promise<string> => {
    const [row] = await t.dataSource.query(
      `INSERT INTO campaigns (name, jurisdiction_id, jurisdiction_path, starts_on, ends_on)
       SELECT $2, id, path, '2026-01-01', '2027-12-31' FROM jurisdictions WHERE code = $1 RETURNING id`,
      [code, name],
    );
    return row.id;
  };
  const taihe = await campaign('341222', 'matrix taihe');
  const pudong = await campaign('310115', 'matrix pudong');
  // Written after the campaign: tagged to it by the trigger.
  const file = await createCase(t, auth.officer, { fullName: '矩阵专项' });
  const body = (name: string) => ({ name, jurisdictionCode: '341222', startsOn: '2026-03-01', endsOn: '2026-06-30' });

  return [
    { route: 'GET /api/v1/statistics', label: 'figures of the caller’s scope', path: '/api/v1/statistics', expect: police },
    { route: 'GET /api/v1/campaigns', label: 'the list (filtered by scope)', path: '/api/v1/campaigns', expect: police },
    { route: 'POST /api/v1/campaigns', label: 'a Taihe campaign', path: '/api/v1/campaigns', body: body('matrix created'), expect: supervisorOnly(201) },
    { route: 'GET /api/v1/campaigns/:id', label: 'a Taihe campaign', path: `/api/v1/campaigns/${taihe}`, expect: police },
    { route: 'GET /api/v1/campaigns/:id', label: 'a Pudong campaign', path: `/api/v1/campaigns/${pudong}`, expect: { officer: 404, supervisor: 404, others: 403 } },
    { route: 'GET /api/v1/campaigns/:id', label: 'a missing id', path: `/api/v1/campaigns/${MISSING}`, expect: { officer: 404, supervisor: 404, others: 403 } },
    { route: 'PATCH /api/v1/campaigns/:id', label: 'a Taihe campaign', path: `/api/v1/campaigns/${taihe}`, body: { version: 1, goals: 'matrix' }, expect: supervisorOnly(200) },
    { route: 'PATCH /api/v1/campaigns/:id', label: 'a Pudong campaign', path: `/api/v1/campaigns/${pudong}`, body: { version: 1, goals: 'matrix' }, expect: supervisorOnly(404) },
    { route: 'GET /api/v1/campaigns/:id/records', label: 'a Taihe campaign', path: `/api/v1/campaigns/${taihe}/records`, expect: police },
    { route: 'GET /api/v1/campaigns/:id/records', label: 'a Pudong campaign', path: `/api/v1/campaigns/${pudong}/records`, expect: { officer: 404, supervisor: 404, others: 403 } },
    { route: 'POST /api/v1/campaigns/:id/records', label: 'a Taihe file by hand', path: `/api/v1/campaigns/${taihe}/records`, body: { recordType: 'case', recordId: file.id }, expect: supervisorOnly(204) },
    { route: 'POST /api/v1/campaigns/:id/records', label: 'to a Pudong campaign', path: `/api/v1/campaigns/${pudong}/records`, body: { recordType: 'case', recordId: file.id }, expect: supervisorOnly(404) },
    { route: 'DELETE /api/v1/campaigns/:id/records/:recordType/:recordId', label: 'a tagged Taihe file', path: `/api/v1/campaigns/${taihe}/records/case/${file.id}`, expect: supervisorOnly(204) },
  ];
};
