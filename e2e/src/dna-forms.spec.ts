import { expect, test } from '@playwright/test';
import { apiToken, signIn } from './support/session';

/**
 * Issue 4 §1, §2 in the dashboard: `lab` registers a mother's reference sample for a file, records the
 * next custody event, then types the profile in by hand (a bad allele is caught before anything is sent).
 */
test('lab registers a family reference sample, records custody and enters its profile by hand', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const officer = await apiToken(request, 'officer');
  const suffix = Date.now().toString(36).toUpperCase();
  const created = await request.post('/api/v1/cases', {
    headers: { Authorization: `Bearer ${officer}` },
    data: {
      child: { fullName: '孙小雨', sex: 'female', dateOfBirth: '2019-04-04' },
      lastSeenAt: '2026-05-01T08:00:00Z',
      lastSeenPlace: '太和县旧县镇集市',
      lastSeenLat: 33.2,
      lastSeenLng: 115.6,
      jurisdictionCode: '341222',
    },
  });
  expect(created.ok(), await created.text()).toBeTruthy();
  const file = (await created.json()) as { caseNumber: string };
  const barcode = `E2E-REF-${suffix}`;

  await signIn(page, 'lab');
  await page.goto('/dna/samples');
  await page.getByRole('link', { name: 'Register a sample' }).click();
  await expect(
    page.getByRole('heading', { name: 'Register a sample' }),
  ).toBeVisible();

  // Nothing is sent while required parts are missing.
  await page.getByRole('button', { name: 'Register sample' }).click();
  await expect(
    page.getByText('Pick the missing-child file this reference belongs to.'),
  ).toBeVisible();

  await page.getByLabel('Barcode').fill(barcode);
  // An empty select's label lies over it; a click there opens the select as for a person.
  await page
    .getByRole('combobox', {
      name: "Donor's relationship to the missing child",
    })
    .click({ force: true });
  await page.getByRole('option', { name: 'mother' }).click();
  await page.getByLabel('Missing-child file').fill(file.caseNumber);
  await page.getByRole('option', { name: new RegExp(file.caseNumber) }).click();
  await page.getByLabel("Donor's name").fill('孙丽');
  await page.getByLabel('Consent given by').fill('孙丽 (donor)');
  await page.getByLabel('Collected where').fill('太和县公安局物证鉴定室');
  await page.getByLabel('Keep until').fill('2046-06-01');
  await page.getByRole('button', { name: 'Register sample' }).click();

  await expect(
    page.getByRole('heading', { name: `Sample ${barcode}` }),
  ).toBeVisible();
  const custody = page.getByRole('list', { name: 'Chain of custody' });
  await expect(custody.getByRole('listitem')).toHaveCount(1);
  // The next allowed event is offered; recording it extends the timeline.
  await expect(page.getByRole('combobox', { name: 'Event' })).toContainText(
    'Sealed',
  );
  await page.getByRole('button', { name: 'Add custody event' }).click();
  await expect(custody.getByRole('listitem')).toHaveCount(2);
  await expect(custody.getByRole('listitem').nth(1)).toContainText('Sealed');

  await page.getByRole('link', { name: 'Enter a profile' }).click();
  await expect(page.getByLabel('Barcode')).toHaveValue(barcode);
  await page.getByLabel('TH01, allele 1 (Alleles)').fill('9,3');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(
    page.getByText('"9,3" is not a repeat number like 9, 9.3 or 30.2'),
  ).toBeVisible();
  await page.getByLabel('TH01, allele 1 (Alleles)').fill('9.3');

  await page.getByText('Paste a profile').click();
  await page
    .getByLabel('Profile text')
    .fill(
      'FGA 22 24\nvWA 17 18\nD3S1358 15 16\nD8S1179 13\nPenta D 9 12\nAMEL X X',
    );
  await page.getByRole('button', { name: 'Fill in' }).click();
  await expect(page.getByLabel('Penta D, allele 2 (Alleles)')).toHaveValue(
    '12',
  );
  await page.getByRole('button', { name: 'Save profile' }).click();

  await expect(
    page.getByRole('heading', { name: `Sample ${barcode}` }),
  ).toBeVisible();
  await expect(
    page.getByRole('definition').filter({ hasText: /^Yes$/ }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Enter a profile' })).toHaveCount(
    0,
  );
});

test('the kinship calculator computes from the form and marks an inconsistent locus', async ({
  page,
}) => {
  await signIn(page, 'lab');
  await page.goto('/dna/calculator');
  await expect(
    page.getByRole('heading', { name: 'Kinship calculator' }),
  ).toBeVisible();
  await page.getByRole('combobox', { name: 'Mutation model' }).click();
  await page.getByRole('option', { name: 'None' }).click();
  await page.getByText('Paste a profile').click();
  await page
    .getByLabel('Profile text')
    .fill('TH01 7 9.3\nFGA 22 24\nvWA 17 18');
  await page.getByRole('button', { name: 'Fill in' }).click();
  await page.getByRole('combobox', { name: 'Paste for' }).click();
  await page.getByRole('option', { name: 'Alleged relative' }).click();
  await page
    .getByLabel('Profile text')
    .fill('TH01 9.3 9.3\nFGA 22 22\nvWA 15 16');
  await page.getByRole('button', { name: 'Fill in' }).click();
  await page.getByRole('button', { name: 'Calculate' }).click();

  const perLocus = page.getByRole('table', { name: 'Per locus' });
  await expect(perLocus).toBeVisible();
  await expect(perLocus.getByRole('row', { name: /vWA/ })).toContainText(
    'inconsistent',
  );
  await expect(perLocus.getByRole('row', { name: /TH01/ })).not.toContainText(
    'inconsistent',
  );
  await expect(page.getByTestId('combined-lr')).toHaveText('0');
});
