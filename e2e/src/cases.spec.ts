import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { apiToken, signIn } from './support/session';
import { ShellPage } from './support/shell.po';

/** The id of a demo file found by the child's name, as `username` may see it. */
async function fileIdOf(
  request: APIRequestContext,
  username: string,
  childName: string,
): Promise<string> {
  const token = await apiToken(request, username);
  const response = await request.get('/api/v1/cases', {
    params: { q: childName, pageSize: 10 },
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.ok()).toBeTruthy();
  const body = (await response.json()) as {
    items: { id: string; childName: string }[];
  };
  const file = body.items.find((c) => c.childName === childName);
  expect(file, `file of ${childName}`).toBeTruthy();
  return (file as { id: string }).id;
}

// FIXME: failed on its first run (the submit button was not found by role); not diagnosed yet.
test('an officer opens a file through the form, finds it in the list and by its pinyin', async ({
  page,
}) => {
  await signIn(page, 'officer');
  await new ShellPage(page)
    .navigation()
    .getByRole('link', { name: 'Missing-child files', exact: true })
    .click();
  await expect(
    page.getByRole('heading', { name: 'Missing-child files', level: 1 }),
  ).toBeVisible();
  await page.getByRole('link', { name: 'New file' }).click();
  await expect(
    page.getByRole('heading', { name: 'New missing-child file' }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Open the file' }).click();
  await expect(
    page.getByText('Give the date of birth or an estimated age.'),
  ).toBeVisible();

  await page.getByLabel("Child's full name").fill('欧阳娜娜');
  await page.getByRole('combobox', { name: 'Sex' }).click();
  await page.getByRole('option', { name: 'Girl' }).click();
  await page.getByLabel('Estimated age (years)').fill('7');
  await page
    .getByLabel('Last seen at (date and time)')
    .fill('2026-11-01T10:30');
  await page.getByLabel('Last seen place').fill('太和县城关镇人民公园');
  await page.getByLabel('Latitude').fill('33.1611');
  await page.getByLabel('Longitude').fill('115.6201');
  await page.getByLabel('Name', { exact: true }).fill('欧阳建');
  await page.getByLabel('Phone').fill('+86 138 0000 9999');
  await page.getByRole('button', { name: 'Open the file' }).click();

  await expect(
    page.getByRole('heading', { name: '欧阳娜娜', level: 1 }),
  ).toBeVisible();
  const caseNumber =
    (
      await page
        .getByText(/^MC-\d{4}-\d{6}$/)
        .first()
        .textContent()
    )?.trim() ?? '';
  expect(caseNumber).toMatch(/^MC-\d{4}-\d{6}$/);

  await page.getByRole('link', { name: 'All files' }).click();
  await expect(page.getByRole('cell', { name: caseNumber })).toBeVisible();
  await page.getByLabel('Search').fill('ouyangnana');
  await expect(page.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('cell', { name: caseNumber })).toBeVisible();
  await page.getByRole('cell', { name: caseNumber }).click();
  await expect(
    page.getByRole('heading', { name: '欧阳娜娜', level: 1 }),
  ).toBeVisible();
});

test('an officer typing the URL of a Pudong file gets the not-found page', async ({
  page,
  request,
}) => {
  const id = await fileIdOf(request, 'officer.pudong', '徐一鸣');
  await signIn(page, 'officer');
  await page.goto(`/cases/${id}`);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(page.getByText('徐一鸣')).toHaveCount(0);
});

test('the NGO sees the file shared with it, without the family contacts', async ({
  page,
  request,
}) => {
  const id = await fileIdOf(request, 'officer', '王梓涵');
  await signIn(page, 'ngo');
  await new ShellPage(page)
    .navigation()
    .getByRole('link', { name: 'Missing-child files', exact: true })
    .click();
  await expect(page.getByRole('cell', { name: /王梓涵/ })).toBeVisible();
  await page.goto(`/cases/${id}`);
  await expect(
    page.getByRole('heading', { name: '王梓涵', level: 1 }),
  ).toBeVisible();
  await expect(
    page.getByText('Shared view (no family contacts)'),
  ).toBeVisible();
  await expect(page.getByTestId('family-contacts')).toHaveCount(0);
  await expect(page.getByText('王海军')).toHaveCount(0);
  await expect(page.getByText('+86 137 0000 0011')).toHaveCount(0);
});
