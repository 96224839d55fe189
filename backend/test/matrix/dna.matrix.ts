import { family, insertCase, longCsv, sampleBody } from '../dna/dna-fixtures';
import type { FeatureMatrix, Who } from './route-matrix';

const MISSING = '00000000-0000-4000-8000-000000000000';

/** DNA samples, profiles, frequency tables, the calculator and match review. */
export const dnaMatrix: FeatureMatrix = async ({ t, auth, userId }) => {
  const lab = auth.lab_technician;
  const post = (path: string, body: object) =>
    t.http().post(`/api/v1${path}`).set('Authorization', lab).send(body);
  const tag = () => Math.random().toString(36).slice(2, 8).toUpperCase();
  const caseId = await insertCase(
    t.dataSource,
    '341222',
    await userId('officer'),
  );
  const fam = family(777);
  const barcodes = {
    father: `MX-F-${tag()}`,
    mother: `MX-M-${tag()}`,
    child: `MX-C-${tag()}`,
  };
  const father = (
    await post(
      '/dna/samples',
      sampleBody(barcodes.father, {
        kind: 'family_reference',
        donorRelationship: 'father',
        caseId,
        donorIdentity: { name: 'x' },
      }),
    )
  ).body.id;
  await post(
    '/dna/samples',
    sampleBody(barcodes.mother, {
      kind: 'family_reference',
      donorRelationship: 'mother',
      caseId,
    }),
  );
  const child = (
    await post('/dna/samples', sampleBody(barcodes.child, { kind: 'child' }))
  ).body.id;
  const imp = await post('/dna/profiles/imports', {
    format: 'long',
    csv: longCsv({
      [barcodes.father]: fam.father,
      [barcodes.mother]: fam.mother,
      [barcodes.child]: fam.child,
    }),
  });
  await post(`/dna/profiles/imports/${imp.body.importId}/commit`, {});
  const matches = (
    await t
      .http()
      .get(`/api/v1/dna/matches?sampleId=${child}`)
      .set('Authorization', lab)
  ).body.items as { id: string }[];
  const [toPropose, toConfirm, toReject] = matches.map((m) => m.id);
  await post(`/dna/matches/${toConfirm}/propose`, {});
  await post(`/dna/matches/${toReject}/propose`, {});
  const [profile] = await t.dataSource.query(
    `SELECT id FROM dna_profiles WHERE sample_id = $1`,
    [child],
  );
  const [table] = await t.dataSource.query(
    `SELECT id FROM dna_frequency_tables WHERE search_default`,
  );
  // A Pudong sample: outside every Taihe user's scope.
  const [pudong] = await t.dataSource.query(
    `INSERT INTO dna_samples (barcode, kind, consent_given_by, consent_given_at, consent_scope, collecting_organisation_id, jurisdiction_id, jurisdiction_path, retention_until, custody_state, created_by)
     SELECT 'MX-PUDONG-${tag()}', 'child', 'x', now(), 'search_for_missing_children', o.id, j.id, j.path, '2046-01-01', 'collected', u.id
       FROM jurisdictions j, organisations o, users u WHERE j.code = '310115' AND u.username = 'lab' AND o.kind = 'lab' LIMIT 1 RETURNING id`,
  );
  const fresh = new Map<Who, string>();
  for (const who of ['lab_technician'] as Who[]) {
    const barcode = `MX-N-${tag()}`;
    await post('/dna/samples', sampleBody(barcode, { kind: 'child' }));
    fresh.set(who, barcode);
  }
  const sampleForEvents = (
    await post('/dna/samples', sampleBody(`MX-E-${tag()}`, { kind: 'child' }))
  ).body.id;
  const pendingImport = (
    await post('/dna/profiles/imports', {
      format: 'long',
      csv: longCsv({
        [fresh.get('lab_technician') as string]: { FGA: ['21', '22'] },
      }),
    })
  ).body.importId;
  const dnaReaders = {
    supervisor: 200,
    officer: 200,
    lab_technician: 200,
    others: 403,
  };
  const labOnly = (status: number) => ({ lab_technician: status, others: 403 });

  return [
    {
      route: 'GET /api/v1/dna/samples',
      label: 'list (scope-filtered)',
      path: '/api/v1/dna/samples',
      expect: dnaReaders,
    },
    {
      route: 'GET /api/v1/dna/samples/:id',
      label: 'a Taihe sample',
      path: `/api/v1/dna/samples/${father}`,
      expect: dnaReaders,
    },
    {
      route: 'GET /api/v1/dna/samples/:id',
      label: 'a Pudong sample (out of scope)',
      path: `/api/v1/dna/samples/${pudong.id}`,
      expect: {
        supervisor: 404,
        officer: 404,
        lab_technician: 404,
        others: 403,
      },
    },
    {
      route: 'GET /api/v1/dna/samples/:id/donor-identity',
      label: 'a Taihe donor',
      path: `/api/v1/dna/samples/${father}/donor-identity`,
      expect: labOnly(200),
    },
    {
      route: 'POST /api/v1/dna/samples',
      label: 'a new child sample',
      path: '/api/v1/dna/samples',
      body: (who: Who) =>
        sampleBody(`MX-S-${who.slice(0, 3).toUpperCase()}-${tag()}`, {
          kind: 'child',
        }),
      expect: labOnly(201),
    },
    {
      route: 'POST /api/v1/dna/samples/:id/custody-events',
      label: 'sealed (lab only; the event then moves on)',
      path: `/api/v1/dna/samples/${sampleForEvents}/custody-events`,
      body: {
        event: 'sealed',
        occurredAt: '2026-05-02T09:00:00Z',
        location: 'lab',
      },
      expect: labOnly(201),
    },
    {
      route: 'POST /api/v1/dna/profiles/imports',
      label: 'validation report',
      path: '/api/v1/dna/profiles/imports',
      body: { format: 'long', csv: longCsv({ NOBODY: { FGA: ['21', '22'] } }) },
      expect: labOnly(201),
    },
    {
      route: 'GET /api/v1/dna/profiles/imports',
      label: 'list',
      path: '/api/v1/dna/profiles/imports',
      expect: labOnly(200),
    },
    {
      route: 'GET /api/v1/dna/profiles/imports/:id',
      label: 'progress',
      path: `/api/v1/dna/profiles/imports/${pendingImport}`,
      expect: labOnly(200),
    },
    {
      route: 'POST /api/v1/dna/profiles/imports/:id/commit',
      label: 'commit a validated import',
      path: `/api/v1/dna/profiles/imports/${pendingImport}/commit`,
      expect: labOnly(200),
    },
    {
      route: 'POST /api/v1/dna/profiles',
      label: 'manual entry for a missing sample (422 for the lab)',
      path: '/api/v1/dna/profiles',
      body: { sampleBarcode: 'MX-NO-SUCH', loci: { FGA: ['21'] } },
      expect: labOnly(422),
    },
    {
      route: 'GET /api/v1/dna/profiles',
      label: 'list',
      path: '/api/v1/dna/profiles',
      expect: labOnly(200),
    },
    {
      route: 'GET /api/v1/dna/profiles/:id',
      label: 'raw alleles',
      path: `/api/v1/dna/profiles/${profile.id}`,
      expect: labOnly(200),
    },
    {
      route: 'GET /api/v1/dna/profiles/:id',
      label: 'missing',
      path: `/api/v1/dna/profiles/${MISSING}`,
      expect: labOnly(404),
    },
    {
      route: 'GET /api/v1/dna/frequency-tables',
      label: 'list',
      path: '/api/v1/dna/frequency-tables',
      expect: dnaReaders,
    },
    {
      route: 'GET /api/v1/dna/frequency-tables/:id',
      label: 'NIST 1036 Asian',
      path: `/api/v1/dna/frequency-tables/${table.id}`,
      expect: dnaReaders,
    },
    {
      route: 'POST /api/v1/dna/frequency-tables',
      label: 'a new population table',
      path: '/api/v1/dna/frequency-tables',
      body: (who: Who) => {
        const p = 0.1 + Math.random() / 10;
        return {
          csv: [
            'population,marker,marker_original,allele,frequency,n_alleles',
            `X,TH01,TH01,6,${p},200`,
            `X,TH01,TH01,7,${1 - p},200`,
          ].join('\n'),
          population: 'X',
          name: `matrix ${who}`,
          floor: { kind: 'sampleSize' },
        };
      },
      expect: labOnly(201),
    },
    {
      route: 'POST /api/v1/dna/frequency-tables/:id/search-default',
      label: 'keep NIST as the search table',
      path: `/api/v1/dna/frequency-tables/${table.id}/search-default`,
      expect: labOnly(200),
    },
    {
      route: 'POST /api/v1/dna/kinship/calculate',
      label: 'a duo',
      path: '/api/v1/dna/kinship/calculate',
      body: {
        frequencies: { TH01: { '6': 0.1, '7': 0.9 } },
        relationship: 'parent_child',
        profiles: { child: { TH01: ['6'] }, alleged: { TH01: ['6'] } },
      },
      expect: labOnly(200),
    },
    {
      route: 'GET /api/v1/dna/matches',
      label: 'review queue',
      path: '/api/v1/dna/matches',
      expect: dnaReaders,
    },
    {
      route: 'GET /api/v1/dna/matches/:id',
      label: 'a Taihe match',
      path: `/api/v1/dna/matches/${toPropose}`,
      expect: dnaReaders,
    },
    {
      route: 'GET /api/v1/dna/matches/:id',
      label: 'missing',
      path: `/api/v1/dna/matches/${MISSING}`,
      expect: {
        supervisor: 404,
        officer: 404,
        lab_technician: 404,
        others: 403,
      },
    },
    {
      route: 'POST /api/v1/dna/matches/:id/propose',
      label: 'a candidate',
      path: `/api/v1/dna/matches/${toPropose}/propose`,
      body: {},
      expect: labOnly(200),
    },
    {
      route: 'POST /api/v1/dna/matches/:id/confirm',
      label: 'a proposed match',
      path: `/api/v1/dna/matches/${toConfirm}/confirm`,
      body: {},
      expect: { supervisor: 200, others: 403 },
    },
    {
      route: 'POST /api/v1/dna/matches/:id/reject',
      label: 'a proposed match',
      path: `/api/v1/dna/matches/${toReject}/reject`,
      body: { reason: 'not enough loci' },
      expect: { supervisor: 200, others: 403 },
    },
  ];
};
