import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureApp } from '../../src/app';
import { AppModule } from '../../src/app.module';
import { Clock, FakeClock } from '../../src/common/clock';
import { loadConfig } from '../../src/config/app-config';
import { JobQueue, primaryUrl } from '../../src/jobs/job-queue.service';
import { MatchingService } from '../../src/sightings/matching/matching.service';
import { createTestApp, type TestApp, USERS } from '../test-app';
import { createCase, freshAddress, idempotencyKey, photo, TAIHE } from '../support/sightings-fixtures';

/** Ranked candidate files with reasons, near-duplicate grouping, strong-match alerts, durable jobs. */
describe('Matching', () => {
  let t: TestApp;
  let officer: string;
  const files: Record<string, { id: string; caseNumber: string }> = {};
  const daysAgo = (d: number) => new Date(t.clock.now().getTime() - d * 86_400_000).toISOString();

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.bearer(USERS.officer);
    const supervisor = await t.bearer(USERS.supervisor);
    // The true file and decoys that each differ in one way.
    files.truth = await createCase(t, officer, { fullName: '陈小龙', sex: 'male', dateOfBirth: '2019-01-10', marks: '左脸颊有褐色胎记，右手缺一根小指', lastSeenAt: daysAgo(20), lat: TAIHE.lat + 0.2, lng: TAIHE.lng + 0.1 });
    files.girl = await createCase(t, officer, { fullName: '陈小凤', sex: 'female', dateOfBirth: '2019-01-10', marks: '左脸颊有褐色胎记', lastSeenAt: daysAgo(20) });
    files.older = await createCase(t, officer, { fullName: '刘大伟', sex: 'male', dateOfBirth: '2011-05-01', marks: '左脸颊有胎记', lastSeenAt: daysAgo(20) });
    files.otherMarks = await createCase(t, officer, { fullName: '周小刚', sex: 'male', dateOfBirth: '2019-03-01', marks: '戴眼镜，卷发，门牙缺失', lastSeenAt: daysAgo(20) });
    files.far = await createCase(t, officer, { fullName: '吴小明', sex: 'male', dateOfBirth: '2019-01-01', marks: '左脸颊有胎记，右手缺一根小指', lastSeenAt: daysAgo(1), lat: 23.13, lng: 113.26 });
    files.lostLater = await createCase(t, officer, { fullName: '郑小东', sex: 'male', dateOfBirth: '2019-01-01', marks: '左脸颊有胎记', lastSeenAt: daysAgo(1) });
    // The true file's officer is assigned (for the strong-match alert).
    const [{ id: officerId }] = await t.dataSource.query(`SELECT id FROM users WHERE username = 'officer'`);
    const assign = await t.http().post(`/api/v1/cases/${files.truth.id}/assignment`).set('Authorization', supervisor).send({ version: 1, officerId });
    if (assign.status >= 300) throw new Error(`assign: ${assign.status} ${JSON.stringify(assign.body)}`);
  });
  afterAll(() => t.close());

  const sight = async (body: Record<string, unknown>, photos: Buffer[] = []) => {
    let req = t.http().post('/api/v1/public/sightings').set('X-Forwarded-For', freshAddress()).set('Idempotency-Key', idempotencyKey());
    for (const [k, v] of Object.entries(body)) req = req.field(k, String(v));
    for (const p of photos) req = req.attach('photos', p, 'p.jpg');
    const res = await req;
    if (res.status !== 201) throw new Error(`sight: ${res.status} ${JSON.stringify(res.body)}`);
    const [row] = await t.dataSource.query(`SELECT id FROM sightings WHERE description = $1`, [body['description']]);
    return row.id as string;
  };

  it('ranks the true file first among decoys, with a reason per factor', async () => {
    const id = await sight({ seenAt: daysAgo(3), latitude: TAIHE.lat, longitude: TAIHE.lng, estimatedAgeYears: 7, sex: 'male', begging: true, description: '男孩约七岁，左脸颊有胎记，右手少一根小指，在车站乞讨' });
    await t.app.get(JobQueue).drain();
    const detail = await t.http().get(`/api/v1/sightings/${id}`).set('Authorization', officer);
    expect(detail.status).toBe(200);
    const ranked = detail.body.candidates.map((c: { case: { id: string } }) => c.case.id);
    expect(ranked[0]).toBe(files.truth.id);
    expect(ranked).not.toContain(files.girl.id); // other sex: filtered out
    expect(ranked).not.toContain(files.lostLater.id); // lost after the sighting
    expect(ranked).not.toContain(files.far.id); // 1,000 km away, lost yesterday
    const top = detail.body.candidates[0];
    expect(top.reasons.map((r: { factor: string; result: string }) => [r.factor, r.result])).toEqual([
      ['distance', 'match'],
      ['age', 'match'],
      ['sex', 'match'],
      ['description', 'match'],
      ['photo', 'unknown'],
    ]);
    expect(top.case).toMatchObject({ caseNumber: files.truth.caseNumber, inScope: true, childFullName: '陈小龙' });
    expect(detail.body.topCandidate).toMatchObject({ caseId: files.truth.id });
    for (let i = 1; i < detail.body.candidates.length; i++) expect(detail.body.candidates[i].score).toBeLessThanOrEqual(detail.body.candidates[i - 1].score);
  });

  it('alerts the file’s assigned officer about a strong candidate, once', async () => {
    const rows = await t.dataSource.query(`SELECT params FROM notifications WHERE kind = 'sighting_match'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].params.caseId).toBe(files.truth.id);
  });

  it('groups sightings whose photos are near duplicates', async () => {
    const picture = await photo(42);
    const a = await sight({ latitude: TAIHE.lat, longitude: TAIHE.lng, description: 'group a' }, [picture]);
    const b = await sight({ latitude: TAIHE.lat, longitude: TAIHE.lng, description: 'group b' }, [picture]);
    const c = await sight({ latitude: TAIHE.lat, longitude: TAIHE.lng, description: 'group c' }, [await photo(7)]);
    await t.app.get(JobQueue).drain();
    const rows = await t.dataSource.query('SELECT id, group_id FROM sightings WHERE id = ANY($1)', [[a, b, c]]);
    const group = Object.fromEntries(rows.map((r: { id: string; group_id: string | null }) => [r.id, r.group_id]));
    expect(group[a]).toEqual(expect.any(String));
    expect(group[b]).toBe(group[a]);
    expect(group[c]).toBeNull();
  });

  it('re-ranks open sightings when a new file arrives', async () => {
    const id = await sight({ latitude: TAIHE.lat, longitude: TAIHE.lng, estimatedAgeYears: 4, sex: 'female', description: '小女孩约四岁，额头有疤' });
    await t.app.get(JobQueue).drain();
    const first = await t.http().get(`/api/v1/sightings/${id}`).set('Authorization', officer);
    if (first.status !== 200) throw new Error(`${first.status} ${JSON.stringify(first.body)}`);
    const before = first.body.candidates.map((c: { case: { id: string } }) => c.case.id);
    const newFile = await createCase(t, officer, { fullName: '孙小雪', sex: 'female', dateOfBirth: '2022-02-01', marks: '额头有疤', lastSeenAt: daysAgo(3) });
    expect(before).not.toContain(newFile.id);
    await t.app.get(MatchingService).sweep();
    await t.app.get(JobQueue).drain();
    const after = (await t.http().get(`/api/v1/sightings/${id}`).set('Authorization', officer)).body.candidates.map((c: { case: { id: string } }) => c.case.id);
    expect(after[0]).toBe(newFile.id);
  });

  // Last: the restarted process shares the database, and closing it ends this app's connections too.
  it('runs a matching job enqueued before a restart after the restart', async () => {
    const queue = t.app.get(JobQueue);
    await queue.drain();
    await queue.stopWorkers();
    const id = await sight({ latitude: TAIHE.lat, longitude: TAIHE.lng, estimatedAgeYears: 7, sex: 'male', description: 'before restart 左脸颊有胎记' });
    expect(await queue.pending()).toBe(1);
    const url = primaryUrl(t.dataSource);
    // A second process on the same database: the first one's job is waiting for it.
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'integration-test-secret-not-for-production-use', DATA_ENCRYPTION_KEY: '0f'.repeat(32), HOMEWARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'homeward-restart-')) });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config, url, join(tmpdir(), 'no-dashboard'))] })
      .overrideProvider(Clock)
      .useValue(new FakeClock(t.clock.now()))
      .compile();
    const second = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error'] });
    configureApp(second, config);
    await second.init();
    try {
      await second.get(JobQueue).drain();
      const [row] = await t.dataSource.query('SELECT matched_at FROM sightings WHERE id = $1', [id]);
      expect(row.matched_at).not.toBeNull();
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM sighting_candidates WHERE sighting_id = $1', [id]);
      expect(n).toBeGreaterThan(0);
    } finally {
      await second.close();
      await queue.startWorkers();
    }
  });

});
