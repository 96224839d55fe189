import { insertCase } from '../dna/dna-fixtures';
import { insertMatch, insertRescuedChild } from '../support/reunion-fixtures';
import { createTestApp, type TestApp, USERS } from '../test-app';

const DAY = 86_400_000;

/** Family reunions: the verification gate, sign-off, follow-up scheduling with the clock, and scope. */
describe('Reunions', () => {
  let t: TestApp;
  let ngo: string;
  let officer: string;
  let supervisor: string;
  let pudong: string;
  let lab: string;

  const post = (auth: string, body: object) => t.http().post('/api/v1/reunions').set('Authorization', auth).send(body);
  const get = (auth: string, path: string) => t.http().get(`/api/v1/reunions${path}`).set('Authorization', auth);
  const counts = async () => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM reunions) AS reunions, (SELECT count(*)::int FROM reunion_follow_ups) AS follow_ups,
              (SELECT count(*)::int FROM audit_events WHERE action LIKE 'reunion.%' AND action NOT IN ('reunion.read', 'reunion.evidence_lookup')) AS audits`,
    );
    return row;
  };
  const caseStatus = async (id: string) => (await t.dataSource.query(`SELECT status, reunited_at FROM cases WHERE id = $1`, [id]))[0];
  const body = (caseId: string, over: Record<string, unknown> = {}) => ({
    caseId,
    reunitedOn: '2026-05-30',
    place: '太和县城关镇张家',
    familyPresent: [{ name: '李秀英', relationship: '母亲' }],
    ...over,
  });
  /** A Taihe file, a child placed with the NGO and a match between them in the given status. */
  const scenario = async (status: 'confirmed' | 'proposed' = 'confirmed', childOptions: Parameters<typeof insertRescuedChild>[1] = {}) => {
    const caseId = await insertCase(t.dataSource, '341222');
    const childId = await insertRescuedChild(t.dataSource, childOptions);
    const matchId = await insertMatch(t.dataSource, { caseId, rescuedChildId: childId, status });
    return { caseId, childId, matchId };
  };

  /** Moves the clock, and signs everyone in again (sessions do not survive a jump of weeks). */
  const at = async (time: string | Date) => {
    t.clock.set(time);
    [ngo, officer, supervisor, pudong, lab] = await Promise.all(
      [USERS.ngo, USERS.officer, USERS.supervisor, USERS.pudongOfficer, USERS.lab].map((u) => t.bearer(u)),
    );
  };

  beforeAll(async () => {
    t = await createTestApp();
    await at('2026-06-01T04:00:00Z');
  });
  afterAll(() => t.close());

  describe('the verification gate', () => {
    it('refuses a reunion without evidence (422) and writes nothing', async () => {
      const { caseId, childId } = await scenario();
      const before = await counts();
      const res = await post(ngo, body(caseId, { rescuedChildId: childId }));
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('REUNION_EVIDENCE_REQUIRED');
      expect(res.body.errors).toEqual([{ field: 'evidence', message: 'required' }]);
      expect(await counts()).toEqual(before);
      expect((await caseStatus(caseId)).status).toBe('open');
    });

    it.each([
      ['a DNA match without its id', { kind: 'dna_match' }, 'evidence.matchId'],
      ['another verification without a description', { kind: 'other', description: '   ' }, 'evidence.description'],
    ])('refuses %s (422) and writes nothing', async (_label, evidence, field) => {
      const { caseId, childId } = await scenario();
      const before = await counts();
      const res = await post(ngo, body(caseId, { rescuedChildId: childId, evidence }));
      expect(res.status).toBe(422);
      expect(res.body.errors[0].field).toBe(field);
      expect(await counts()).toEqual(before);
    });

    it('refuses a match that is not confirmed yet (422) and writes nothing', async () => {
      const { caseId, childId, matchId } = await scenario('proposed');
      const before = await counts();
      const res = await post(ngo, body(caseId, { rescuedChildId: childId, evidence: { kind: 'dna_match', matchId } }));
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('REUNION_MATCH_NOT_CONFIRMED');
      expect(await counts()).toEqual(before);
      expect((await caseStatus(caseId)).status).toBe('open');
    });

    it('refuses a confirmed match of another file, or of another child (422), and writes nothing', async () => {
      const a = await scenario();
      const b = await scenario();
      const before = await counts();
      const otherFile = await post(officer, body(a.caseId, { evidence: { kind: 'dna_match', matchId: b.matchId } }));
      expect(otherFile.status).toBe(422);
      expect(otherFile.body.code).toBe('REUNION_MATCH_OTHER_FILE');
      const otherChild = await post(ngo, body(a.caseId, { rescuedChildId: b.childId, evidence: { kind: 'dna_match', matchId: a.matchId } }));
      expect(otherChild.status).toBe(422);
      expect(otherChild.body.code).toBe('REUNION_MATCH_OTHER_CHILD');
      expect(await counts()).toEqual(before);
    });

    it('refuses a reunion dated in the future (422) and a malformed date (400)', async () => {
      const { caseId, childId, matchId } = await scenario();
      const evidence = { kind: 'dna_match', matchId };
      const future = await post(ngo, body(caseId, { rescuedChildId: childId, evidence, reunitedOn: '2026-06-02' }));
      expect(future.status).toBe(422);
      expect(future.body.code).toBe('REUNION_DATE_IN_FUTURE');
      expect((await post(ngo, body(caseId, { rescuedChildId: childId, evidence, reunitedOn: '2026-02-30' }))).status).toBe(400);
    });
  });

  describe('with a confirmed DNA match', () => {
    it('is verified at once: file and child reunited, timeline, follow-ups planned, audited — and the NGO sees no DNA data', async () => {
      const { caseId, childId, matchId } = await scenario();
      const evidence = await get(ngo, `/evidence?rescuedChildId=${childId}`);
      expect(evidence.status).toBe(200);
      expect(evidence.body.items).toEqual([{ matchId, caseId, caseNumber: expect.stringMatching(/^MC-/), confirmedAt: '2026-05-21T03:00:00.000Z', used: false }]);

      const res = await post(ngo, body(caseId, { rescuedChildId: childId, evidence: { kind: 'dna_match', matchId } }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        caseId,
        rescuedChildId: childId,
        status: 'verified',
        evidenceKind: 'dna_match',
        evidence: { kind: 'dna_match', matchId, confirmedAt: '2026-05-21T03:00:00.000Z', description: null },
        familyPresent: [{ name: '李秀英', relationship: '母亲' }],
        organisationName: expect.stringContaining('太和县儿童之家'),
      });
      expect(JSON.stringify(res.body)).not.toMatch(/log10|lr|allele|locus|loci/i);
      expect(res.body.followUps.map((f: { monthsAfter: number; dueOn: string; state: string }) => [f.monthsAfter, f.dueOn, f.state])).toEqual([
        [1, '2026-06-30', 'due'],
        [3, '2026-08-30', 'upcoming'],
        [6, '2026-11-30', 'upcoming'],
        [12, '2027-05-30', 'upcoming'],
      ]);

      expect(await caseStatus(caseId)).toMatchObject({ status: 'reunited', reunited_at: expect.any(Date) });
      const events = await t.dataSource.query(`SELECT type, details FROM case_events WHERE case_id = $1 ORDER BY occurred_at, id`, [caseId]);
      expect(events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['status_changed', 'reunion_verified']));
      expect(events.find((e: { type: string }) => e.type === 'status_changed').details).toMatchObject({ from: 'open', to: 'reunited', driver: 'reunited', reunionId: res.body.id });
      const [child] = await t.dataSource.query(`SELECT status, case_id FROM rescued_children WHERE id = $1`, [childId]);
      expect(child).toEqual({ status: 'reunited', case_id: caseId });
      const audits = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [res.body.id]);
      expect(audits.map((a: { action: string }) => a.action)).toEqual(['reunion.create']);

      // The match is now used; a second reunion on the file is refused and writes nothing.
      expect((await get(ngo, `/evidence?rescuedChildId=${childId}`)).body.items[0].used).toBe(true);
      const before = await counts();
      const again = await post(officer, body(caseId, { evidence: { kind: 'other', description: '户籍资料核对一致' } }));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('REUNION_EXISTS');
      expect(await counts()).toEqual(before);
    });

    it('lets the police log it without naming the child: the match says which rescued child it was', async () => {
      const { caseId, childId, matchId } = await scenario();
      const res = await post(officer, body(caseId, { evidence: { kind: 'dna_match', matchId } }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'verified', rescuedChildId: childId });
      // The child is placed with the NGO, so the NGO follows the family up.
      expect((await get(ngo, `/${res.body.id}`)).status).toBe(200);
    });

    it('refuses an NGO caseworker without a child in their care (422), and a child placed elsewhere', async () => {
      const caseId = await insertCase(t.dataSource, '341222');
      const noChild = await post(ngo, body(caseId, { evidence: { kind: 'other', description: '家属提供出生证明' } }));
      expect(noChild.status).toBe(422);
      expect(noChild.body.code).toBe('REUNION_CHILD_REQUIRED');
      const shelter = await scenario('confirmed', { placedWithNgo: false });
      const elsewhere = await post(ngo, body(shelter.caseId, { rescuedChildId: shelter.childId, evidence: { kind: 'dna_match', matchId: shelter.matchId } }));
      expect(elsewhere.status).toBe(422);
      expect(elsewhere.body.code).toBe('REUNION_CASE_NOT_FOUND');
      expect((await get(ngo, `/evidence?rescuedChildId=${shelter.childId}`)).status).toBe(404);
    });

    it('refuses a closed file (409) and writes nothing', async () => {
      const { caseId, childId, matchId } = await scenario();
      await t.dataSource.query(`UPDATE cases SET status = 'closed', closure_reason = 'other' WHERE id = $1`, [caseId]);
      const before = await counts();
      const res = await post(ngo, body(caseId, { rescuedChildId: childId, evidence: { kind: 'dna_match', matchId } }));
      expect(res.status).toBe(409);
      expect(await counts()).toEqual(before);
      const [child] = await t.dataSource.query(`SELECT status FROM rescued_children WHERE id = $1`, [childId]);
      expect(child.status).toBe('in_care');
    });
  });

  describe('with another verification', () => {
    const other = { kind: 'other', description: '母亲提供的出生证明和幼时照片与孩子胎记一致，社区证人确认' };

    it('waits for a supervisor, who verifies it: then the file is reunited and follow-ups planned', async () => {
      const caseId = await insertCase(t.dataSource, '341222');
      const childId = await insertRescuedChild(t.dataSource, { caseId });
      const res = await post(ngo, body(caseId, { rescuedChildId: childId, evidence: other }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'pending_sign_off', followUps: [], canSignOff: false, evidence: { kind: 'other', description: other.description } });
      expect((await caseStatus(caseId)).status).toBe('open');

      const pending = await get(supervisor, '?status=pending_sign_off');
      expect(pending.body.items.map((r: { id: string }) => r.id)).toContain(res.body.id);
      expect((await get(supervisor, `/${res.body.id}`)).body.canSignOff).toBe(true);
      // Officers and NGO caseworkers may not sign off.
      for (const who of [officer, ngo]) {
        expect((await t.http().post(`/api/v1/reunions/${res.body.id}/sign-off`).set('Authorization', who).send({ decision: 'verify' })).status).toBe(403);
      }
      const signed = await t.http().post(`/api/v1/reunions/${res.body.id}/sign-off`).set('Authorization', supervisor).send({ decision: 'verify', note: '材料齐全' });
      expect(signed.status).toBe(200);
      expect(signed.body).toMatchObject({ status: 'verified', signedOffBy: { displayName: expect.stringContaining('Wang') }, signOffNote: '材料齐全' });
      expect(signed.body.followUps).toHaveLength(4);
      expect((await caseStatus(caseId)).status).toBe('reunited');
      const again = await t.http().post(`/api/v1/reunions/${res.body.id}/sign-off`).set('Authorization', supervisor).send({ decision: 'reject', note: 'x' });
      expect(again.status).toBe(409);
    });

    it('refuses the sign-off of the person who logged it (403), and writes nothing', async () => {
      const caseId = await insertCase(t.dataSource, '341222');
      const res = await post(supervisor, body(caseId, { evidence: other }));
      expect(res.status).toBe(201);
      expect(res.body.canSignOff).toBe(false);
      const before = await counts();
      const own = await t.http().post(`/api/v1/reunions/${res.body.id}/sign-off`).set('Authorization', supervisor).send({ decision: 'verify' });
      expect(own.status).toBe(403);
      expect(own.body.code).toBe('REUNION_TWO_PERSON_RULE');
      expect(await counts()).toEqual(before);
      expect((await caseStatus(caseId)).status).toBe('open');
    });

    it('rejects with a reason (required); the file can then get a reunion with better evidence', async () => {
      const caseId = await insertCase(t.dataSource, '341222');
      const res = await post(officer, body(caseId, { evidence: other }));
      const signOff = (b: object) => t.http().post(`/api/v1/reunions/${res.body.id}/sign-off`).set('Authorization', supervisor).send(b);
      const noReason = await signOff({ decision: 'reject' });
      expect(noReason.status).toBe(422);
      expect(noReason.body.code).toBe('SIGN_OFF_REASON_REQUIRED');
      const rejected = await signOff({ decision: 'reject', note: '照片无法证明亲子关系，请做DNA比对' });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', followUps: [] });
      expect((await caseStatus(caseId)).status).toBe('open');
      expect((await post(officer, body(caseId, { evidence: other }))).status).toBe(201);
    });
  });

  describe('follow-up visits', () => {
    let reunionId: string;
    let firstFollowUp: string;

    beforeAll(async () => {
      await at('2026-06-01T04:00:00Z');
      const { caseId, childId, matchId } = await scenario();
      const res = await post(ngo, body(caseId, { rescuedChildId: childId, evidence: { kind: 'dna_match', matchId } }));
      reunionId = res.body.id;
      firstFollowUp = res.body.followUps[0].id;
    });
    afterAll(() => at('2026-06-01T04:00:00Z'));

    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((f) => f.id);

    it('lists a follow-up as overdue for the NGO and the supervisor once its date has passed (the clock moves)', async () => {
      expect(ids(await get(ngo, '/follow-ups?status=due'))).toContain(firstFollowUp);
      expect(ids(await get(ngo, '/follow-ups?status=overdue'))).not.toContain(firstFollowUp);
      await at('2026-06-30T15:00:00Z'); // 23:00 in Beijing on the due date: not overdue yet
      expect(ids(await get(ngo, '/follow-ups?status=overdue'))).not.toContain(firstFollowUp);
      await at(new Date(Date.parse('2026-06-30T15:00:00Z') + DAY));
      for (const who of [ngo, supervisor]) {
        const overdue = await get(who, '/follow-ups?status=overdue');
        expect(overdue.status).toBe(200);
        expect(overdue.body.items.find((f: { id: string }) => f.id === firstFollowUp)).toMatchObject({ state: 'overdue', monthsAfter: 1, dueOn: '2026-06-30', caseNumber: expect.stringMatching(/^MC-/) });
      }
      expect(ids(await get(pudong, '/follow-ups?status=overdue'))).not.toContain(firstFollowUp);
      expect((await get(ngo, `/${reunionId}`)).body.overdueFollowUps).toBe(1);
    });

    it('records a visit: the follow-up is done and no longer overdue; audited', async () => {
      const put = (auth: string, followUpId: string, b: object, id = reunionId) =>
        t.http().put(`/api/v1/reunions/${id}/follow-ups/${followUpId}`).set('Authorization', auth).send(b);
      const visit = { visitedOn: '2026-07-01', visitor: '张社工', wellbeing: 'good', attendingSchool: true, riskFlags: ['economic_hardship'], notes: '孩子已回到学校' };
      expect((await put(ngo, firstFollowUp, { ...visit, visitedOn: '2026-07-03' })).status).toBe(422);
      expect((await put(ngo, firstFollowUp, { ...visit, visitedOn: '2026-05-01' })).status).toBe(422);
      expect((await put(ngo, firstFollowUp, { ...visit, riskFlags: ['unheard_of'] })).status).toBe(400);
      expect((await put(pudong, firstFollowUp, visit)).status).toBe(404);
      const res = await put(ngo, firstFollowUp, visit);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: 'done', visitedOn: '2026-07-01', wellbeing: 'good', attendingSchool: true, riskFlags: ['economic_hardship'] });
      expect(ids(await get(supervisor, '/follow-ups?status=overdue'))).not.toContain(firstFollowUp);
      expect(ids(await get(supervisor, '/follow-ups?status=done'))).toContain(firstFollowUp);
      const [audit] = await t.dataSource.query(`SELECT details FROM audit_events WHERE action = 'reunion.follow_up' AND entity_id = $1`, [reunionId]);
      expect(audit.details).toMatchObject({ followUpId: firstFollowUp, wellbeing: 'good', corrected: false });
    });

    it('answers a follow-up on an unknown reunion, or of another reunion, with 404 and writes nothing', async () => {
      const before = await counts();
      const visit = { visitedOn: '2026-07-01', visitor: '张社工', wellbeing: 'fair' };
      const unknown = await t.http().put(`/api/v1/reunions/00000000-0000-4000-8000-000000000000/follow-ups/${firstFollowUp}`).set('Authorization', ngo).send(visit);
      expect(unknown.status).toBe(404);
      const { caseId, childId, matchId } = await scenario();
      const otherReunion = (await post(ngo, body(caseId, { rescuedChildId: childId, evidence: { kind: 'dna_match', matchId } }))).body.id;
      const after = await counts();
      const mismatched = await t.http().put(`/api/v1/reunions/${otherReunion}/follow-ups/${firstFollowUp}`).set('Authorization', ngo).send(visit);
      expect(mismatched.status).toBe(404);
      expect(await counts()).toEqual(after);
      expect(after.reunions).toBe(before.reunions + 1);
      const [row] = await t.dataSource.query(`SELECT wellbeing FROM reunion_follow_ups WHERE id = $1`, [firstFollowUp]);
      expect(row.wellbeing).toBe('good');
    });
  });

  describe('scope', () => {
    it('keeps reunions, evidence and logging inside the caller’s jurisdiction or organisation', async () => {
      const { caseId, childId, matchId } = await scenario();
      const res = await post(officer, body(caseId, { rescuedChildId: childId, evidence: { kind: 'dna_match', matchId } }));
      expect(res.status).toBe(201);
      const id = res.body.id;
      expect((await get(pudong, `/${id}`)).status).toBe(404);
      expect((await get(pudong, '')).body.items.map((r: { id: string }) => r.id)).not.toContain(id);
      expect((await get(officer, '')).body.items.map((r: { id: string }) => r.id)).toContain(id);
      expect((await get(pudong, `/evidence?caseId=${caseId}`)).status).toBe(404);
      expect((await get(lab, '')).status).toBe(403);

      // A Pudong officer cannot log a reunion on a Taihe file: the same answer as a missing file.
      const taiheFile = await insertCase(t.dataSource, '341222');
      const outside = await post(pudong, body(taiheFile, { evidence: { kind: 'other', description: '户籍核对' } }));
      expect(outside.status).toBe(422);
      expect(outside.body.code).toBe('REUNION_CASE_NOT_FOUND');

      // The NGO sees only reunions of children placed with it.
      const notPlaced = await insertCase(t.dataSource, '341222');
      const policeOnly = await post(officer, body(notPlaced, { evidence: { kind: 'other', description: '户籍核对一致' } }));
      expect((await get(ngo, `/${policeOnly.body.id}`)).status).toBe(404);
      expect((await get(ngo, '')).body.items.map((r: { id: string }) => r.id)).not.toContain(policeOnly.body.id);
    });

    it('audits every read of a reunion', async () => {
      const { caseId, childId, matchId } = await scenario();
      const { id } = (await post(ngo, body(caseId, { rescuedChildId: childId, evidence: { kind: 'dna_match', matchId } }))).body;
      await get(ngo, `/${id}`);
      const reads = await t.dataSource.query(`SELECT actor_username FROM audit_events WHERE action = 'reunion.read' AND entity_id = $1`, [id]);
      expect(reads).toEqual([{ actor_username: 'ngo' }]);
    });
  });
});
