import { expect, test } from '@playwright/test';
import { signIn } from './support/session';

/**
 * Issue 5 §1 in the browser: `officer` logs a rescue (and corrects it), adds an unidentified child, places the child with
 * the demo NGO and starts the child's DNA sample; `ngo` then finds the child among the children in care,
 * in the care view (no DNA), and updates the care record.
 */
test('an officer logs a rescue and places a child with the NGO, which sees and cares for the child', async ({ page, browser }) => {
  // A name of its own per run, so a retry does not find the first attempt's child.
  const childName = `小E2E${Date.now().toString(36).slice(-5)}`;
  await signIn(page, 'officer');
  await page.getByRole('link', { name: 'Rescues' }).click();
  await expect(page.getByRole('heading', { name: 'Rescue operations' })).toBeVisible();
  // The demo crackdown is listed.
  await expect(page.getByRole('cell', { name: /Chengguan bus station/ })).toBeVisible();

  await page.getByRole('link', { name: 'Log a rescue' }).click();
  const when = new Date(Date.now() - 2 * 3600_000);
  const local = new Date(when.getTime() - when.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await page.getByLabel('Date and time').fill(local);
  await page.getByLabel('Place').fill('太和县城关镇火车站广场 (e2e)');
  await page.getByLabel('Latitude').fill('91');
  await page.getByLabel('Longitude').fill('115.62');
  await page.getByLabel('Suspects detained').fill('2');
  await page.getByRole('button', { name: 'Save rescue' }).click();
  // Latitude 91 is refused before anything is sent.
  await expect(page.getByText('Out of range.')).toBeVisible();
  await page.getByLabel('Latitude').fill('33.16');
  await page.getByRole('button', { name: 'Save rescue' }).click();
  await expect(page.getByRole('heading', { name: 'Rescue', exact: true })).toBeVisible();
  await expect(page.getByText('No children recorded yet')).toBeVisible();
  // Correcting the rescue sends the version read.
  await page.getByRole('link', { name: 'Correct' }).click();
  await expect(page.getByLabel('Place')).toHaveValue('太和县城关镇火车站广场 (e2e)');
  await page.getByLabel('Suspects detained').fill('3');
  await page.getByRole('button', { name: 'Save rescue' }).click();
  await expect(page.getByRole('definition').filter({ hasText: /^3$/ })).toBeVisible();

  await page.getByRole('button', { name: 'Add a child' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name the child gave').fill(childName);
  await dialog.getByLabel('Estimated age (years)').fill('6');
  await dialog.getByLabel('Condition').fill('轻度营养不良');
  await dialog.getByRole('button', { name: 'Add child' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('link', { name: childName }).click();
  await expect(page.getByRole('heading', { name: childName })).toBeVisible();

  await page.getByRole('button', { name: 'Placement' }).click();
  const placement = page.getByRole('dialog');
  await placement.getByRole('combobox', { name: 'NGO' }).click();
  await page.getByRole('option', { name: /Taihe Children/ }).click();
  await placement.getByRole('button', { name: 'Place child' }).click();
  await expect(placement).toBeHidden();
  await expect(page.getByText(/Taihe Children’s Home/)).toBeVisible();

  await page.getByRole('button', { name: 'Start DNA sample' }).click();
  const sample = page.getByRole('dialog');
  await expect(sample.getByRole('heading', { name: 'Start the child\'s DNA sample?' })).toBeVisible();
  await sample.getByRole('button', { name: 'Start sample' }).click();
  await expect(sample).toBeHidden();
  await expect(page.getByRole('link', { name: /^RC-\d{8}-[0-9A-F]{6}$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start DNA sample' })).toBeHidden();

  const ngoContext = await browser.newContext();
  const ngoPage = await ngoContext.newPage();
  await signIn(ngoPage, 'ngo');
  await expect(ngoPage.getByRole('link', { name: 'Rescues' })).toBeHidden();
  await ngoPage.getByRole('link', { name: 'Children in care' }).click();
  await ngoPage.getByRole('link', { name: childName }).click();
  await expect(ngoPage.getByRole('heading', { name: childName })).toBeVisible();
  await expect(ngoPage.getByText('DNA sample', { exact: true })).toBeHidden();
  await expect(ngoPage.getByRole('button', { name: 'Placement' })).toBeHidden();
  await ngoPage.getByLabel('Condition').fill('已恢复，开始上学 (recovered, started school)');
  await ngoPage.getByRole('button', { name: 'Save' }).click();
  await expect(ngoPage.getByText('Care record saved')).toBeVisible();
  await ngoContext.close();
});
