import { JobQueue } from '../../src/jobs/job-queue.service';
import { createTestApp, type TestApp, USERS } from '../test-app';
import { createCase, freshAddress, idempotencyKey, PUDONG, photo, TAIHE } from '../support/sightings-fixtures';

/** Citizens' reports: idempotency, limits, receipts, validation, and the officers' queue and actions. */
describe('Sightings', () => {
  let t: TestApp;
  let officer: string;
  let supervisor: string;
  let pudong: string;
  const report = (over: Record<string, unknown> = {}) => ({
    latitude: TAIHE.lat,
    longitude: TAIHE.lng,
    placeText: '太和县汽车站',
    begging: true,
    estimatedAgeYears: 7,
    sex: 'male',
    description: '左脸有胎记，在车站乞讨',
    ...over,
  });
  const submit = (body: unknown, key = idempotencyKey(), address = freshAddress()) =>
    t.http().post('/api/v1/public/sightings').set('X-Forwarded-For', address).set('Idempotency-Key', key).send(body as object);
  const count = async () => Number((await t.dataSource.query('SELECT count(*)::int AS n FROM sightings'))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.bearer(USERS.officer);
    supervisor = await t.bearer(USERS.supervisor);
    pudong = await t.bearer(USERS.pudongOfficer);
  });
  afterAll(() => t.close());

  describe('public intake', () => {
    it('stores a report and answers with a readable receipt', async () => {
      const res = await submit(report());
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ receipt: expect.stringMatching(/^HW(-[0-9A-HJKMNP-TV-Z]{4}){7}$/), status: 'received', photos: 0, filledFromPhoto: [] });
      const [row] = await t.dataSource.query(`SELECT source, status, jurisdiction_path, reporter_contact_sealed FROM sightings ORDER BY created_at DESC LIMIT 1`);
      expect(row).toMatchObject({ source: 'public', status: 'new', jurisdiction_path: 'CN/340000/341200/341222/', reporter_contact_sealed: null });
    });

    it('refuses a report without an Idempotency-Key (400) and writes nothing', async () => {
      const before = await count();
      const res = await t.http().post('/api/v1/public/sightings').set('X-Forwarded-For', freshAddress()).send(report());
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
      expect(await count()).toBe(before);
    });

    it('answers a retry with the same key and body with the same receipt, and stores one sighting', async () => {
      const key = idempotencyKey();
      const before = await count();
      const first = await submit(report({ description: 'retry me' }), key);
      const second = await submit(report({ description: 'retry me' }), key, freshAddress());
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body.receipt).toBe(first.body.receipt);
      expect(await count()).toBe(before + 1);
    });

    it('refuses the same key with a different body (422) and stores nothing more', async () => {
      const key = idempotencyKey();
      await submit(report({ description: 'first body' }), key);
      const before = await count();
      const res = await submit(report({ description: 'another body' }), key);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await count()).toBe(before);
    });

    it('makes one sighting from many parallel retries of the same key', async () => {
      const key = idempotencyKey();
      const before = await count();
      const body = report({ description: 'parallel' });
      const answers = await Promise.all(Array.from({ length: 8 }, () => submit(body, key, freshAddress())));
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
      expect(new Set(answers.map((a) => a.body.receipt)).size).toBe(1);
      expect(await count()).toBe(before + 1);
    });

    it('refuses the 11th report in an hour from one address with 429 and Retry-After', async () => {
      const address = freshAddress();
      for (let i = 0; i < 10; i++) expect((await submit(report({ description: `limit ${i}` }), idempotencyKey(), address)).status).toBe(201);
      const before = await count();
      const eleventh = await submit(report({ description: 'limit 11' }), idempotencyKey(), address);
      expect(eleventh.status).toBe(429);
      expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
      expect(await count()).toBe(before);
      t.clock.advance(61 * 60_000);
      expect((await submit(report({ description: 'next hour' }), idempotencyKey(), address)).status).toBe(201);
      // Access tokens do not survive an hour: sign in again for the tests that follow.
      officer = await t.bearer(USERS.officer);
      supervisor = await t.bearer(USERS.supervisor);
      pudong = await t.bearer(USERS.pudongOfficer);
    });

    it('refuses a time in the future and latitude 91 with 400, writing nothing', async () => {
      const before = await count();
      const nextYear = new Date(t.clock.now().getTime() + 365 * 86_400_000).toISOString();
      const future = await submit(report({ seenAt: nextYear }));
      expect(future.status).toBe(400);
      expect(future.body.errors).toEqual([{ field: 'seenAt', message: 'in the future' }]);
      const lat = await submit(report({ latitude: 91 }));
      expect(lat.status).toBe(400);
      expect(lat.body.errors.map((e: { field: string }) => e.field)).toContain('latitude');
      const noPlace = await submit(report({ latitude: undefined, longitude: undefined }));
      expect(noPlace.status).toBe(400);
      expect(await count()).toBe(before);
    });

    it('accepts a time a few minutes ahead (phone clocks drift)', async () => {
      const res = await submit(report({ seenAt: new Date(t.clock.now().getTime() + 2 * 60_000).toISOString() }));
      expect(res.status).toBe(201);
    });

    it('takes multipart with photos and stores their metadata-free renditions', async () => {
      const res = await t
        .http()
        .post('/api/v1/public/sightings')
        .set('X-Forwarded-For', freshAddress())
        .set('Idempotency-Key', idempotencyKey())
        .field('latitude', String(TAIHE.lat))
        .field('longitude', String(TAIHE.lng))
        .field('begging', 'true')
        .field('sex', 'female')
        .field('description', 'multipart photos')
        .attach('photos', await photo(1), 'a.jpg')
        .attach('photos', await photo(2), 'b.jpg');
      expect(res.status).toBe(201);
      expect(res.body.photos).toBe(2);
      const [row] = await t.dataSource.query(
        `SELECT s.begging, s.sex, (SELECT count(*)::int FROM attachments a WHERE a.entity_type = 'sighting' AND a.entity_id = s.id) AS photos
           FROM sightings s WHERE s.description = 'multipart photos'`,
      );
      expect(row).toEqual({ begging: true, sex: 'female', photos: 2 });
    });

    it('refuses a file that is not a photo and writes nothing', async () => {
      const before = await count();
      const res = await t
        .http()
        .post('/api/v1/public/sightings')
        .set('X-Forwarded-For', freshAddress())
        .set('Idempotency-Key', idempotencyKey())
        .field('latitude', String(TAIHE.lat))
        .field('longitude', String(TAIHE.lng))
        .attach('photos', Buffer.from('PK\u0003\u0004 this is a zip'), 'photo.jpg');
      expect(res.status).toBe(415);
      expect(await count()).toBe(before);
    });
  });

  describe('receipt status page', () => {
    it('shows only the status, from received to under review to closed', async () => {
      const { receipt } = (await submit(report({ description: 'status page', reporterContact: '13800000000' }))).body;
      const look = () => t.http().get(`/api/v1/public/sightings/${encodeURIComponent(receipt)}`).set('X-Forwarded-For', freshAddress());
      const first = await look();
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ status: 'received' });
      const [row] = await t.dataSource.query(`SELECT id FROM sightings WHERE description = 'status page'`);
      expect((await t.http().post(`/api/v1/sightings/${row.id}/triage`).set('Authorization', officer).send({})).status).toBe(200);
      expect((await look()).body).toEqual({ status: 'under_review' });
      await t.http().post(`/api/v1/sightings/${row.id}/dismiss`).set('Authorization', officer).send({ reason: 'not a child' });
      expect((await look()).body).toEqual({ status: 'closed' });
      // Typed in lower case with spaces: still found.
      const typed = await t.http().get(`/api/v1/public/sightings/${encodeURIComponent(receipt.toLowerCase().replace(/-/g, ' '))}`).set('X-Forwarded-For', freshAddress());
      expect(typed.body).toEqual({ status: 'closed' });
    });

    it('answers an unknown receipt with 404 and limits look-ups per address', async () => {
      const address = freshAddress();
      const unknown = await t.http().get('/api/v1/public/sightings/HW-0000-0000-0000-0000-0000-0000-0000').set('X-Forwarded-For', address);
      expect(unknown.status).toBe(404);
      let status = 0;
      for (let i = 0; i < 40 && status !== 429; i++) status = (await t.http().get('/api/v1/public/sightings/nonsense').set('X-Forwarded-For', address)).status;
      expect(status).toBe(429);
    });
  });

  describe('officers', () => {
    let pudongSightingId: string;

    beforeAll(async () => {
      await submit(report({ latitude: PUDONG.lat, longitude: PUDONG.lng, description: 'seen in Pudong' }));
      pudongSightingId = (await t.dataSource.query(`SELECT id FROM sightings WHERE description = 'seen in Pudong'`))[0].id;
    });

    it('derives the jurisdiction from the position', async () => {
      const [row] = await t.dataSource.query('SELECT jurisdiction_path FROM sightings WHERE id = $1', [pudongSightingId]);
      expect(row.jurisdiction_path).toBe('CN/310000/310115/');
    });

    it('lists only the sightings in the officer’s jurisdiction, filtered and paginated', async () => {
      const taihe = await t.http().get('/api/v1/sightings?status=new&pageSize=100').set('Authorization', officer);
      expect(taihe.status).toBe(200);
      expect(taihe.body.total).toBeGreaterThan(5);
      expect(taihe.body.items.every((s: { jurisdictionCode: string; status: string }) => s.jurisdictionCode === '341222' && s.status === 'new')).toBe(true);
      expect(taihe.body.items.some((s: { id: string }) => s.id === pudongSightingId)).toBe(false);
      const page2 = await t.http().get('/api/v1/sightings?pageSize=2&page=2').set('Authorization', officer);
      expect(page2.body.items).toHaveLength(2);
      const inPudong = await t.http().get('/api/v1/sightings').set('Authorization', pudong);
      expect(inPudong.body.items.map((s: { id: string }) => s.id)).toEqual([pudongSightingId]);
      // Never the informant's contact in a list.
      expect(JSON.stringify(taihe.body)).not.toContain('13800000000');
    });

    it('hides an out-of-scope sighting exactly like a missing one', async () => {
      const res = await t.http().get(`/api/v1/sightings/${pudongSightingId}`).set('Authorization', officer);
      expect(res.status).toBe(404);
      expect((await t.http().get(`/api/v1/sightings/${pudongSightingId}`).set('Authorization', pudong)).status).toBe(200);
    });

    it('audits every view of a sighting and of its reporter contact, and seals the contact', async () => {
      const { body } = await submit(report({ description: 'with contact', reporterContact: '微信 informant-42' }));
      expect(body.receipt).toBeDefined();
      const [row] = await t.dataSource.query(`SELECT id, reporter_contact_sealed FROM sightings WHERE description = 'with contact'`);
      expect(row.reporter_contact_sealed).not.toContain('informant-42');
      const detail = await t.http().get(`/api/v1/sightings/${row.id}`).set('Authorization', officer);
      expect(detail.body.hasReporterContact).toBe(true);
      expect(JSON.stringify(detail.body)).not.toContain('informant-42');
      const contact = await t.http().get(`/api/v1/sightings/${row.id}/reporter-contact`).set('Authorization', supervisor);
      expect(contact.body).toEqual({ contact: '微信 informant-42' });
      const audit = await t.dataSource.query(`SELECT action, actor_username FROM audit_events WHERE entity_id = $1 ORDER BY id`, [row.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['sighting.create', 'sighting.read', 'sighting.reporter_contact.read']);
      expect((await t.http().get(`/api/v1/sightings/${row.id}/reporter-contact`).set('Authorization', pudong)).status).toBe(404);
      const ngo = await t.http().get(`/api/v1/sightings/${row.id}/reporter-contact`).set('Authorization', await t.bearer(USERS.ngo));
      expect(ngo.status).toBe(403);
    });

    it('lets an officer log a sighting from the dashboard', async () => {
      const res = await t.http().post('/api/v1/sightings').set('Authorization', officer).send(report({ description: 'logged by officer' }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ source: 'officer', status: 'new', jurisdictionCode: '341222' });
    });

    it('links a sighting to a file: sighting linked, file sighted, timeline and link row', async () => {
      const file = await createCase(t, officer, { fullName: '李小红', sex: 'female', dateOfBirth: '2018-01-01' });
      const created = await t.http().post('/api/v1/sightings').set('Authorization', officer).send(report({ sex: 'female', description: 'to link' }));
      await t.app.get(JobQueue).drain();
      const linked = await t.http().post(`/api/v1/sightings/${created.body.id}/link`).set('Authorization', officer).send({ caseId: file.id, note: 'same child' });
      expect(linked.status).toBe(200);
      expect(linked.body).toMatchObject({ status: 'linked', linkedCaseId: file.id });
      const c = await t.http().get(`/api/v1/cases/${file.id}`).set('Authorization', officer);
      expect(c.body.status).toBe('sighted');
      const [link] = await t.dataSource.query('SELECT case_id, score, reasons FROM sighting_case_links WHERE sighting_id = $1', [created.body.id]);
      expect(link.case_id).toBe(file.id);
      expect(link.reasons.map((r: { factor: string }) => r.factor)).toEqual(['distance', 'age', 'sex', 'description', 'photo']);
      const events = await t.dataSource.query('SELECT type FROM case_events WHERE case_id = $1 ORDER BY id', [file.id]);
      expect(events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['status_changed', 'sighting_linked']));
      // A second action on a closed sighting is refused.
      const again = await t.http().post(`/api/v1/sightings/${created.body.id}/dismiss`).set('Authorization', officer).send({ reason: 'too late' });
      expect(again.status).toBe(409);
    });

    it('marks a duplicate of the first report, never of another duplicate', async () => {
      const a = (await t.http().post('/api/v1/sightings').set('Authorization', officer).send(report({ description: 'dup a' }))).body.id;
      const b = (await t.http().post('/api/v1/sightings').set('Authorization', officer).send(report({ description: 'dup b' }))).body.id;
      const c = (await t.http().post('/api/v1/sightings').set('Authorization', officer).send(report({ description: 'dup c' }))).body.id;
      expect((await t.http().post(`/api/v1/sightings/${b}/duplicate`).set('Authorization', officer).send({ ofSightingId: a })).body).toMatchObject({ status: 'duplicate', duplicateOfId: a });
      expect((await t.http().post(`/api/v1/sightings/${c}/duplicate`).set('Authorization', officer).send({ ofSightingId: b })).body.duplicateOfId).toBe(a);
      expect((await t.http().post(`/api/v1/sightings/${a}/duplicate`).set('Authorization', officer).send({ ofSightingId: a })).status).toBe(422);
      expect((await t.http().post(`/api/v1/sightings/${a}/duplicate`).set('Authorization', officer).send({ ofSightingId: pudongSightingId })).status).toBe(422);
    });

    it('refuses a dismissal without a reason and a stale version', async () => {
      const id = (await t.http().post('/api/v1/sightings').set('Authorization', officer).send(report({ description: 'dismiss me' }))).body.id;
      expect((await t.http().post(`/api/v1/sightings/${id}/dismiss`).set('Authorization', officer).send({})).status).toBe(400);
      expect((await t.http().post(`/api/v1/sightings/${id}/dismiss`).set('Authorization', officer).send({ reason: 'adult', version: 99 })).status).toBe(409);
      const ok = await t.http().post(`/api/v1/sightings/${id}/dismiss`).set('Authorization', officer).send({ reason: 'an adult, not a child', version: 1 });
      expect(ok.body).toMatchObject({ status: 'dismissed', dismissedReason: 'an adult, not a child' });
    });
  });
});
