import { expect, test } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
// The back end's own PDF text extractor (dependency-free test code), rather than a second copy here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { compact, inspectPdf } from '../../backend/src/reports/rendering/testing/pdf-text';
import { apiToken, signIn } from './support/session';

/**
 * Issue 5, end to end: a boy rescued during the demo crackdown and placed with the NGO is matched to a
 * missing-child file by DNA (lab imports, proposes; supervisor confirms — through the API) → `ngo` logs
 * the reunion in the browser with the confirmed match as evidence → the file shows reunited →
 * `supervisor` requests the campaign's PDF report, downloads it, and it opens and lists the rescue.
 */
const CAMPAIGN = '太和县2026打拐专项行动';
const LOCI = ['CSF1PO', 'FGA', 'TH01', 'TPOX', 'vWA', 'D3S1358', 'D5S818', 'D7S820', 'D8S1179', 'D13S317', 'D16S539', 'D18S51', 'D21S11', 'D2S1338', 'D19S433'];
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

async function api<T>(request: APIRequestContext, token: string, method: 'get' | 'post' | 'put', path: string, data?: object): Promise<T> {
  const response = await request[method](`/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` }, data });
  expect(response.ok(), `${method.toUpperCase()} ${path}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

test('after a confirmed DNA match, the NGO logs the reunion with the match as evidence, the file is reunited, and the supervisor downloads the campaign PDF', async ({ page, browser, request }) => {
  // Set-up through the API (an import, a search, two decisions), then three people in the browser.
  test.setTimeout(300_000);
  const [officer, lab, supervisor] = await Promise.all(['officer', 'lab', 'supervisor'].map((u) => apiToken(request, u)));
  const suffix = Date.now().toString(36).toUpperCase();

  // The missing boy's file, and the rescue in which an unidentified boy is found and placed with the NGO.
  const file = await api<{ id: string; caseNumber: string }>(request, officer, 'post', '/cases', {
    child: { fullName: '吴小龙', sex: 'male', dateOfBirth: '2019-09-09' },
    lastSeenAt: '2026-03-01T08:00:00Z',
    lastSeenPlace: '太和县城关镇人民广场',
    lastSeenLat: 33.16,
    lastSeenLng: 115.62,
    jurisdictionCode: '341222',
    priority: 'high',
  });
  // A few days ago: inside the demo campaign (Taihe, the last four months), so it is tagged to it.
  const rescue = await api<{ id: string }>(request, officer, 'post', '/rescues', {
    occurredAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
    place: `太和县汽车站 E2E ${suffix}`,
    jurisdictionCode: '341222',
    suspectsDetained: 1,
  });
  const rescued = await api<{ id: string; version: number }>(request, officer, 'post', `/rescues/${rescue.id}/children`, {
    name: `龙龙${suffix}`,
    sex: 'male',
    estimatedAgeYears: 7,
  });
  const organisations = await api<{ id: string; kind: string }[] | { items: { id: string; kind: string }[] }>(request, officer, 'get', '/organisations');
  const ngo = (Array.isArray(organisations) ? organisations : organisations.items).find((o) => o.kind === 'ngo');
  await api(request, officer, 'put', `/rescued-children/${rescued.id}/placement`, { version: rescued.version, kind: 'ngo', organisationId: ngo?.id });

  // The lab: the parents' reference samples on the file, the boy's sample on his rescue record, and their profiles.
  const barcodes = { mother: `E2E-RM-${suffix}`, father: `E2E-RF-${suffix}`, child: `E2E-RC-${suffix}` };
  const consent = { givenBy: 'the donor', givenAt: '2026-06-16T08:00:00Z', scope: 'search_for_missing_children' };
  const collected = { at: '2026-06-16T09:00:00Z', location: '太和县公安局' };
  for (const [relationship, barcode] of [['mother', barcodes.mother], ['father', barcodes.father]] as const) {
    await api(request, lab, 'post', '/dna/samples', { barcode, kind: 'family_reference', donorRelationship: relationship, caseId: file.id, consent, collected, retentionUntil: '2046-06-01' });
  }
  const childSample = await api<{ id: string }>(request, lab, 'post', '/dna/samples', {
    barcode: barcodes.child,
    kind: 'child',
    rescuedChildId: rescued.id,
    childDescription: 'boy rescued at the bus station',
    consent,
    collected,
    retentionUntil: '2046-06-01',
  });
  const tables = await api<{ id: string; searchDefault: boolean }[]>(request, lab, 'get', '/dna/frequency-tables');
  const table = await api<{ frequencies: { locus: string; alleles: string[]; frequencies: number[] }[] }>(
    request,
    lab,
    'get',
    `/dna/frequency-tables/${tables.find((t) => t.searchDefault)?.id}`,
  );
  const random = seededRandom(9157);
  const draw = (locus: string): string => {
    const l = table.frequencies.find((f) => f.locus === locus);
    if (!l) throw new Error(`no frequencies for ${locus}`);
    let u = random();
    for (let i = 0; i < l.alleles.length; i++) if ((u -= l.frequencies[i]) < 0) return l.alleles[i];
    return l.alleles[l.alleles.length - 1];
  };
  const person = (): Genotypes => Object.fromEntries(LOCI.map((l) => [l, [draw(l), draw(l)]]));
  const mother = person();
  const father = person();
  const child: Genotypes = Object.fromEntries(LOCI.map((l) => [l, [father[l][random() < 0.5 ? 0 : 1], mother[l][random() < 0.5 ? 0 : 1]]]));
  const csv = ['sample,locus,allele1,allele2'];
  for (const [barcode, g] of [[barcodes.mother, mother], [barcodes.father, father], [barcodes.child, child]] as const) {
    for (const l of LOCI) csv.push(`${barcode},${l},${g[l][0]},${g[l][1]}`);
  }
  const imported = await api<{ importId: string }>(request, lab, 'post', '/dna/profiles/imports', { format: 'long', csv: csv.join('\n') });
  await api(request, lab, 'post', `/dna/profiles/imports/${imported.importId}/commit`, {});

  // The search finds the boy against both parents; the lab proposes, the supervisor confirms.
  let matchId = '';
  await expect(async () => {
    const matches = await api<{ items: { id: string; relationship: string }[] }>(request, lab, 'get', `/dna/matches?sampleId=${childSample.id}`);
    matchId = matches.items.find((m) => m.relationship === 'trio_both')?.id ?? '';
    expect(matchId).not.toBe('');
  }).toPass({ timeout: 60_000 });
  await api(request, lab, 'post', `/dna/matches/${matchId}/propose`, { note: 'all loci consistent with both parents' });
  await api(request, supervisor, 'post', `/dna/matches/${matchId}/confirm`, {});

  // ngo: logs the reunion in the browser, with the confirmed match as evidence.
  await signIn(page, 'ngo');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Reunions', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Family reunions', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Log a reunion' }).click();
  await expect(page.getByRole('heading', { name: 'Log a family reunion', level: 1 })).toBeVisible();
  // The select opens once the children in care have loaded.
  const boy = page.getByRole('option', { name: new RegExp(`龙龙${suffix}`) });
  await expect(async () => {
    await page.getByRole('combobox', { name: 'Rescued child' }).click();
    await expect(boy).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await boy.click();
  // The only usable evidence is picked: the match, shown by file number and date — no DNA data.
  const evidence = page.getByRole('radio', { name: new RegExp(`File ${file.caseNumber} — DNA match confirmed on`) });
  await expect(evidence).toBeChecked();
  await expect(page.getByTestId('reunion-case')).toHaveText(file.caseNumber);
  await expect(page.getByText(/log10|likelihood|allele/i)).toHaveCount(0);
  await page.getByLabel('Place').fill('太和县城关镇吴家');
  await page.getByLabel('Name', { exact: true }).fill('吴桂兰');
  await page.getByLabel('Relationship to the child').fill('母亲');
  await page.getByRole('button', { name: 'Log the reunion' }).click();

  await expect(page.getByRole('heading', { name: /^Reunion of / , level: 1 })).toBeVisible();
  await expect(page.getByTestId('reunion-status')).toHaveText('Verified');
  await expect(page.getByTestId('reunion-evidence')).toContainText('Confirmed DNA match, confirmed on');
  await expect(page.getByRole('table', { name: 'Follow-up visits' }).getByRole('row')).toHaveCount(5);
  await expect(page.getByText('吴桂兰 (母亲)')).toBeVisible();

  // The officer sees the file reunited.
  const officerContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const officerPage = await officerContext.newPage();
  await signIn(officerPage, 'officer');
  await officerPage.goto(`/cases/${file.id}`);
  await expect(officerPage.getByRole('heading', { name: '吴小龙', level: 1 })).toBeVisible();
  await expect(officerPage.locator('header').getByText('Reunited', { exact: true })).toBeVisible();
  await officerContext.close();

  // The supervisor downloads the campaign's report; the PDF opens and lists the boy's rescue.
  const supervisorContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const text = await downloadCampaignReport(await supervisorContext.newPage(), CAMPAIGN);
  expect(text).toContain(compact(CAMPAIGN));
  expect(text).toContain(compact(`太和县汽车站 E2E ${suffix}`));
  // Redaction: the child by initials only, the mother's name nowhere.
  expect(text).not.toContain(compact(`龙龙${suffix}`));
  expect(text).not.toContain(compact('吴桂兰'));
  await supervisorContext.close();
});

/** `supervisor` asks for a campaign's PDF (in Chinese, initials) on the reports page, waits, downloads it; its text. */
async function downloadCampaignReport(page: Page, campaign: string): Promise<string> {
  await signIn(page, 'supervisor');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Reports', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Reports and exports' })).toBeVisible();
  await page.getByRole('radio', { name: 'Campaign report' }).check();
  await page.getByTestId('report-campaign').click();
  await page.getByRole('option', { name: new RegExp(`^${campaign}`) }).click();
  await page.getByRole('combobox', { name: 'Language of the report' }).click();
  await page.getByRole('option', { name: '中文' }).click();
  // Full names warn that the choice is audited; the journey keeps the default (initials).
  await page.getByRole('radio', { name: 'Full names' }).check();
  await expect(page.getByRole('alert').filter({ hasText: 'recorded in the audit log' })).toBeVisible();
  await page.getByRole('radio', { name: 'Initials only (recommended)' }).check();
  await page.getByTestId('report-submit').click();

  // The new job is first in the list; its progress bar is replaced by the download button when done.
  const job = page.getByTestId('report-job').first();
  await expect(job).toContainText(campaign);
  const download = job.getByTestId('report-download');
  await expect(download).toBeVisible({ timeout: 120_000 });
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(file.suggestedFilename()).toMatch(/^homeward-campaign-report-zh-CN-[0-9a-f]{8}\.pdf$/);
  const pdf = await readFile(await file.path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return compact(inspectPdf(pdf).pages.join('\n'));
}

test('the supervisor signs off the demo reunion awaiting sign-off; the NGO records the overdue visit', async ({ page, browser }) => {
  // Two people signing in and two dialogs: longer than the default 60 s on a busy machine.
  test.setTimeout(180_000);
  // supervisor: the queue shows 孙嘉豪's reunion, logged by the NGO without DNA evidence.
  await signIn(page, 'supervisor');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Awaiting sign-off', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Reunions awaiting sign-off', level: 1 })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: '孙嘉豪' });
  await row.getByRole('button', { name: 'Verify' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('The father’s photos match');
  await dialog.getByLabel('Note (optional)').fill('照片与证人一致');
  await dialog.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('Reunion verified; follow-up visits planned')).toBeVisible();
  await expect(page.getByText('Nothing awaits your sign-off')).toBeVisible();

  // ngo: the overdue visit of 陈思琪 is listed; recording it takes it off the list.
  const ngoContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const ngoPage = await ngoContext.newPage();
  await signIn(ngoPage, 'ngo');
  await ngoPage.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Follow-up visits', exact: true }).click();
  const overdue = ngoPage.getByRole('row').filter({ hasText: '陈思琪' });
  await expect(overdue).toContainText('Overdue');
  await overdue.click();
  await expect(ngoPage.getByRole('heading', { name: 'Reunion of 陈思琪', level: 1 })).toBeVisible();
  const visitRow = ngoPage.getByRole('row').filter({ hasText: 'Overdue' });
  await visitRow.getByRole('button', { name: 'Record visit' }).click();
  const visit = ngoPage.getByRole('dialog');
  await visit.getByLabel('Visitor').fill('张社工');
  // The floating label covers the empty select: click its form field, as a person does.
  await visit.locator('mat-form-field').filter({ hasText: "Child's wellbeing" }).click();
  await ngoPage.getByRole('option', { name: 'Good', exact: true }).click();
  await visit.getByRole('button', { name: 'Save the visit' }).click();
  await expect(ngoPage.getByText('Visit recorded')).toBeVisible();
  await expect(ngoPage.getByRole('row').filter({ hasText: 'Overdue' })).toHaveCount(0);
  await ngoContext.close();
});
