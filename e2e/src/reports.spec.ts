import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
// The back end's own PDF text extractor (dependency-free test code), rather than a second copy here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { compact, inspectPdf } from '../../backend/src/reports/rendering/testing/pdf-text';
import { apiToken, signIn } from './support/session';

/**
 * Issue 5 §5, end to end: `supervisor` asks for the demo campaign's PDF in the browser, watches the
 * job finish, downloads it, and the file is a PDF with the campaign's name in it.
 */
const CAMPAIGN = '太和县2026打拐专项行动';

test('a supervisor requests the campaign report, waits for it and downloads a PDF that names the campaign', async ({ page, request }) => {
  test.setTimeout(180_000);
  const token = await apiToken(request, 'supervisor');
  const headers = { Authorization: `Bearer ${token}` };
  // The demo seed has the campaign; a database without it gets one, so the journey stands alone.
  const found = await request.get('/api/v1/campaigns', { headers, params: { q: CAMPAIGN, pageSize: 10 } });
  expect(found.ok()).toBeTruthy();
  const campaigns = ((await found.json()) as { items: { name: string }[] }).items;
  if (!campaigns.some((c) => c.name === CAMPAIGN)) {
    const created = await request.post('/api/v1/campaigns', {
      headers,
      data: { name: CAMPAIGN, goals: '解救被拐卖和被迫乞讨的儿童', jurisdictionCode: '341222', startsOn: '2026-03-01', endsOn: '2026-08-31' },
    });
    expect(created.ok(), await created.text()).toBeTruthy();
  }

  await signIn(page, 'supervisor');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Reports', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Reports and exports' })).toBeVisible();

  await page.getByRole('radio', { name: 'Campaign report' }).check();
  await page.getByTestId('report-campaign').click();
  await page.getByRole('option', { name: new RegExp(`^${CAMPAIGN}`) }).click();
  await page.getByRole('combobox', { name: 'Language of the report' }).click();
  await page.getByRole('option', { name: '中文' }).click();
  // Full names warn that the choice is audited; the journey keeps the default (initials).
  await page.getByRole('radio', { name: 'Full names' }).check();
  await expect(page.getByRole('alert').filter({ hasText: 'recorded in the audit log' })).toBeVisible();
  await page.getByRole('radio', { name: 'Initials only (recommended)' }).check();
  await page.getByTestId('report-submit').click();

  // The new job is first in the list; its progress bar is replaced by the download button when done.
  const job = page.getByTestId('report-job').first();
  await expect(job).toContainText(CAMPAIGN);
  const download = job.getByTestId('report-download');
  await expect(download).toBeVisible({ timeout: 120_000 });

  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(file.suggestedFilename()).toMatch(/^homeward-campaign-report-zh-CN-[0-9a-f]{8}\.pdf$/);
  const pdf = await readFile(await file.path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = compact(inspectPdf(pdf).pages.join('\n'));
  expect(text).toContain(compact(CAMPAIGN));
  expect(text).toContain(compact('太和县'));
});
