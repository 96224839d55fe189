import { DEMO_DNA } from '../../src/dna/dna.demo-seed';
import { DnaSearchService } from '../../src/dna/search/dna-search.service';
import { createTestApp, type TestApp, USERS } from '../test-app';

/** The DNA demo data (issue 4): the true family is found on the first start, the decoys are not. */
describe('DNA demo data', () => {
  let t: TestApp;
  let lab: string;

  beforeAll(async () => {
    t = await createTestApp({ demoFeatures: true });
    lab = await t.bearer(USERS.lab);
    // What the application does when it starts: search every profile not yet searched.
    await t.app.get(DnaSearchService).processPending();
  });
  afterAll(() => t.close());

  it('offers the lab the rescued child against both parents of the Taihe file, and nothing else', async () => {
    const res = await t
      .http()
      .get('/api/v1/dna/matches?pageSize=100')
      .set('Authorization', lab);
    expect(res.status).toBe(200);
    const items: {
      relationship: string;
      status: string;
      conclusion: string;
      child: { barcode: string };
      reference: { barcode: string };
      secondReference: { barcode: string } | null;
      caseNumber: string | null;
      inconsistentLoci: number;
    }[] = res.body.items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((m) => m.child.barcode === DEMO_DNA.childBarcode)).toBe(
      true,
    );
    const family = new Set([DEMO_DNA.motherBarcode, DEMO_DNA.fatherBarcode]);
    expect(items.every((m) => family.has(m.reference.barcode))).toBe(true);
    const trio = items.find((m) => m.relationship === 'trio_both');
    expect(trio).toMatchObject({
      status: 'candidate',
      conclusion: 'supported',
      inconsistentLoci: 1,
    });
    expect(
      new Set([trio?.reference.barcode, trio?.secondReference?.barcode]),
    ).toEqual(family);
    const [file] = await t.dataSource.query(
      `SELECT case_number, status FROM cases WHERE child_full_name = $1`,
      [DEMO_DNA.caseChildName],
    );
    expect(trio?.caseNumber).toBe(file.case_number);
    expect(file.status).toBe('open');
  });

  it('registers 43 profiled samples with their custody chains', async () => {
    const [counts] = await t.dataSource.query(
      `SELECT count(*)::int AS samples, count(*) FILTER (WHERE kind = 'child')::int AS children,
              (SELECT count(*)::int FROM dna_profiles) AS profiles,
              (SELECT count(DISTINCT sample_id)::int FROM dna_custody_events WHERE event = 'profiled') AS chains
         FROM dna_samples`,
    );
    expect(counts).toEqual({
      samples: 43,
      children: 1,
      profiles: 43,
      chains: 43,
    });
  });
});
