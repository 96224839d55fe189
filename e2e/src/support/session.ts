import { expect } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';

export const DEMO_PASSWORD = 'homeward-demo-2026';

/** Signs in through the sign-in page, in English, and waits for the dashboard. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.addInitScript(() => {
    if (!localStorage.getItem('homeward.language')) localStorage.setItem('homeward.language', 'en');
  });
  await page.goto('/auth/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome,/ })).toBeVisible();
}

/** An access token for API calls made by the test itself (not through the page). */
export async function apiToken(request: APIRequestContext, username: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await request.post('/api/v1/auth/login', { data: { username, password } });
  expect(response.ok()).toBeTruthy();
  const body = (await response.json()) as { accessToken?: string };
  expect(body.accessToken).toBeTruthy();
  return body.accessToken as string;
}

export async function userIdOf(request: APIRequestContext, token: string, username: string): Promise<string> {
  const response = await request.get('/api/v1/users', {
    params: { q: username, pageSize: 100 },
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.ok()).toBeTruthy();
  const body = (await response.json()) as { items: { id: string; username: string }[] };
  const user = body.items.find((u) => u.username === username);
  expect(user, `user ${username}`).toBeTruthy();
  return (user as { id: string }).id;
}
