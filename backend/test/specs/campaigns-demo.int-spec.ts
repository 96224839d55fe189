import { createTestApp, type TestApp, USERS } from '../test-app';

/** The demo campaign, seeded before the rescues and sightings: a new user sees real figures. */
describe('Campaigns demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demoFeatures: true });
  });
  afterAll(() => t.close());

  it('has the Taihe 2026 crackdown, active, with its files, sightings and rescues tagged', async () => {
    const supervisor = await t.bearer(USERS.supervisor);
    const list = await t.http().get('/api/v1/campaigns').set('Authorization', supervisor);
    const campaign = list.body.items.find((c: { name: string }) => c.name === '太和县2026打拐专项行动');
    expect(campaign).toMatchObject({ jurisdictionCode: '341222', phase: 'active' });
    const [tagged] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE record_type = 'rescue')::int AS rescues, count(*) FILTER (WHERE record_type = 'sighting')::int AS sightings
         FROM campaign_records WHERE campaign_id = $1 AND NOT excluded`,
      [campaign.id],
    );
    expect(tagged.rescues).toBeGreaterThan(0);
    expect(tagged.sightings).toBeGreaterThan(0);
    const detail = await t.http().get(`/api/v1/campaigns/${campaign.id}`).set('Authorization', supervisor);
    expect(detail.body.figures.rescues).toBe(tagged.rescues);
    expect(detail.body.figures.childrenRecoveredIdentified + detail.body.figures.childrenRecoveredUnidentified).toBeGreaterThan(0);
  });
});
