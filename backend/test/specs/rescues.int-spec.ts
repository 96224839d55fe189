import { createCase, photo } from '../support/sightings-fixtures';
import { createTestApp, type TestApp, USERS } from '../test-app';

const RESCUE = {
  occurredAt: '2026-09-14T06:00:00Z',
  place: '太和县城关镇汽车站',
  lat: 33.16,
  lng: 115.62,
  jurisdictionCode: '341222',
  agencies: ['太和县公安局', '太和县民政局'],
  suspectsDetained: 3,
  notes: '线人举报 (police only)',
};

/** Rescue operations and rescued children (issue 5 §1 and the bad input of §7). */
describe('Rescues', () => {
  let t: TestApp;
  let officer: string;
  let supervisor: string;
  let ngo: string;
  let lab: string;
  let pudong: string;
  let ngoOrgId: string;
  let policeOrgId: string;

  const count = async (table: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const logRescue = async (body: Record<string, unknown> = {}, auth = officer) => t.http().post('/api/v1/rescues').set('Authorization', auth).send({ ...RESCUE, ...body });
  const addChild = (rescueId: string, body: Record<string, unknown>, auth = officer) => t.http().post(`/api/v1/rescues/${rescueId}/children`).set('Authorization', auth).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date('2026-11-28T08:00:00Z'));
    [officer, supervisor, ngo, lab, pudong] = await Promise.all([USERS.officer, USERS.supervisor, USERS.ngo, USERS.lab, USERS.pudongOfficer].map((u) => t.bearer(u)));
    [{ id: ngoOrgId }] = await t.dataSource.query(`SELECT o.id FROM organisations o JOIN users u ON u.organisation_id = o.id WHERE u.username = 'ngo'`);
    [{ id: policeOrgId }] = await t.dataSource.query(`SELECT o.id FROM organisations o JOIN users u ON u.organisation_id = o.id WHERE u.username = 'officer'`);
  });
  afterAll(() => t.close());

  describe('operations', () => {
    it('logs a rescue in the officer’s county, audited, and lists it with filters and paging', async () => {
      const res = await logRescue();
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ place: RESCUE.place, suspectsDetained: 3, agencies: RESCUE.agencies, notes: RESCUE.notes, children: [], childrenCount: 0, version: 1 });
      expect(res.body.jurisdiction.code).toBe('341222');
      const [audit] = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_type = 'Rescue' AND entity_id = $1`, [res.body.id]);
      expect(audit.action).toBe('rescue.create');

      await logRescue({ occurredAt: '2026-06-01T06:00:00Z', place: 'earlier' });
      const list = await t.http().get('/api/v1/rescues?from=2026-09-01T00:00:00Z&to=2026-10-01T00:00:00Z&pageSize=1').set('Authorization', supervisor);
      expect(list.status).toBe(200);
      expect(list.body.items.map((r: { place: string }) => r.place)).not.toContain('earlier');
      expect(list.body.pageSize).toBe(1);
      const byCounty = await t.http().get('/api/v1/rescues?jurisdictionCode=341221').set('Authorization', supervisor);
      expect(byCounty.body.total).toBe(0);
    });

    it('refuses a rescue outside the user’s jurisdiction with a clear 422 and writes nothing', async () => {
      const before = await count('rescues');
      const res = await logRescue({ jurisdictionCode: '310115' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('JURISDICTION_OUTSIDE_SCOPE');
      expect(res.body.detail).toContain('310115');
      expect(await count('rescues')).toBe(before);
    });

    it('refuses bad input without writing: latitude 91, one coordinate, a future date, an unknown campaign or county', async () => {
      const before = await count('rescues');
      const lat = await logRescue({ lat: 91 });
      expect(lat.status).toBe(400);
      expect(JSON.stringify(lat.body.errors)).toContain('lat');
      expect((await logRescue({ lng: null })).body.code).toBe('POSITION_INCOMPLETE');
      expect((await logRescue({ occurredAt: '2026-12-30T00:00:00Z' })).body.code).toBe('RESCUE_IN_FUTURE');
      const campaign = await logRescue({ campaignId: '00000000-0000-4000-8000-000000000001' });
      expect(campaign.status).toBe(422);
      expect(campaign.body.code).toBe('UNKNOWN_CAMPAIGN');
      expect((await logRescue({ jurisdictionCode: '999999' })).body.code).toBe('UNKNOWN_JURISDICTION');
      expect((await logRescue({ suspectsDetained: -1 })).status).toBe(400);
      expect(await count('rescues')).toBe(before);
    });

    it('tags a rescue to a campaign by hand, and filters the list by campaign', async () => {
      const [{ id: taihe }] = await t.dataSource.query(`SELECT id, path FROM jurisdictions WHERE code = '341222'`);
      const [{ id: campaignId }] = await t.dataSource.query(
        `INSERT INTO campaigns (name, jurisdiction_id, jurisdiction_path, starts_on, ends_on)
         SELECT '太和打拐专项', id, path, '2026-06-01', '2026-12-31' FROM jurisdictions WHERE id = $1 RETURNING id`,
        [taihe],
      );
      const res = await logRescue({ campaignId, place: 'tagged' });
      expect(res.status).toBe(201);
      expect(res.body.campaigns).toEqual([{ id: campaignId, name: '太和打拐专项' }]);
      const [row] = await t.dataSource.query(`SELECT origin, excluded FROM campaign_records WHERE record_type = 'rescue' AND record_id = $1`, [res.body.id]);
      expect(row).toEqual({ origin: 'manual', excluded: false });
      const list = await t.http().get(`/api/v1/rescues?campaignId=${campaignId}`).set('Authorization', officer);
      expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([res.body.id]);
    });

    it('updates with the version read; a stale version is 409 and an out-of-scope move 422', async () => {
      const { body: rescue } = await logRescue();
      const ok = await t.http().patch(`/api/v1/rescues/${rescue.id}`).set('Authorization', officer).send({ version: 1, suspectsDetained: 5, notes: '' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ suspectsDetained: 5, notes: null, version: 2 });
      const stale = await t.http().patch(`/api/v1/rescues/${rescue.id}`).set('Authorization', officer).send({ version: 1, suspectsDetained: 6 });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      const away = await t.http().patch(`/api/v1/rescues/${rescue.id}`).set('Authorization', officer).send({ version: 2, jurisdictionCode: '310115' });
      expect(away.status).toBe(422);
      const [row] = await t.dataSource.query(`SELECT suspects_detained, version FROM rescues WHERE id = $1`, [rescue.id]);
      expect(row).toEqual({ suspects_detained: 5, version: 2 });
    });

    it('keeps rescues inside their scope: Pudong police neither list nor open a Taihe rescue', async () => {
      const { body: rescue } = await logRescue();
      expect((await t.http().get(`/api/v1/rescues/${rescue.id}`).set('Authorization', pudong)).status).toBe(404);
      const list = await t.http().get('/api/v1/rescues').set('Authorization', pudong);
      expect(list.body.total).toBe(0);
      expect((await t.http().get('/api/v1/rescues').set('Authorization', ngo)).status).toBe(403);
    });
  });

  describe('children', () => {
    it('identifies a child by their file: the file moves to rescued with timeline events; a second claim is 409', async () => {
      const { body: rescue } = await logRescue();
      const file = await createCase(t, officer, { fullName: '王小丫' });
      const res = await addChild(rescue.id, { caseId: file.id, condition: '营养不良' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ view: 'full', sex: 'male', status: 'in_care', case: { id: file.id, caseNumber: file.caseNumber, status: 'rescued' } });
      const events = await t.dataSource.query(`SELECT type, details FROM case_events WHERE case_id = $1 ORDER BY id`, [file.id]);
      expect(events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['status_changed', 'rescued_child_linked']));
      expect(events.find((e: { type: string }) => e.type === 'status_changed').details).toMatchObject({ to: 'rescued', driver: 'rescued', rescueId: rescue.id });
      const [{ found_at }] = await t.dataSource.query(`SELECT found_at FROM cases WHERE id = $1`, [file.id]);
      expect(found_at).not.toBeNull();

      await addChild(rescue.id, { sex: 'female' });
      const identified = await t.http().get(`/api/v1/rescued-children?identified=true&rescueId=${rescue.id}`).set('Authorization', officer);
      expect(identified.body.items.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
      expect((await t.http().get(`/api/v1/rescued-children?identified=false&rescueId=${rescue.id}`).set('Authorization', officer)).body.total).toBe(1);
      expect((await t.http().get('/api/v1/rescued-children?identified=maybe').set('Authorization', officer)).status).toBe(400);

      const again = await addChild(rescue.id, { caseId: file.id });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('CASE_ALREADY_RESCUED');
      const detail = await t.http().get(`/api/v1/rescues/${rescue.id}`).set('Authorization', officer);
      expect(detail.body).toMatchObject({ childrenCount: 2, identifiedCount: 1 });
      const [read] = await t.dataSource.query(`SELECT details FROM audit_events WHERE action = 'rescue.read' AND entity_id = $1`, [rescue.id]);
      expect(read.details.rescuedChildIds).toEqual(detail.body.children.map((c: { id: string }) => c.id));
    });

    it('refuses an unknown file, a file outside the jurisdiction and a closed file, writing nothing', async () => {
      const { body: rescue } = await logRescue();
      const pudongFile = await createCase(t, pudong, { fullName: '浦东孩子', jurisdictionCode: '310115', lat: 31.22, lng: 121.54 });
      const closed = await createCase(t, officer, { fullName: '已结案' });
      await t.http().post(`/api/v1/cases/${closed.id}/status`).set('Authorization', officer).send({ version: closed.version, status: 'closed', reason: 'found by family' });
      const before = await count('rescued_children');
      const unknown = await addChild(rescue.id, { caseId: '00000000-0000-4000-8000-000000000002' });
      expect(unknown.status).toBe(422);
      expect(unknown.body.code).toBe('UNKNOWN_CASE');
      expect((await addChild(rescue.id, { caseId: pudongFile.id })).body.code).toBe('UNKNOWN_CASE');
      const final = await addChild(rescue.id, { caseId: closed.id });
      expect(final.status).toBe(409);
      expect(final.body.code).toBe('CASE_INVALID_TRANSITION');
      expect((await addChild(rescue.id, { estimatedAgeYears: 30 })).status).toBe(400);
      expect(await count('rescued_children')).toBe(before);
      expect((await addChild(rescue.id, { sex: 'female' }, pudong)).status).toBe(404);
    });

    it('places a child with an NGO: the NGO is notified, reads the care view (audited) and updates care fields only', async () => {
      const { body: rescue } = await logRescue();
      const { body: child } = await addChild(rescue.id, { name: '小花', sex: 'female', estimatedAgeYears: 6, dialect: '河南口音' });
      expect(child.case).toBeNull();
      // Not yet placed with the NGO: it is not theirs to see.
      expect((await t.http().get(`/api/v1/rescued-children/${child.id}`).set('Authorization', ngo)).status).toBe(404);

      const notAnNgo = await t.http().put(`/api/v1/rescued-children/${child.id}/placement`).set('Authorization', officer).send({ version: 1, kind: 'ngo', organisationId: policeOrgId });
      expect(notAnNgo.status).toBe(422);
      expect(notAnNgo.body.code).toBe('NOT_AN_NGO');
      expect((await t.http().put(`/api/v1/rescued-children/${child.id}/placement`).set('Authorization', officer).send({ version: 1, kind: 'shelter' })).status).toBe(400);

      const placed = await t.http().put(`/api/v1/rescued-children/${child.id}/placement`).set('Authorization', officer).send({ version: 1, kind: 'ngo', organisationId: ngoOrgId });
      expect(placed.status).toBe(200);
      expect(placed.body.placement).toMatchObject({ kind: 'ngo', organisationId: ngoOrgId, shelter: null });
      const notes = await t.dataSource.query(`SELECT n.kind, n.params, n.link FROM notifications n JOIN users u ON u.id = n.recipient_id WHERE u.username = 'ngo'`);
      expect(notes).toEqual([{ kind: 'child_placed', params: expect.objectContaining({ child: '小花' }), link: `/rescued-children/${child.id}` }]);

      const read = await t.http().get(`/api/v1/rescued-children/${child.id}`).set('Authorization', ngo);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ view: 'care', name: '小花', canPlace: false, canStartDnaSample: false });
      expect(read.body).not.toHaveProperty('dnaSamples');
      expect(read.body.editableFields).toContain('condition');
      const [audit] = await t.dataSource.query(
        `SELECT a.action FROM audit_events a WHERE a.entity_type = 'RescuedChild' AND a.entity_id = $1 AND a.actor_username = 'ngo'`,
        [child.id],
      );
      expect(audit.action).toBe('rescued_child.read');
      const list = await t.http().get('/api/v1/rescued-children').set('Authorization', ngo);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([child.id]);

      const care = await t.http().patch(`/api/v1/rescued-children/${child.id}`).set('Authorization', ngo).send({ version: 2, condition: '已恢复 (recovered)' });
      expect(care.status).toBe(200);
      expect(care.body.condition).toBe('已恢复 (recovered)');
      const move = await t.http().put(`/api/v1/rescued-children/${child.id}/placement`).set('Authorization', ngo).send({ version: 3, kind: 'shelter', shelter: 'elsewhere' });
      expect(move.status).toBe(403);
      const [row] = await t.dataSource.query(`SELECT placement_kind, version FROM rescued_children WHERE id = $1`, [child.id]);
      expect(row).toEqual({ placement_kind: 'ngo', version: 3 });
    });

    it('starts a child’s DNA sample in one step (custody collected, audited); once only; not by an NGO', async () => {
      const { body: rescue } = await logRescue();
      const { body: child } = await addChild(rescue.id, { sex: 'male', estimatedAgeYears: 7 });
      await t.http().put(`/api/v1/rescued-children/${child.id}/placement`).set('Authorization', officer).send({ version: 1, kind: 'ngo', organisationId: ngoOrgId });
      const consent = { consentGivenBy: '太和县儿童之家 (guardian NGO)', consentGivenAt: '2026-11-27T09:00:00Z' };
      expect((await t.http().post(`/api/v1/rescued-children/${child.id}/dna-sample`).set('Authorization', ngo).send(consent)).status).toBe(403);

      const res = await t.http().post(`/api/v1/rescued-children/${child.id}/dna-sample`).set('Authorization', officer).send(consent);
      expect(res.status).toBe(201);
      expect(res.body.dnaSamples).toHaveLength(1);
      expect(res.body.dnaSamples[0]).toMatchObject({ custodyState: 'collected', barcode: expect.stringMatching(/^RC-20261128-[0-9A-F]{6}$/) });
      const [sample] = await t.dataSource.query(`SELECT kind, rescued_child_id, case_id, consent_scope, jurisdiction_path FROM dna_samples WHERE id = $1`, [res.body.dnaSamples[0].id]);
      expect(sample).toMatchObject({ kind: 'child', rescued_child_id: child.id, case_id: null, consent_scope: 'search_for_missing_children' });
      const audits = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id IN ($1, $2) ORDER BY id`, [child.id, res.body.dnaSamples[0].id]);
      expect(audits.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['dna.sample.create', 'rescued_child.dna_sample']));

      const twice = await t.http().post(`/api/v1/rescued-children/${child.id}/dna-sample`).set('Authorization', lab).send(consent);
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('DNA_SAMPLE_EXISTS');
    });

    it('keeps photos of a child with the child: police add them, the caring NGO sees them, the lab and others do not', async () => {
      const { body: rescue } = await logRescue();
      const { body: child } = await addChild(rescue.id, { sex: 'female' });
      await t.http().put(`/api/v1/rescued-children/${child.id}/placement`).set('Authorization', officer).send({ version: 1, kind: 'ngo', organisationId: ngoOrgId });
      const upload = (auth: string) =>
        t.http().post('/api/v1/attachments').set('Authorization', auth).field('entityType', 'rescued_child').field('entityId', child.id).attach('file', photoFile, 'child.jpg');
      const photoFile = await photo(7);
      const added = await upload(officer);
      expect(added.status).toBe(201);
      const list = (auth: string) => t.http().get(`/api/v1/attachments?entityType=rescued_child&entityId=${child.id}`).set('Authorization', auth);
      expect((await list(ngo)).body.items.map((a: { id: string }) => a.id)).toEqual([added.body.id]);
      expect((await list(lab)).status).toBe(403); // no photos of children for a laboratory
      expect((await list(pudong)).status).toBe(404);
      expect((await upload(ngo)).status).toBe(403);
    });

    it('lets the laboratory start a sample from the child’s outline, which shows no care record', async () => {
      const { body: rescue } = await logRescue();
      const { body: child } = await addChild(rescue.id, { sex: 'female', condition: 'private care note' });
      const outline = await t.http().get(`/api/v1/rescued-children/${child.id}`).set('Authorization', lab);
      expect(outline.body).toMatchObject({ view: 'outline', canStartDnaSample: true });
      expect(outline.body).not.toHaveProperty('condition');
      expect(outline.body).not.toHaveProperty('case');
      const res = await t.http().post(`/api/v1/rescued-children/${child.id}/dna-sample`).set('Authorization', lab).send({ barcode: 'LAB-CHILD-0001', consentGivenBy: 'guardian', consentGivenAt: '2026-11-27T09:00:00Z' });
      expect(res.status).toBe(201);
      expect(res.body.dnaSamples[0].barcode).toBe('LAB-CHILD-0001');
      const edit = await t.http().patch(`/api/v1/rescued-children/${child.id}`).set('Authorization', lab).send({ version: 1, condition: 'x' });
      expect(edit.status).toBe(403);
      expect(edit.body.code).toBe('FIELD_NOT_EDITABLE');
    });
  });
});
