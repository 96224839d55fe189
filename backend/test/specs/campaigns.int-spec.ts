import { StatisticsFixtures } from '../support/statistics-fixtures';
import { createTestApp, type TestApp, USERS } from '../test-app';

/** Crackdown campaigns: automatic tagging by place and Shanghai days, adjustments by hand, figures, bad input. */
describe('Campaigns', () => {
  let t: TestApp;
  let supervisor: string;
  let officer: string;
  let f: StatisticsFixtures;
  const ids: Record<string, string> = {};
  const TAIHE = '341222';
  const PUDONG = '310115';
  const campaignBody = (over: Record<string, unknown> = {}) => ({
    name: '太和县二月专项行动',
    goals: '解救乞讨儿童',
    jurisdictionCode: TAIHE,
    startsOn: '2026-02-01',
    endsOn: '2026-02-28',
    ...over,
  });
  const count = async () => Number((await t.dataSource.query('SELECT count(*)::int AS n FROM campaigns'))[0].n);
  const tags = async (campaignId: string) =>
    Object.fromEntries(
      (await t.dataSource.query(`SELECT record_id, origin, excluded FROM campaign_records WHERE campaign_id = $1`, [campaignId])).map(
        (r: { record_id: string; origin: string; excluded: boolean }) => [r.record_id, `${r.origin}${r.excluded ? ' excluded' : ''}`],
      ),
    );
  const create = async (over: Record<string, unknown> = {}) => {
    const res = await t.http().post('/api/v1/campaigns').set('Authorization', supervisor).send(campaignBody(over));
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  };

  beforeAll(async () => {
    t = await createTestApp();
    supervisor = await t.bearer(USERS.supervisor);
    officer = await t.bearer(USERS.officer);
    f = await new StatisticsFixtures(t.dataSource).init();
    ids.janLate = await f.file({ code: TAIHE, createdAt: '2026-01-31T15:30:00Z' }); // 31 Jan 23:30 in Shanghai
    ids.febFirst = await f.file({ code: TAIHE, createdAt: '2026-01-31T16:30:00Z' }); // 1 Feb 00:30
    ids.febLast = await f.file({ code: TAIHE, createdAt: '2026-02-28T15:59:00Z' }); // 28 Feb 23:59
    ids.march = await f.file({ code: TAIHE, createdAt: '2026-02-28T16:00:00Z' }); // 1 Mar 00:00
    ids.pudongFile = await f.file({ code: PUDONG, createdAt: '2026-02-10T02:00:00Z' });
    ids.sighting = await f.sighting({ code: TAIHE, at: '2026-02-03T02:00:00Z', status: 'linked' });
    ids.rescue = await f.rescue({ code: TAIHE, at: '2026-02-10T02:00:00Z', suspects: 4, children: [null, ids.febFirst] });
  });
  afterAll(() => t.close());

  it('tags the files, sightings and rescues inside its place and days when it is created', async () => {
    const campaign = await create();
    expect(await tags(campaign.id)).toEqual({ [ids.febFirst]: 'auto', [ids.febLast]: 'auto', [ids.sighting]: 'auto', [ids.rescue]: 'auto' });
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_events WHERE action = 'campaign.create' AND entity_id = $1`, [campaign.id]);
    expect(audit.details).toMatchObject({ tagged: 4, jurisdictionCode: TAIHE });
  });

  it('tags new records as they are written and untags a record that moves out', async () => {
    const campaign = await create({ name: '触发器测试' });
    const later = await f.sighting({ code: TAIHE, at: '2026-02-20T02:00:00Z' });
    const elsewhere = await f.sighting({ code: PUDONG, at: '2026-02-20T02:00:00Z' });
    expect((await tags(campaign.id))[later]).toBe('auto');
    expect((await tags(campaign.id))[elsewhere]).toBeUndefined();
    const pudong = f.jurisdiction(PUDONG);
    await t.dataSource.query(`UPDATE sightings SET jurisdiction_id = $1, jurisdiction_path = $2 WHERE id = $3`, [pudong.id, pudong.path, later]);
    expect((await tags(campaign.id))[later]).toBeUndefined();
  });

  it('keeps records taken out or added by hand when its days change', async () => {
    const campaign = await create({ name: '手动调整' });
    // Take out the sighting; add the March file by hand.
    const removed = await t.http().delete(`/api/v1/campaigns/${campaign.id}/records/sighting/${ids.sighting}`).set('Authorization', supervisor);
    expect(removed.status).toBe(204);
    const added = await t.http().post(`/api/v1/campaigns/${campaign.id}/records`).set('Authorization', supervisor).send({ recordType: 'case', recordId: ids.march });
    expect(added.status).toBe(204);
    // Move the start a day earlier: the 31 January file comes in; the taken-out sighting stays out.
    const moved = await t.http().patch(`/api/v1/campaigns/${campaign.id}`).set('Authorization', supervisor).send({ version: campaign.version, startsOn: '2026-01-31', endsOn: '2026-02-27' });
    expect(moved.status).toBe(200);
    expect(moved.body.version).toBe(campaign.version + 1);
    expect(await tags(campaign.id)).toEqual({
      [ids.janLate]: 'auto',
      [ids.febFirst]: 'auto',
      [ids.sighting]: 'auto excluded',
      [ids.rescue]: 'auto',
      [ids.march]: 'manual',
    }); // febLast (28 Feb) is now outside and its automatic tag is gone
    const list = await t.http().get(`/api/v1/campaigns/${campaign.id}/records?recordType=case`).set('Authorization', officer);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    expect(list.body.items[0]).toMatchObject({ recordType: 'case', recordId: ids.march, origin: 'manual', detail: 'open', jurisdictionCode: TAIHE });
    const out = await t.http().get(`/api/v1/campaigns/${campaign.id}/records?excluded=true`).set('Authorization', officer);
    expect(out.body.items.map((r: { recordId: string }) => r.recordId)).toEqual([ids.sighting]);
    // Taken out twice: nothing left to take out.
    expect((await t.http().delete(`/api/v1/campaigns/${campaign.id}/records/sighting/${ids.sighting}`).set('Authorization', supervisor)).status).toBe(404);
    // A stale version is refused.
    expect((await t.http().patch(`/api/v1/campaigns/${campaign.id}`).set('Authorization', supervisor).send({ version: campaign.version, name: 'x' })).status).toBe(409);
  });

  it('shows its figures from the tagged records, and audits the reading', async () => {
    const campaign = await create({ name: '数字' });
    const res = await t.http().get(`/api/v1/campaigns/${campaign.id}`).set('Authorization', officer);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '数字', jurisdictionCode: TAIHE, startsOn: '2026-02-01', endsOn: '2026-02-28', taggedRecords: 4 });
    expect(res.body.figures).toMatchObject({
      filesOpened: 2,
      sightingsReceived: 1,
      sightingsLinked: 1,
      rescues: 1,
      childrenRecoveredIdentified: 1,
      childrenRecoveredUnidentified: 1,
      suspectsDetained: 4,
    });
    const [audit] = await t.dataSource.query(`SELECT actor_username FROM audit_events WHERE action = 'campaign.read' AND entity_id = $1`, [campaign.id]);
    expect(audit.actor_username).toBe('officer');
    const list = await t.http().get('/api/v1/campaigns?q=数字').set('Authorization', officer);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([campaign.id]);
  });

  it('refuses bad input with a clear 4xx and writes nothing', async () => {
    const before = await count();
    const backwards = await t.http().post('/api/v1/campaigns').set('Authorization', supervisor).send(campaignBody({ startsOn: '2026-03-01', endsOn: '2026-02-01' }));
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors).toEqual([{ field: 'endsOn', message: 'must not be before startsOn' }]);
    expect((await t.http().post('/api/v1/campaigns').set('Authorization', supervisor).send(campaignBody({ jurisdictionCode: PUDONG }))).status).toBe(422);
    expect((await t.http().post('/api/v1/campaigns').set('Authorization', supervisor).send(campaignBody({ startsOn: '2026-02-01T00:00:00Z' }))).status).toBe(400);
    expect((await t.http().post('/api/v1/campaigns').set('Authorization', supervisor).send(campaignBody({ name: '  ' }))).status).toBe(400);
    expect((await t.http().post('/api/v1/campaigns').set('Authorization', officer).send(campaignBody())).status).toBe(403);
    expect(await count()).toBe(before);

    const campaign = await create({ name: '坏输入' });
    const moveBackwards = await t.http().patch(`/api/v1/campaigns/${campaign.id}`).set('Authorization', supervisor).send({ version: campaign.version, endsOn: '2026-01-01' });
    expect(moveBackwards.status).toBe(422);
    const [row] = await t.dataSource.query(`SELECT to_char(ends_on, 'YYYY-MM-DD') AS ends_on, version FROM campaigns WHERE id = $1`, [campaign.id]);
    expect(row).toEqual({ ends_on: '2026-02-28', version: campaign.version });
    const addPudong = await t.http().post(`/api/v1/campaigns/${campaign.id}/records`).set('Authorization', supervisor).send({ recordType: 'case', recordId: ids.pudongFile });
    expect(addPudong.status).toBe(422);
    const addUnknown = await t.http().post(`/api/v1/campaigns/${campaign.id}/records`).set('Authorization', supervisor).send({ recordType: 'rescue', recordId: ids.febFirst });
    expect(addUnknown.status).toBe(422);
    expect((await tags(campaign.id))[ids.pudongFile]).toBeUndefined();
  });

  it('hides a campaign from police of another county', async () => {
    const campaign = await create({ name: '别处' });
    const pudong = await t.bearer(USERS.pudongOfficer);
    expect((await t.http().get(`/api/v1/campaigns/${campaign.id}`).set('Authorization', pudong)).status).toBe(404);
    expect((await t.http().get(`/api/v1/campaigns/${campaign.id}/records`).set('Authorization', pudong)).status).toBe(404);
    const list = await t.http().get('/api/v1/campaigns').set('Authorization', pudong);
    expect(list.body.total).toBe(0);
    expect((await t.http().get(`/api/v1/statistics?campaignId=${campaign.id}`).set('Authorization', pudong)).status).toBe(404);
  });
});
