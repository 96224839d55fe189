import { expect, test } from '@playwright/test';
import { apiToken, signIn } from './support/session';
import { ShellPage } from './support/shell.po';

/** Today ± days on the Shanghai calendar, as a date input wants it. */
function shanghaiDay(offsetDays: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Issue 5 §3 in the browser: a supervisor creates a campaign (a last day before the first is refused
 * on the form), a file opened today in Taihe is tagged automatically and counted, and taking it out
 * (after a confirmation) moves it to "Taken out".
 */
test('a supervisor creates a campaign, sees its tagged file and figures, and takes the file out', async ({ page, request }) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36).toUpperCase();
  const officer = await apiToken(request, 'officer');
  const created = await request.post('/api/v1/cases', {
    headers: { Authorization: `Bearer ${officer}` },
    data: {
      child: { fullName: `专项${suffix}`, sex: 'female', estimatedAgeYears: 6 },
      lastSeenAt: new Date(Date.now() - 86_400_000).toISOString(),
      lastSeenPlace: '太和县火车站广场',
      lastSeenLat: 33.16,
      lastSeenLng: 115.62,
      jurisdictionCode: '341222',
    },
  });
  expect(created.ok()).toBeTruthy();
  const file = (await created.json()) as { caseNumber: string };

  await signIn(page, 'supervisor');
  await new ShellPage(page).navigation().getByRole('link', { name: 'Campaigns', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Crackdown campaigns' })).toBeVisible();
  await page.getByRole('link', { name: 'New campaign' }).click();
  // Wait for the form: until the route has loaded, 'Name' would also match the list's "Search by name".
  await expect(page.getByRole('heading', { name: 'New campaign', level: 1 })).toBeVisible();

  const name = `E2E crackdown ${suffix}`;
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Goals').fill('Find the children begging at the station');
  await page.getByLabel('First day').fill(shanghaiDay(1));
  await page.getByLabel('Last day').fill(shanghaiDay(-1));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toHaveText('The last day cannot come before the first day.');
  await page.getByLabel('First day').fill(shanghaiDay(-1));
  await page.getByLabel('Last day').fill(shanghaiDay(1));
  await page.getByRole('button', { name: 'Save' }).click();

  await expect(page.getByRole('heading', { name })).toBeVisible();
  const figures = page.getByRole('region', { name: 'Figures' });
  await expect(figures.getByText('Files opened')).toBeVisible();
  const records = page.getByRole('region', { name: 'Tagged records' });
  const row = records.getByRole('row').filter({ hasText: file.caseNumber });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Automatic');

  await row.getByRole('button', { name: 'Take out' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Take this record out of the campaign?');
  await dialog.getByRole('button', { name: 'Take out' }).click();
  await expect(page.getByText('Taken out of the campaign.')).toBeVisible();
  await expect(records.getByRole('row').filter({ hasText: file.caseNumber })).toHaveCount(0);
  await records.locator('mat-button-toggle', { hasText: 'Taken out' }).click();
  await expect(records.getByRole('row').filter({ hasText: file.caseNumber })).toBeVisible();
});
