import { expect, test } from '@playwright/test';
import { signIn } from './support/session';

test('the map takes its tiles from the server and still shows the places when no tile loads', async ({ page, request }) => {
  const config = await (await request.get('/api/v1/public/map')).json();
  expect(config.tileUrl).toContain('{z}');
  const tileHost = new URL(config.tileUrl.replace(/\{[a-z]\}/g, '0')).host;
  // Offline: every tile request fails.
  const tileRequests: string[] = [];
  await page.route(`**://${tileHost}/**`, (route) => {
    tileRequests.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  await signIn(page, 'officer');
  await page.goto('/map');
  await expect(page.getByText('The map background cannot be loaded')).toBeVisible();
  expect(tileRequests.length).toBeGreaterThan(0);
  // The demo files' last-seen places are still drawn (in clusters) on the plain background.
  await expect(page.getByText(/^Files: [1-9]\d*$/)).toBeVisible();
  await expect(page.locator('.hw-map .marker-cluster, .hw-map canvas').first()).toBeVisible();
});
