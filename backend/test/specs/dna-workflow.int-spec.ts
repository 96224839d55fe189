import {
  adjustFrequencyTable,
  createFrequencyTable,
  toFrequencyRecord,
} from '../../src/dna/kinship';
import { family, insertCase, longCsv, sampleBody } from '../dna/dna-fixtures';
import { createTestApp, type TestApp, USERS } from '../test-app';

/** Samples, custody, imports, the search, match review and access per role (issue 4). */
describe('DNA workflow', () => {
  let t: TestApp;
  let lab: string;
  let supervisor: string;
  let officer: string;
  let ngo: string;
  let pudong: string;
  let caseId: string;
  const ids: Record<string, string> = {};
  const fam = family(4242);

  const post = (auth: string, path: string, body: object) =>
    t.http().post(`/api/v1${path}`).set('Authorization', auth).send(body);
  const get = (auth: string, path: string) =>
    t.http().get(`/api/v1${path}`).set('Authorization', auth);

  beforeAll(async () => {
    t = await createTestApp();
    [lab, supervisor, officer, ngo, pudong] = await Promise.all(
      [
        USERS.lab,
        USERS.supervisor,
        USERS.officer,
        USERS.ngo,
        USERS.pudongOfficer,
      ].map((u) => t.bearer(u)),
    );
    const [officerRow] = await t.dataSource.query(
      `SELECT id FROM users WHERE username = 'officer'`,
    );
    caseId = await insertCase(t.dataSource, '341222', officerRow.id);
    for (const [barcode, extra] of [
      [
        'WF-FATHER',
        {
          kind: 'family_reference',
          donorRelationship: 'father',
          caseId,
          donorIdentity: { name: '张父', phone: '13900000000' },
        },
      ],
      [
        'WF-MOTHER',
        { kind: 'family_reference', donorRelationship: 'mother', caseId },
      ],
      [
        'WF-CHILD',
        { kind: 'child', childDescription: 'boy found at a brick kiln' },
      ],
      ['WF-STRANGER', { kind: 'child', childDescription: 'unrelated child' }],
    ] as const) {
      const res = await post(lab, '/dna/samples', sampleBody(barcode, extra));
      expect(res.status).toBe(201);
      ids[barcode] = res.body.id;
    }
  });
  afterAll(() => t.close());

  describe('samples and chain of custody', () => {
    it('records custody in order and names the allowed next events when out of order', async () => {
      const id = ids['WF-STRANGER'];
      const sealed = await post(lab, `/dna/samples/${id}/custody-events`, {
        event: 'sealed',
        occurredAt: '2026-05-02T09:00:00Z',
        location: 'lab',
      });
      expect(sealed.status).toBe(201);
      expect(
        sealed.body.custody.map((e: { event: string }) => e.event),
      ).toEqual(['collected', 'sealed']);
      const skip = await post(lab, `/dna/samples/${id}/custody-events`, {
        event: 'profiled',
        occurredAt: '2026-05-02T10:00:00Z',
        location: 'lab',
      });
      expect(skip.status).toBe(409);
      expect(skip.body.allowedNextEvents).toEqual(['shipped', 'destroyed']);
      expect(skip.body.detail).toMatch(/out of order.*shipped or destroyed/);
    });

    it('refuses any event after destruction', async () => {
      const res = await post(
        lab,
        '/dna/samples',
        sampleBody('WF-DESTROY', { kind: 'child' }),
      );
      const id = res.body.id;
      expect(
        (
          await post(lab, `/dna/samples/${id}/custody-events`, {
            event: 'destroyed',
            occurredAt: '2026-05-03T09:00:00Z',
            location: 'lab',
          })
        ).status,
      ).toBe(201);
      const after = await post(lab, `/dna/samples/${id}/custody-events`, {
        event: 'sealed',
        occurredAt: '2026-05-03T10:00:00Z',
        location: 'lab',
      });
      expect(after.status).toBe(409);
      expect(after.body.code).toBe('DNA_SAMPLE_DESTROYED');
      expect(after.body.allowedNextEvents).toEqual([]);
    });

    it('refuses a duplicate barcode and a reference without a file', async () => {
      expect(
        (
          await post(
            lab,
            '/dna/samples',
            sampleBody('WF-CHILD', { kind: 'child' }),
          )
        ).status,
      ).toBe(409);
      const noCase = await post(
        lab,
        '/dna/samples',
        sampleBody('WF-NOCASE', {
          kind: 'family_reference',
          donorRelationship: 'mother',
        }),
      );
      expect(noCase.status).toBe(422);
      expect(noCase.body.errors[0].field).toBe('caseId');
    });

    it('shows the donor identity to the lab only, and audits the view', async () => {
      const res = await get(
        lab,
        `/dna/samples/${ids['WF-FATHER']}/donor-identity`,
      );
      expect(res.status).toBe(200);
      expect(res.body.name).toBe('张父');
      expect(
        (await get(officer, `/dna/samples/${ids['WF-FATHER']}/donor-identity`))
          .status,
      ).toBe(403);
      const sample = await get(officer, `/dna/samples/${ids['WF-FATHER']}`);
      expect(sample.status).toBe(200);
      expect(JSON.stringify(sample.body)).not.toContain('张父');
      const audit = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'dna.sample.donor_identity.read' AND entity_id = $1`,
        [ids['WF-FATHER']],
      );
      expect(audit[0].n).toBe(1);
    });
  });

  describe('profile import', () => {
    it('reports every problem row by row and stores nothing', async () => {
      const csv = [
        'Sample Name\tMarker\tAllele 1\tAllele 2\tAllele 3',
        'WF-CHILD\tVWA\t16\t18\t',
        'WF-CHILD\tPENTA_D\t9\t\t',
        'WF-CHILD\tTH-01\t9.3\t9.3\t',
        'WF-CHILD\tAMEL\tX\tY\t',
        'WF-CHILD\tD8S1179\t10\t12\t13',
        'WF-CHILD\tD99S999\t10\t12\t',
        'WF-CHILD\tFGA\t2x\t22\t',
        'WF-NOBODY\tFGA\t21\t22\t',
      ].join('\n');
      const res = await post(lab, '/dna/profiles/imports', {
        format: 'wide',
        csv,
      });
      expect(res.status).toBe(201);
      expect(res.body.rows).toBe(8);
      expect(res.body.profiles).toBe(2);
      expect(res.body.flagged).toEqual([
        expect.objectContaining({ row: 6, field: 'allele3' }),
      ]);
      const problems = res.body.problems.map(
        (p: { row: number; field: string }) => `${p.row}:${p.field}`,
      );
      expect(problems).toEqual(
        expect.arrayContaining(['7:locus', '8:allele1', '9:sample']),
      );
      expect(res.body.problems).toHaveLength(3);
      const commit = await post(
        lab,
        `/dna/profiles/imports/${res.body.importId}/commit`,
        {},
      );
      expect(commit.status).toBe(409);
      expect(
        (
          await t.dataSource.query(
            `SELECT count(*)::int AS n FROM dna_profiles WHERE sample_id = $1`,
            [ids['WF-CHILD']],
          )
        )[0].n,
      ).toBe(0);
    });

    it('normalises locus aliases, keeps one-allele homozygotes, AMEL and flags a third allele', async () => {
      const res = await post(
        lab,
        '/dna/samples',
        sampleBody('WF-ALIAS', { kind: 'child' }),
      );
      const csv = [
        'Sample Name,Marker,Allele 1,Allele 2,Allele 3',
        'WF-ALIAS,VWA,16,18,',
        'WF-ALIAS,PENTA_D,9,,',
        'WF-ALIAS,TH-01,9.3,9.3,',
        'WF-ALIAS,AMEL,X,Y,',
        'WF-ALIAS,D8S1179,10,12,13',
      ].join('\n');
      const imp = await post(lab, '/dna/profiles/imports', {
        format: 'wide',
        csv,
      });
      expect(imp.body.problems).toEqual([]);
      const commit = await post(
        lab,
        `/dna/profiles/imports/${imp.body.importId}/commit`,
        {},
      );
      expect(commit.status).toBe(200);
      expect(commit.body).toMatchObject({
        status: 'committed',
        processed: 1,
        total: 1,
      });
      const [row] = await t.dataSource.query(
        `SELECT id FROM dna_profiles WHERE sample_id = $1`,
        [res.body.id],
      );
      const profile = await get(lab, `/dna/profiles/${row.id}`);
      expect(profile.body.loci).toEqual({
        vWA: ['16', '18'],
        'Penta D': ['9', '9'],
        TH01: ['9.3', '9.3'],
      });
      expect(profile.body.sexMarker).toBe('XY');
      expect(profile.body.needsReview).toBe(true);
      expect(profile.body.reviewNotes[0]).toMatch(/D8S1179/);
    });

    it('commits all or nothing: a stale import writes none of its profiles', async () => {
      await post(
        lab,
        '/dna/samples',
        sampleBody('WF-AON-1', { kind: 'child' }),
      );
      await post(
        lab,
        '/dna/samples',
        sampleBody('WF-AON-2', { kind: 'child' }),
      );
      const both = await post(lab, '/dna/profiles/imports', {
        format: 'long',
        csv: longCsv({
          'WF-AON-1': { FGA: ['21', '22'] },
          'WF-AON-2': { FGA: ['23', '24'] },
        }),
      });
      const one = await post(lab, '/dna/profiles/imports', {
        format: 'long',
        csv: longCsv({ 'WF-AON-2': { FGA: ['20', '21'] } }),
      });
      expect(
        (
          await post(
            lab,
            `/dna/profiles/imports/${one.body.importId}/commit`,
            {},
          )
        ).body.status,
      ).toBe('committed');
      const stale = await post(
        lab,
        `/dna/profiles/imports/${both.body.importId}/commit`,
        {},
      );
      expect(stale.body.status).toBe('failed');
      expect(stale.body.error).toMatch(/WF-AON-2 already has a profile/);
      const [count] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM dna_profiles p JOIN dna_samples s ON s.id = p.sample_id WHERE s.barcode = 'WF-AON-1'`,
      );
      expect(count.n).toBe(0);
      // A second import of an already-profiled sample is reported as a duplicate before any commit.
      const dup = await post(lab, '/dna/profiles/imports', {
        format: 'long',
        csv: longCsv({ 'WF-AON-2': { FGA: ['20', '21'] } }),
      });
      expect(dup.body.problems[0].problem).toMatch(/duplicate sample/);
    });

    it('accepts one profile entered by hand and refuses a bad allele with the field at fault', async () => {
      await post(
        lab,
        '/dna/samples',
        sampleBody('WF-MANUAL', { kind: 'child' }),
      );
      const bad = await post(lab, '/dna/profiles', {
        sampleBarcode: 'WF-MANUAL',
        loci: { FGA: ['21', 'x'] },
      });
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0].field).toBe('loci.FGA');
      const ok = await post(lab, '/dna/profiles', {
        sampleBarcode: 'WF-MANUAL',
        loci: { FGA: ['21'], AMEL: ['X'] },
      });
      expect(ok.status).toBe(201);
      expect(ok.body.loci).toEqual({ FGA: ['21', '21'] });
    });
  });

  describe('search and review', () => {
    let matchId: string;
    let trioId: string;

    beforeAll(async () => {
      const imp = await post(lab, '/dna/profiles/imports', {
        format: 'long',
        csv: longCsv({
          'WF-FATHER': fam.father,
          'WF-MOTHER': fam.mother,
          'WF-CHILD': fam.child,
          'WF-STRANGER': fam.stranger,
        }),
      });
      expect(imp.body.problems).toEqual([]);
      expect(
        (
          await post(
            lab,
            `/dna/profiles/imports/${imp.body.importId}/commit`,
            {},
          )
        ).body.status,
      ).toBe('committed');
    });

    it('finds the planted family: both parents as parent–child and together as a trio', async () => {
      const res = await get(
        lab,
        `/dna/matches?sampleId=${ids['WF-CHILD']}&pageSize=100`,
      );
      expect(res.status).toBe(200);
      const byRef = (barcode: string, relationship: string) =>
        res.body.items.find(
          (m: { reference: { barcode: string }; relationship: string }) =>
            m.reference.barcode === barcode && m.relationship === relationship,
        );
      const father = byRef('WF-FATHER', 'parent_child');
      const trio = byRef('WF-MOTHER', 'trio_both');
      expect(father).toBeDefined();
      expect(byRef('WF-MOTHER', 'parent_child')).toBeDefined();
      expect(trio.secondReference.barcode).toBe('WF-FATHER');
      expect(trio.conclusion).toBe('supported');
      expect(trio.log10Lr).toBeGreaterThan(father.log10Lr);
      expect(
        res.body.items.some(
          (m: { child: { barcode: string } }) =>
            m.child.barcode === 'WF-STRANGER',
        ),
      ).toBe(false);
      expect(father.model.mutation.model).toBe('stepwise');
      matchId = father.id;
      trioId = trio.id;
    });

    it("stores the index's LRs, equal to the calculator's with the same table", async () => {
      const match = (await get(lab, `/dna/matches/${matchId}`)).body;
      const table = (
        await get(lab, `/dna/frequency-tables/${match.frequencyTableId}`)
      ).body;
      const raw = createFrequencyTable(
        table.population,
        Object.fromEntries(
          table.frequencies.map(
            (f: {
              locus: string;
              alleles: string[];
              frequencies: number[];
              sampledChromosomes: number;
            }) => [f.locus, f],
          ),
        ),
      );
      const observed: Record<string, Set<string>> = {};
      for (const { loci } of await t.dataSource.query(
        `SELECT loci FROM dna_profiles`,
      )) {
        for (const [locus, alleles] of Object.entries(
          loci as Record<string, string[]>,
        ))
          if (raw.loci[locus])
            alleles.forEach((a) => (observed[locus] ??= new Set()).add(a));
      }
      const adjusted = adjustFrequencyTable(raw, {
        floor: { kind: 'sampleSize' },
        observedAlleles: observed,
      });
      expect(adjusted.version).toBe(match.frequencyTableVersion);
      const calc = await post(lab, '/dna/kinship/calculate', {
        frequencies: toFrequencyRecord(adjusted),
        relationship: 'parent_child',
        mutation: match.model.mutation,
        profiles: { child: fam.child, alleged: fam.father },
      });
      expect(calc.status).toBe(200);
      expect(calc.body.log10Lr).toBeCloseTo(
        match.log10LrByRelationship.parent_child,
        9,
      );
      expect(calc.body.log10Lr).toBeCloseTo(match.log10Lr, 9);
      for (const row of match.loci)
        expect(row.lr).toBeCloseTo(calc.body.perLocus[row.locus], 9);
    });

    it('shows alleles to the lab, LRs without alleles to officers, nothing to NGO staff or other scopes', async () => {
      const labView = (await get(lab, `/dna/matches/${trioId}`)).body;
      expect(labView.allelesShown).toBe(true);
      expect(labView.loci[0].child).toHaveLength(2);
      const officerView = await get(officer, `/dna/matches/${trioId}`);
      expect(officerView.status).toBe(200);
      expect(officerView.body.allelesShown).toBe(false);
      expect(officerView.body.loci[0]).not.toHaveProperty('child');
      expect(officerView.body.loci[0].lr).toBeGreaterThan(0);
      const [profile] = await t.dataSource.query(
        `SELECT id FROM dna_profiles WHERE sample_id = $1`,
        [ids['WF-CHILD']],
      );
      expect((await get(officer, `/dna/profiles/${profile.id}`)).status).toBe(
        403,
      );
      expect(
        (await get(supervisor, `/dna/profiles/${profile.id}`)).status,
      ).toBe(403);
      expect((await get(ngo, `/dna/matches`)).status).toBe(403);
      expect((await get(ngo, `/dna/matches/${trioId}`)).status).toBe(403);
      expect((await get(ngo, `/dna/samples/${ids['WF-CHILD']}`)).status).toBe(
        403,
      );
      expect((await get(pudong, `/dna/matches/${trioId}`)).status).toBe(404);
      const pudongList = await get(pudong, `/dna/matches?pageSize=100`);
      expect(
        pudongList.body.items.some((m: { id: string }) => m.id === trioId),
      ).toBe(false);
    });

    it('needs a lab proposal and a different person to confirm; a confirmed match locates the file', async () => {
      expect(
        (await post(supervisor, `/dna/matches/${trioId}/confirm`, {})).status,
      ).toBe(409); // not proposed yet
      expect(
        (await post(lab, `/dna/matches/${trioId}/propose`, { note: 'checked' }))
          .body.status,
      ).toBe('proposed');
      expect(
        (await post(lab, `/dna/matches/${trioId}/confirm`, {})).status,
      ).toBe(403);
      // The same person may not propose and decide, whatever their role now.
      const [sup] = await t.dataSource.query(
        `SELECT id FROM users WHERE username = 'supervisor'`,
      );
      const [labUser] = await t.dataSource.query(
        `SELECT id FROM users WHERE username = 'lab'`,
      );
      await t.dataSource.query(
        `UPDATE kinship_matches SET proposed_by = $2 WHERE id = $1`,
        [trioId, sup.id],
      );
      const own = await post(supervisor, `/dna/matches/${trioId}/confirm`, {});
      expect(own.status).toBe(403);
      expect(own.body.code).toBe('DNA_TWO_PERSON_RULE');
      await t.dataSource.query(
        `UPDATE kinship_matches SET proposed_by = $2 WHERE id = $1`,
        [trioId, labUser.id],
      );
      const confirmed = await post(
        supervisor,
        `/dna/matches/${trioId}/confirm`,
        { note: 'consistent with the file' },
      );
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.status).toBe('confirmed');
      const [file] = await t.dataSource.query(
        `SELECT status FROM cases WHERE id = $1`,
        [caseId],
      );
      expect(file.status).toBe('located');
      // The file's officer is told, once, with a link to the match; nobody else is.
      const inbox = await get(officer, '/notifications');
      const told = inbox.body.items.filter(
        (n: { kind: string }) => n.kind === 'dna_match_confirmed',
      );
      expect(told).toHaveLength(1);
      expect(told[0].link).toBe(`/dna/matches/${trioId}`);
      const others = await get(supervisor, '/notifications');
      expect(
        others.body.items.some(
          (n: { kind: string }) => n.kind === 'dna_match_confirmed',
        ),
      ).toBe(false);
      const reject = await post(supervisor, `/dna/matches/${matchId}/reject`, {
        reason: 'x',
      });
      expect(reject.status).toBe(400);
    });

    it('audits searches, profile views and imports', async () => {
      const rows: { action: string }[] = await t.dataSource.query(
        `SELECT DISTINCT action FROM audit_events WHERE action LIKE 'dna.%'`,
      );
      expect(rows.map((r) => r.action)).toEqual(
        expect.arrayContaining([
          'dna.search',
          'dna.profile.read',
          'dna.profile_import.validate',
          'dna.profile_import.commit',
          'dna.match.propose',
          'dna.match.confirm',
        ]),
      );
    });
  });

  describe('calculator', () => {
    const frequencies = { TH01: { '6': 0.1, '7': 0.2, '9.3': 0.7 } };
    it('gives the textbook value and an exact 422 for bad input', async () => {
      const ok = await post(lab, '/dna/kinship/calculate', {
        frequencies,
        relationship: 'parent_child',
        profiles: { child: { TH01: ['6'] }, alleged: { TH01: ['6', '6'] } },
      });
      expect(ok.status).toBe(200);
      expect(ok.body.lr).toBeCloseTo(10, 10); // 1/p_A
      expect(ok.body.posterior).toBeCloseTo(10 / 11, 10);
      const bad = await post(lab, '/dna/kinship/calculate', {
        frequencies: { ...frequencies, FGA: { '20': 0.5, '21': 0.4 } },
        relationship: 'parent_child',
        profiles: {
          child: { TH01: ['8'], D3S1358: ['15', '16'] },
          alleged: { TH01: ['6'] },
        },
      });
      expect(bad.status).toBe(422);
      const fields = bad.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'frequencies.FGA',
          'profiles.child.TH01',
          'profiles.child.D3S1358',
        ]),
      );
      const missing = await post(lab, '/dna/kinship/calculate', {
        frequencies,
        relationship: 'trio_both',
        profiles: { child: { TH01: ['6'] } },
      });
      expect(missing.status).toBe(422);
      expect(
        missing.body.errors.map((e: { field: string }) => e.field),
      ).toEqual(['profiles.father', 'profiles.mother']);
      expect(
        (
          await post(officer, '/dna/kinship/calculate', {
            frequencies,
            relationship: 'parent_child',
            profiles: {},
          })
        ).status,
      ).toBe(403);
      const [audit] = await t.dataSource.query(
        `SELECT details FROM audit_events WHERE action = 'dna.kinship.calculate' ORDER BY id DESC LIMIT 1`,
      );
      expect(JSON.stringify(audit.details)).not.toContain('9.3');
    });
  });
});
