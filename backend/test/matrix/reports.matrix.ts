import { JobQueue } from '../../src/jobs/job-queue.service';
import { insertCampaign } from '../support/reports-fixtures';
import type { FeatureMatrix } from './route-matrix';

const MISSING = '00000000-0000-4000-8000-000000000000';

/** PDF report jobs and CSV/XLSX exports: supervisors only. */
export const reportsMatrix: FeatureMatrix = async ({ t, auth }) => {
  const campaignId = await insertCampaign(t, { name: '矩阵专项行动', jurisdictionCode: '341222', startsOn: '2026-01-01', endsOn: '2026-02-28' });
  const requested = await t.http().post('/api/v1/reports').set('Authorization', auth.supervisor).send({ type: 'monthly', month: '2026-01', language: 'zh-CN' });
  if (requested.status !== 202) throw new Error(`reportsMatrix: ${requested.status} ${JSON.stringify(requested.body)}`);
  await t.app.get(JobQueue).drain(60_000);
  const job = requested.body.id as string;
  const supervisorOnly = { supervisor: 200, others: 403 };
  const exportCase = (kind: string) => ({ route: `GET /api/v1/exports/${kind}` as const, label: 'a CSV export', path: `/api/v1/exports/${kind}?format=csv`, expect: supervisorOnly });

  return [
    { route: 'POST /api/v1/reports', label: 'a campaign report', path: '/api/v1/reports', body: { type: 'campaign', campaignId, language: 'en' }, expect: { supervisor: 202, others: 403 } },
    { route: 'GET /api/v1/reports', label: 'own jobs', path: '/api/v1/reports', expect: supervisorOnly },
    { route: 'GET /api/v1/reports/:id', label: "the supervisor's job", path: `/api/v1/reports/${job}`, expect: supervisorOnly },
    { route: 'GET /api/v1/reports/:id', label: 'a missing id', path: `/api/v1/reports/${MISSING}`, expect: { supervisor: 404, others: 403 } },
    { route: 'GET /api/v1/reports/:id/file', label: "the supervisor's finished job", path: `/api/v1/reports/${job}/file`, expect: supervisorOnly },
    exportCase('cases'),
    exportCase('sightings'),
    exportCase('rescues'),
    exportCase('reunions'),
    exportCase('statistics'),
  ];
};
