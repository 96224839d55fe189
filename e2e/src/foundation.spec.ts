import { expect, test } from '@playwright/test';
import { apiToken, signIn, userIdOf } from './support/session';
import { ShellPage } from './support/shell.po';

const ADMIN_NAV = ['Users', 'Organisations', 'Jurisdictions', 'Audit log'];
const DNA_READ_NAV = ['DNA matches', 'DNA samples', 'Allele frequencies'];
const DNA_LAB_NAV = [...DNA_READ_NAV, 'DNA import', 'Kinship calculator'];
const REUNION_NAV = ['Reunions', 'Follow-up visits'];
const RESCUE_NAV = ['Campaigns', 'Rescues', 'Children in care'];

const expectations: { username: string; sees: string[]; hidden: string[] }[] = [
  {
    username: 'admin',
    sees: ['Home', ...ADMIN_NAV],
    hidden: ['Missing-child files', ...DNA_LAB_NAV, 'Reports', ...REUNION_NAV, 'Awaiting sign-off', ...RESCUE_NAV],
  },
  {
    username: 'supervisor',
    sees: [
      'Home',
      'Missing-child files',
      'Sightings',
      'Map',
      ...RESCUE_NAV,
      ...DNA_READ_NAV,
      ...REUNION_NAV,
      'Awaiting sign-off',
      'Reports',
      'Users',
      'Audit log',
    ],
    hidden: [
      'Organisations',
      'Jurisdictions',
      'DNA import',
      'Kinship calculator',
    ],
  },
  {
    username: 'officer',
    sees: ['Home', 'Missing-child files', 'Sightings', 'Map', ...RESCUE_NAV, ...DNA_READ_NAV, ...REUNION_NAV],
    hidden: [...ADMIN_NAV, 'DNA import', 'Kinship calculator', 'Reports', 'Awaiting sign-off'],
  },
  {
    username: 'lab',
    sees: ['Home', 'Missing-child files', 'Children in care', ...DNA_LAB_NAV],
    hidden: [...ADMIN_NAV, 'Reports', ...REUNION_NAV, 'Campaigns', 'Rescues'],
  },
  {
    username: 'ngo',
    sees: ['Home', 'Missing-child files', 'Children in care', ...REUNION_NAV],
    hidden: [...ADMIN_NAV, ...DNA_LAB_NAV, 'Reports', 'Awaiting sign-off', 'Campaigns', 'Rescues'],
  },
];

test.describe('navigation follows the CASL rules of each role', () => {
  for (const { username, sees, hidden } of expectations) {
    test(`${username} sees ${sees.join(', ')}`, async ({ page }) => {
      await signIn(page, username);
      const shell = new ShellPage(page);
      for (const label of sees)
        await expect(
          shell.navigation().getByRole('link', { name: label, exact: true }),
        ).toBeVisible();
      for (const label of hidden)
        await expect(
          shell.navigation().getByRole('link', { name: label, exact: true }),
        ).toHaveCount(0);
      await expect(shell.navLinks()).toHaveCount(sees.length);
    });
  }
});

test('admin opens the users list and the audit log with its chain check', async ({
  page,
}) => {
  await signIn(page, 'admin');
  const shell = new ShellPage(page);
  await shell
    .navigation()
    .getByRole('link', { name: 'Users', exact: true })
    .click();
  await expect(
    page.getByRole('heading', { name: 'Users', level: 1 }),
  ).toBeVisible();
  await expect(
    page.getByRole('cell', { name: 'officer.pudong', exact: true }),
  ).toBeVisible();
  await shell
    .navigation()
    .getByRole('link', { name: 'Audit log', exact: true })
    .click();
  await expect(
    page.getByRole('status', { name: 'Audit chain check' }),
  ).toContainText('Audit chain intact');
});

test("officer typing the URL of another jurisdiction's user gets the not-found page, not the record", async ({
  page,
  request,
}) => {
  const id = await userIdOf(
    request,
    await apiToken(request, 'admin'),
    'officer.pudong',
  );
  await signIn(page, 'officer');
  await page.goto(`/admin/users/${id}`);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(page.getByText('officer.pudong')).toHaveCount(0);
  // The shell is still there: the officer can go on working.
  await expect(
    new ShellPage(page)
      .navigation()
      .getByRole('link', { name: 'Home', exact: true }),
  ).toBeVisible();
});

test('a supervisor opening a user outside their area gets not-found from the API', async ({
  page,
  request,
}) => {
  const id = await userIdOf(
    request,
    await apiToken(request, 'admin'),
    'officer.pudong',
  );
  await signIn(page, 'supervisor');
  await page.goto(`/admin/users/${id}`);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
});

test('the language switch changes every label, and back', async ({ page }) => {
  await signIn(page, 'admin');
  const shell = new ShellPage(page);
  const englishLabels = ['Home', ...ADMIN_NAV, 'Homeward', 'Language'];

  await shell.switchLanguage('中文');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const nav = shell.navigation(/主导航/);
  for (const label of ['首页', '用户', '单位', '辖区', '审计日志'])
    await expect(
      nav.getByRole('link', { name: label, exact: true }),
    ).toBeVisible();
  const chromeText = `${await nav.innerText()}\n${await shell.toolbar().innerText()}`;
  for (const label of englishLabels) expect(chromeText).not.toContain(label);
  await expect(page.getByRole('heading', { name: /^欢迎，/ })).toBeVisible();

  // Remembered across a reload.
  await page.reload();
  await expect(
    shell.navigation(/主导航/).getByRole('link', { name: '首页', exact: true }),
  ).toBeVisible();

  await shell.switchLanguage('English');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  for (const label of ['Home', ...ADMIN_NAV])
    await expect(
      shell.navigation().getByRole('link', { name: label, exact: true }),
    ).toBeVisible();
  // Every word of the frame is English again (the user's own name is data, not a label).
  const accountName = await page
    .getByRole('button', { name: /^Account menu of / })
    .innerText();
  const back = `${await shell.navigation().innerText()}\n${(await shell.toolbar().innerText()).replace(accountName, '')}`;
  expect(back).not.toMatch(/[\u4e00-\u9fff]/);
});

test.describe('on a phone', () => {
  test.use({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });

  test('the navigation is a drawer behind the menu button', async ({
    page,
  }) => {
    await signIn(page, 'admin');
    const shell = new ShellPage(page);
    await expect(shell.navigation()).toBeHidden();
    await shell.menuButton().click();
    await expect(shell.navigation()).toBeVisible();
    await shell
      .navigation()
      .getByRole('link', { name: 'Users', exact: true })
      .click();
    await expect(
      page.getByRole('heading', { name: 'Users', level: 1 }),
    ).toBeVisible();
    await expect(shell.navigation()).toBeHidden();
  });
});

test('signing out ends the session; a reload does not bring it back', async ({
  page,
}) => {
  await signIn(page, 'officer');
  await page.getByRole('button', { name: /^Account menu of / }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});
