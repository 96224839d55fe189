import { JobQueue } from '../../src/jobs/job-queue.service';
import { compact, inspectPdf } from '../../src/reports/rendering/testing/pdf-text';
import { createFileWithContacts, insertCampaign, insertRescue, insertSupervisor } from '../support/reports-fixtures';
import { createTestApp, type TestApp, USERS } from '../test-app';

/** PDF report jobs: request → background job → PDF inside the requester's scope, redacted, audited. */
describe('Reports', () => {
  let t: TestApp;
  let jobs: JobQueue;
  let supervisor: string;
  let officer: string;
  let campaignId: string;
  const CAMPAIGN = '太和县2026打拐专项行动';
  const SECRETS = { reporterPhone: '13912345678', familyPhone: '13687654321', notes: '线人代号青松在车站接头' };

  const pdfText = (pdf: Buffer) => compact(inspectPdf(pdf).pages.join('\n'));
  const request = (auth: string, body: object) => t.http().post('/api/v1/reports').set('Authorization', auth).send(body);
  /** Requests a report, runs the queue and returns the finished job and its PDF. */
  const make = async (body: object, auth = supervisor) => {
    const res = await request(auth, body);
    expect(res.status).toBe(202);
    await jobs.drain(60_000);
    const job = await t.http().get(`/api/v1/reports/${res.body.id}`).set('Authorization', auth);
    expect(job.body).toMatchObject({ status: 'done', progress: 100 });
    const file = await t.http().get(`/api/v1/reports/${res.body.id}/file`).set('Authorization', auth).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    return { id: res.body.id as string, job: job.body, file };
  };
  const jobCount = async () => Number((await t.dataSource.query('SELECT count(*)::int AS n FROM report_jobs'))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-06-20T04:00:00Z');
    jobs = t.app.get(JobQueue);
    supervisor = await t.bearer(USERS.supervisor);
    officer = await t.bearer(USERS.officer);
    const file = await createFileWithContacts(t, officer, { fullName: '王小明', ...SECRETS });
    campaignId = await insertCampaign(t, { name: CAMPAIGN, jurisdictionCode: '341222', startsOn: '2026-03-01', endsOn: '2026-06-30', goals: '解救被拐卖和被迫乞讨的儿童' });
    await insertRescue(t, {
      place: '太和县城关镇火车站广场',
      jurisdictionCode: '341222',
      occurredAt: '2026-04-02T02:00:00Z',
      notes: SECRETS.notes,
      suspects: 3,
      campaignId,
      children: [{ caseId: file.id, sex: 'male' }, { name: '李小红', sex: 'female', age: 8 }],
    });
    // Tagged to the campaign but outside the Taihe supervisor's scope (Pudong): never in their report.
    await insertRescue(t, { place: '浦东新区陆家嘴地铁站', jurisdictionCode: '310115', occurredAt: '2026-04-03T02:00:00Z', campaignId, children: [{ name: '赵小龙', sex: 'male', age: 9 }] });
  });
  afterAll(() => t.close());

  it('answers 202 with a queued job, then renders the campaign PDF in Chinese with initials and no redacted field', async () => {
    const res = await request(supervisor, { type: 'campaign', campaignId, language: 'zh-CN' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: expect.any(String), type: 'campaign', campaignName: CAMPAIGN, status: 'queued', progress: 0, childNames: 'initials' });
    await jobs.drain(60_000);
    const { file, job } = await make({ type: 'campaign', campaignId, language: 'zh-CN' });
    expect(job.pages).toBeGreaterThan(0);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="homeward-campaign-report-zh-CN-[0-9a-f]{8}\.pdf"$/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['cache-control']).toBe('no-store');
    const pdf = file.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const expected of [CAMPAIGN, '太和县城关镇火车站广场', '王某', '李某', '太和县']) expect(text).toContain(compact(expected));
    for (const redacted of ['王小明', '李小红', SECRETS.reporterPhone, SECRETS.familyPhone, SECRETS.notes, '张建国', '李秀英', '341222198001011234', '浦东新区陆家嘴地铁站', '赵小龙']) {
      expect(text).not.toContain(compact(redacted));
    }
  });

  it('prints full names only when asked, and audits that request naming the report', async () => {
    const { id, file } = await make({ type: 'campaign', campaignId, language: 'zh-CN', childNames: 'full' });
    const text = pdfText(file.body as Buffer);
    expect(text).toContain('王小明');
    expect(text).toContain('李小红');
    expect(text).not.toContain(SECRETS.notes);
    const [audit] = await t.dataSource.query(`SELECT action, actor_username, details FROM audit_events WHERE entity_type = 'Report' AND entity_id = $1 AND action LIKE 'report.request%'`, [id]);
    expect(audit).toMatchObject({ action: 'report.request_full_names', actor_username: 'supervisor', details: { report: CAMPAIGN, campaignId, childNames: 'full' } });
    const downloads = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'report.download' AND entity_id = $1`, [id]);
    expect(downloads[0].n).toBe(1);
  });

  it('makes the monthly statistics report in English for the requester’s area', async () => {
    const { file, job } = await make({ type: 'monthly', month: '2026-04', language: 'en' });
    expect(job).toMatchObject({ type: 'monthly', month: '2026-04', language: 'en' });
    const text = pdfText(file.body as Buffer);
    expect(text).toContain(compact('Taihe County'));
    expect(text).toContain('2026');
    expect(text).not.toContain(compact('浦东新区陆家嘴地铁站'));
  });

  it('keeps a job queued while no worker runs and finishes it once one does (the job is in the database, not in memory)', async () => {
    await jobs.stopWorkers();
    try {
      const res = await request(supervisor, { type: 'monthly', month: '2026-05', language: 'zh-CN' });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await t.http().get(`/api/v1/reports/${res.body.id}`).set('Authorization', supervisor)).body.status).toBe('queued');
      await jobs.startWorkers();
      await jobs.drain(60_000);
      expect((await t.http().get(`/api/v1/reports/${res.body.id}`).set('Authorization', supervisor)).body).toMatchObject({ status: 'done', progress: 100 });
    } finally {
      await jobs.startWorkers();
    }
  });

  it('lists the requester’s own jobs, newest first', async () => {
    const res = await t.http().get('/api/v1/reports').set('Authorization', supervisor);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(4);
    const times = res.body.items.map((j: { createdAt: string }) => j.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  describe('who may, and bad input', () => {
    it('refuses officers, NGO staff, labs and admins (403) and stores nothing', async () => {
      const before = await jobCount();
      for (const who of [USERS.officer, USERS.ngo, USERS.lab, USERS.admin]) {
        const res = await request(await t.bearer(who), { type: 'campaign', campaignId, language: 'zh-CN' });
        expect(res.status).toBe(403);
      }
      expect(await jobCount()).toBe(before);
    });

    it.each([
      [{ type: 'campaign', language: 'zh-CN' }, 400, 'campaignId'],
      [{ type: 'monthly', language: 'zh-CN' }, 400, 'month'],
      [{ type: 'monthly', month: '2026-13', language: 'zh-CN' }, 400, 'month'],
      [{ type: 'monthly', month: '2026-04', language: 'fr' }, 400, 'language'],
      [{ type: 'monthly', month: '2026-04', language: 'en', childNames: 'full' }, 422, 'childNames'],
      [{ type: 'monthly', month: '2026-09', language: 'en' }, 422, 'month'],
      [{ type: 'campaign', campaignId: '00000000-0000-4000-8000-000000000000', language: 'en' }, 404, null],
    ])('%j → %i, nothing stored', async (body, status, field) => {
      const before = await jobCount();
      const res = await request(supervisor, body);
      expect(res.status).toBe(status);
      if (field) expect(JSON.stringify(res.body)).toContain(field);
      expect(await jobCount()).toBe(before);
    });

    it('treats a campaign outside the requester’s area as missing (404)', async () => {
      const pudongCampaign = await insertCampaign(t, { name: '浦东专项', jurisdictionCode: '310115', startsOn: '2026-03-01', endsOn: '2026-06-30' });
      const res = await request(supervisor, { type: 'campaign', campaignId: pudongCampaign, language: 'zh-CN' });
      expect(res.status).toBe(404);
    });

    it('shows a job only to its requester and supervisors whose area contains it (404 to others)', async () => {
      await insertSupervisor(t, 'supervisor.pudong', '310115');
      await insertSupervisor(t, 'supervisor.anhui', '340000');
      const res = await request(supervisor, { type: 'monthly', month: '2026-04', language: 'zh-CN' });
      await jobs.drain(60_000);
      const pudong = await t.bearer('supervisor.pudong');
      expect((await t.http().get(`/api/v1/reports/${res.body.id}`).set('Authorization', pudong)).status).toBe(404);
      expect((await t.http().get(`/api/v1/reports/${res.body.id}/file`).set('Authorization', pudong)).status).toBe(404);
      expect((await t.http().get('/api/v1/reports').set('Authorization', pudong)).body.items).toEqual([]);
      const anhui = await t.bearer('supervisor.anhui');
      expect((await t.http().get(`/api/v1/reports/${res.body.id}`).set('Authorization', anhui)).status).toBe(200);
    });

    it('answers 409 for the file of a job that is not finished', async () => {
      await jobs.stopWorkers();
      try {
        const res = await request(supervisor, { type: 'monthly', month: '2026-03', language: 'zh-CN' });
        const file = await t.http().get(`/api/v1/reports/${res.body.id}/file`).set('Authorization', supervisor);
        expect(file.status).toBe(409);
        expect(file.body.code).toBe('REPORT_NOT_READY');
      } finally {
        await jobs.startWorkers();
        await jobs.drain(60_000);
      }
    });
  });
});
