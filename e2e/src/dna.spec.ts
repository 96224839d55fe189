import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { apiToken, signIn } from './support/session';

/**
 * Issue 4, end to end: `lab` imports a family's and a rescued child's profiles → the candidate appears →
 * `lab` proposes → `supervisor` confirms → the file shows located.
 */
const LOCI = [
  'CSF1PO',
  'FGA',
  'TH01',
  'TPOX',
  'vWA',
  'D3S1358',
  'D5S818',
  'D7S820',
  'D8S1179',
  'D13S317',
  'D16S539',
  'D18S51',
  'D21S11',
  'D2S1338',
  'D19S433',
];
type Genotypes = Record<string, [string, string]>;

/** mulberry32: the same family on every run. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function api<T>(
  request: APIRequestContext,
  token: string,
  method: 'get' | 'post',
  path: string,
  data?: object,
): Promise<T> {
  const response = await request[method](`/api/v1${path}`, {
    headers: { Authorization: `Bearer ${token}` },
    data,
  });
  expect(
    response.ok(),
    `${method.toUpperCase()} ${path}: ${response.status()} ${await response.text()}`,
  ).toBeTruthy();
  return (await response.json()) as T;
}

test('lab imports a family and a rescued child, proposes the match, a supervisor confirms, the file is located', async ({
  page,
  browser,
  request,
}) => {
  // Two sign-ins, an import, a search and two decisions: longer than the default 60 s on a busy machine.
  test.setTimeout(180_000);
  const officer = await apiToken(request, 'officer');
  const lab = await apiToken(request, 'lab');
  const suffix = Date.now().toString(36).toUpperCase();

  // The missing child's file, and the three samples registered by the lab (their profiles come from the CSV).
  const file = await api<{ id: string; caseNumber: string }>(
    request,
    officer,
    'post',
    '/cases',
    {
      child: { fullName: '周小宝', sex: 'male', dateOfBirth: '2020-02-02' },
      lastSeenAt: '2026-06-01T08:00:00Z',
      lastSeenPlace: '太和县城关镇人民广场',
      lastSeenLat: 33.16,
      lastSeenLng: 115.62,
      jurisdictionCode: '341222',
      priority: 'high',
    },
  );
  const barcodes = {
    mother: `E2E-M-${suffix}`,
    father: `E2E-F-${suffix}`,
    child: `E2E-C-${suffix}`,
  };
  const consent = {
    givenBy: 'the donor',
    givenAt: '2026-06-02T08:00:00Z',
    scope: 'search_for_missing_children',
  };
  const collected = { at: '2026-06-02T09:00:00Z', location: '太和县公安局' };
  for (const [relationship, barcode] of [
    ['mother', barcodes.mother],
    ['father', barcodes.father],
  ] as const) {
    await api(request, lab, 'post', '/dna/samples', {
      barcode,
      kind: 'family_reference',
      donorRelationship: relationship,
      caseId: file.id,
      consent,
      collected,
      retentionUntil: '2046-06-01',
    });
  }
  await api(request, lab, 'post', '/dna/samples', {
    barcode: barcodes.child,
    kind: 'child',
    childDescription: 'boy rescued at a brick kiln',
    consent,
    collected,
    retentionUntil: '2046-06-01',
  });

  // A true family drawn from the search's frequency table: the child takes one allele from each parent.
  const tables = await api<{ id: string; searchDefault: boolean }[]>(
    request,
    lab,
    'get',
    '/dna/frequency-tables',
  );
  const table = await api<{
    frequencies: { locus: string; alleles: string[]; frequencies: number[] }[];
  }>(
    request,
    lab,
    'get',
    `/dna/frequency-tables/${tables.find((t) => t.searchDefault)?.id}`,
  );
  const random = seededRandom(4711);
  const draw = (locus: string): string => {
    const l = table.frequencies.find((f) => f.locus === locus);
    if (!l) throw new Error(`no frequencies for ${locus}`);
    let u = random();
    for (let i = 0; i < l.alleles.length; i++)
      if ((u -= l.frequencies[i]) < 0) return l.alleles[i];
    return l.alleles[l.alleles.length - 1];
  };
  const person = (): Genotypes =>
    Object.fromEntries(LOCI.map((l) => [l, [draw(l), draw(l)]]));
  const mother = person();
  const father = person();
  const child: Genotypes = Object.fromEntries(
    LOCI.map((l) => [
      l,
      [father[l][random() < 0.5 ? 0 : 1], mother[l][random() < 0.5 ? 0 : 1]],
    ]),
  );
  const csv = ['sample,locus,allele1,allele2'];
  for (const [barcode, g] of [
    [barcodes.mother, mother],
    [barcodes.father, father],
    [barcodes.child, child],
  ] as const) {
    for (const l of LOCI) csv.push(`${barcode},${l},${g[l][0]},${g[l][1]}`);
  }

  // lab: the import wizard.
  await signIn(page, 'lab');
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'DNA import', exact: true })
    .click();
  await expect(
    page.getByRole('heading', { name: 'Import STR profiles', level: 1 }),
  ).toBeVisible();
  await page.getByLabel('CSV', { exact: true }).fill(csv.join('\n'));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByText(/rows, 3 profiles, 0 problems/)).toBeVisible();
  await page.getByRole('button', { name: 'Import 3 profiles' }).click();
  await expect(page.getByText('3 profiles imported')).toBeVisible();

  // The candidate for both parents appears in the review queue.
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'DNA matches', exact: true })
    .click();
  const trioRow = page
    .getByRole('row')
    .filter({ hasText: barcodes.child })
    .filter({ hasText: 'Both parents' });
  await expect(async () => {
    await page.goto('/dna/matches');
    await expect(trioRow).toHaveCount(1, { timeout: 10_000 });
  }).toPass({ timeout: 45_000 });
  await expect(trioRow).toContainText(file.caseNumber);
  await expect(trioRow).toContainText('Supported');
  await trioRow.getByRole('link', { name: barcodes.child }).click();
  await expect(
    page.getByRole('heading', { name: 'DNA match', level: 1 }),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Per locus' }).getByRole('row'),
  ).toHaveCount(LOCI.length + 1);
  const matchUrl = new URL(page.url()).pathname;
  await page.getByLabel('Note').fill('all loci consistent with both parents');
  await page.getByRole('button', { name: 'Propose match' }).click();
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText(
    'Proposed',
  );
  // The lab cannot decide its own proposal.
  await expect(page.getByRole('button', { name: 'Confirm match' })).toHaveCount(
    0,
  );

  // supervisor: confirms.
  const supervisorContext = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
  });
  const supervisorPage = await supervisorContext.newPage();
  await signIn(supervisorPage, 'supervisor');
  await supervisorPage.goto(matchUrl);
  await expect(
    supervisorPage.getByRole('status', { name: 'Status' }),
  ).toHaveText('Proposed');
  await supervisorPage.getByRole('button', { name: 'Confirm match' }).click();
  await expect(
    supervisorPage.getByRole('status', { name: 'Status' }),
  ).toHaveText('Confirmed');
  await supervisorContext.close();

  // The file is located.
  const located = await api<{ status: string }>(
    request,
    officer,
    'get',
    `/cases/${file.id}`,
  );
  expect(located.status).toBe('located');
});
