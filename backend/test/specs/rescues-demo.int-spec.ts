import { DEMO_DNA } from '../../src/dna/dna.demo-seed';
import { DnaSearchService } from '../../src/dna/search/dna-search.service';
import { createTestApp, type TestApp, USERS } from '../test-app';

/** The Taihe crackdown demo rescues, and what a confirmed DNA match does for a rescued child. */
describe('Rescues demo data and DNA identification', () => {
  let t: TestApp;
  let ngo: string;

  beforeAll(async () => {
    t = await createTestApp({ demoFeatures: true });
    ngo = await t.bearer(USERS.ngo);
    await t.app.get(DnaSearchService).processPending();
  });
  afterAll(() => t.close());

  it('seeds six Taihe rescues with fifteen children, three identified, most in the demo NGO’s care', async () => {
    const [figures] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM rescues) AS rescues,
              (SELECT sum(suspects_detained)::int FROM rescues) AS suspects,
              count(*)::int AS children, count(case_id)::int AS identified,
              count(*) FILTER (WHERE placement_kind = 'ngo')::int AS with_ngo
         FROM rescued_children`,
    );
    expect(figures).toEqual({ rescues: 6, suspects: 13, children: 15, identified: 3, with_ngo: 12 });
    const files = await t.dataSource.query(`SELECT c.status FROM rescued_children rc JOIN cases c ON c.id = rc.case_id`);
    // Rescued at least (the reunions seed then takes some of them home).
    expect(files.every((f: { status: string }) => ['rescued', 'reunited'].includes(f.status))).toBe(true);
    const list = await t.http().get('/api/v1/rescued-children?pageSize=100').set('Authorization', ngo);
    expect(list.body.total).toBe(12);
  });

  it('a confirmed match identifies the rescued child, moves the file to rescued and tells the NGO without DNA data', async () => {
    const lab = await t.bearer(USERS.lab);
    const supervisor = await t.bearer(USERS.supervisor);
    const [child] = await t.dataSource.query(
      `SELECT rc.id, rc.case_id FROM rescued_children rc JOIN dna_samples s ON s.rescued_child_id = rc.id WHERE s.barcode = $1`,
      [DEMO_DNA.childBarcode],
    );
    expect(child.case_id).toBeNull();
    const matches = await t.http().get('/api/v1/dna/matches?pageSize=100').set('Authorization', lab);
    const trio = matches.body.items.find((m: { relationship: string }) => m.relationship === 'trio_both');
    expect((await t.http().post(`/api/v1/dna/matches/${trio.id}/propose`).set('Authorization', lab).send({ note: 'checked' })).status).toBe(200);
    expect((await t.http().post(`/api/v1/dna/matches/${trio.id}/confirm`).set('Authorization', supervisor).send({})).status).toBe(200);

    const [file] = await t.dataSource.query(`SELECT id, status FROM cases WHERE child_full_name = $1 AND status <> 'closed'`, [DEMO_DNA.caseChildName]);
    const [after] = await t.dataSource.query(`SELECT case_id FROM rescued_children WHERE id = $1`, [child.id]);
    expect(after.case_id).toBe(file.id);
    expect(file.status).toBe('rescued');
    const [note] = await t.dataSource.query(
      `SELECT n.kind, n.params, n.link FROM notifications n JOIN users u ON u.id = n.recipient_id WHERE u.username = 'ngo' AND n.kind = 'child_family_found'`,
    );
    expect(note).toEqual({ kind: 'child_family_found', params: { child: '小明' }, link: `/rescued-children/${child.id}` });
    const read = await t.http().get(`/api/v1/rescued-children/${child.id}`).set('Authorization', ngo);
    expect(read.body.case).toMatchObject({ id: file.id, status: 'rescued' });
  });
});
