import { expect, test } from '@playwright/test';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { apiToken, signIn } from './support/session';
import { ShellPage } from './support/shell.po';

/** GET an API path as `username` and return its body. */
async function apiGet<T>(
  request: APIRequestContext,
  username: string,
  path: string,
  params: Record<string, string> = {},
): Promise<T> {
  const token = await apiToken(request, username);
  const response = await request.get(`/api/v1/${path}`, {
    params,
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.ok(), `GET ${path}`).toBeTruthy();
  return (await response.json()) as T;
}

/** A figure tile of the dashboard, by what it counts and the number it shows (Chinese puts a full-width colon between). */
function tile(page: Page, label: string, value: number | string): Locator {
  const colon = /[\u4e00-\u9fff]/.test(label) ? '：' : ': ';
  return page.getByRole('link', {
    name: `${label}${colon}${value}`,
    exact: true,
  });
}

/** The chart drawn in a dashboard card (ECharts' SVG keeps its labels as text). */
function chartIn(page: Page, heading: string | RegExp): Locator {
  return page.getByRole('region', { name: heading }).locator('hw-chart svg');
}

interface Statistics {
  summary: {
    filesOpened: number;
    childrenRecoveredIdentified: number;
    childrenRecoveredUnidentified: number;
    reunited: number;
    suspectsDetained: number;
  };
}

test('a supervisor sees the figures of their jurisdiction, the campaign, and charts in their language', async ({
  page,
  request,
}) => {
  // The figures depend on today's date (a twelve-month window), so they are read from the API the
  // dashboard uses; the demo seeds make them real (not zero).
  const stats = await apiGet<Statistics>(request, 'supervisor', 'statistics');
  const recovered =
    stats.summary.childrenRecoveredIdentified +
    stats.summary.childrenRecoveredUnidentified;
  expect(recovered).toBeGreaterThan(0);
  expect(stats.summary.suspectsDetained).toBeGreaterThan(0);
  const signOffs = await apiGet<{ total: number }>(
    request,
    'supervisor',
    'reunions',
    { status: 'pending_sign_off', pageSize: '1' },
  );

  await signIn(page, 'supervisor');
  await expect(tile(page, 'Children recovered', recovered)).toBeVisible();
  await expect(
    tile(page, 'Suspects detained', stats.summary.suspectsDetained),
  ).toBeVisible();
  await expect(
    tile(page, 'Files opened', stats.summary.filesOpened),
  ).toBeVisible();
  await expect(
    tile(page, 'Reunited with family', stats.summary.reunited),
  ).toBeVisible();
  // The demo reunion logged without DNA evidence waits for the supervisor's sign-off.
  await expect(
    tile(page, 'Reunions to sign off', signOffs.total),
  ).toBeVisible();
  expect(signOffs.total).toBeGreaterThan(0);

  // Other journeys may add campaigns of their own: look at the demo campaign's entry only.
  const demoCampaign = page
    .getByRole('region', { name: 'Crackdown campaigns' })
    .locator('hw-campaign-progress')
    .filter({ has: page.getByRole('link', { name: '太和县2026打拐专项行动' }) });
  await expect(demoCampaign).toBeVisible();
  await expect(demoCampaign.getByText('Running')).toBeVisible();

  await expect(chartIn(page, 'Over time')).toContainText('Files opened');
  await expect(
    chartIn(page, 'Files opened in the period, where they stand now'),
  ).toContainText('Open');
  await expect(chartIn(page, 'By jurisdiction')).toContainText('Taihe County');

  // The last 30 days, day by day, up to today (China time).
  const today = new Intl.DateTimeFormat('en', {
    dateStyle: 'medium',
    timeZone: 'Asia/Shanghai',
  }).format(new Date());
  await page.getByRole('radio', { name: '30 days' }).click();
  await expect(page.getByText(new RegExp(`– ${today}$`))).toBeVisible();
  await page.getByRole('radio', { name: '12 months' }).click();
  await expect(tile(page, 'Children recovered', recovered)).toBeVisible();

  // The tiles link to their lists.
  await tile(page, 'Reunions to sign off', signOffs.total).click();
  await expect(page).toHaveURL(/\/reunions\/awaiting-sign-off$/);
  await page.goBack();

  // Charts follow the language switch: labels drawn by ECharts, not only the page's words.
  await new ShellPage(page).switchLanguage('中文');
  await expect(tile(page, '解救儿童', recovered)).toBeVisible();
  await expect(chartIn(page, '趋势')).toContainText('新立案件');
  await expect(chartIn(page, '趋势')).not.toContainText('Files opened');
  await expect(chartIn(page, '按辖区统计')).toContainText('太和县');
  await expect(chartIn(page, '本期间新立案件的当前状态')).toContainText('立案');
});

test('an NGO caseworker sees the children in their care and the follow-up visits to make', async ({
  page,
  request,
}) => {
  // Which visits are overdue moves with today's date; the API says how many there are now.
  const overdueVisits = await apiGet<{ total: number }>(
    request,
    'ngo',
    'reunions/follow-ups',
    { status: 'overdue', pageSize: '1' },
  );
  expect(overdueVisits.total).toBeGreaterThan(0);

  // The demo seeds place twelve rescued children with the NGO and reunite two of them; of the ten still
  // in care only one has a file. Other journeys may add children, so the counts come from the API.
  const count = async (params: Record<string, string>) =>
    (
      await apiGet<{ total: number }>(request, 'ngo', 'rescued-children', {
        ...params,
        pageSize: '1',
      })
    ).total;
  const [placed, inCare, seekingFamily] = await Promise.all([
    count({}),
    count({ status: 'in_care' }),
    count({ status: 'in_care', identified: 'false' }),
  ]);
  expect(inCare).toBeGreaterThanOrEqual(10);
  expect(seekingFamily).toBeGreaterThanOrEqual(9);

  await signIn(page, 'ngo');
  await expect(tile(page, 'Children in our care', inCare)).toBeVisible();
  await expect(tile(page, 'Still seeking family', seekingFamily)).toBeVisible();
  await expect(chartIn(page, 'Children placed with us')).toContainText(
    `${placed}`,
  );
  await expect(chartIn(page, 'Children placed with us')).toContainText(
    'Reunited',
  );
  await expect(chartIn(page, 'Children in our care, by age')).toContainText(
    '6–11',
  );

  // 陈思琪 went home on 20 June 2026; her 3-month visit was never made.
  await expect(
    tile(page, 'Follow-ups overdue', overdueVisits.total),
  ).toBeVisible();
  const visits = page.getByRole('region', { name: 'Follow-up visits to make' });
  const overdue = visits.getByRole('link', {
    name: /陈思琪.*3-month visit.*Overdue since Sep 20, 2026/,
  });
  await expect(overdue).toBeVisible();
  await overdue.click();
  await expect(page).toHaveURL(/\/reunions\/[0-9a-f-]{36}$/);

  // No police statistics for an NGO: the supervisor's sections are not there.
  await page.goBack();
  await expect(page.getByRole('region', { name: 'Over time' })).toHaveCount(0);
  await expect(
    page.getByRole('region', { name: 'Crackdown campaigns' }),
  ).toHaveCount(0);
});
