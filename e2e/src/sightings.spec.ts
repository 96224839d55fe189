import { devices, expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { deflateSync } from 'node:zlib';
import { apiToken, signIn, userIdOf } from './support/session';

// Near the Taihe square; the file's last-seen place is 1–2 km away.
const SEEN = { latitude: 33.1712, longitude: 115.6315 };
const LAST_SEEN = { lat: 33.1602, lng: 115.6229 };

/** A synthetic PNG (bold stripes and a block, nothing like a person), the same for file and sighting. */
function syntheticPng(width = 320, height = 400): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const block = x > 80 && x < 240 && y > 120 && y < 300;
      const stripe = Math.floor(y / 40) % 2 === 0;
      const [r, g, b] = block
        ? [200, 40, 40]
        : stripe
          ? [30, 60, 140]
          : [235, 225, 200];
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function createAssignedFile(
  request: APIRequestContext,
  photo: Buffer,
): Promise<{ id: string; caseNumber: string }> {
  const officer = await apiToken(request, 'officer');
  const created = await request.post('/api/v1/cases', {
    headers: { Authorization: `Bearer ${officer}` },
    data: {
      child: {
        fullName: '测试童',
        sex: 'male',
        estimatedAgeYears: 7,
        distinguishingMarks: 'scar on left cheek, green jacket',
      },
      lastSeenAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      lastSeenPlace: '太和县城关镇',
      lastSeenLat: LAST_SEEN.lat,
      lastSeenLng: LAST_SEEN.lng,
      jurisdictionCode: '341222',
      priority: 'urgent',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const file = (await created.json()) as {
    id: string;
    caseNumber: string;
    version: number;
  };
  const upload = await request.post('/api/v1/attachments', {
    headers: { Authorization: `Bearer ${officer}` },
    multipart: {
      entityType: 'case',
      entityId: file.id,
      file: { name: 'child.png', mimeType: 'image/png', buffer: photo },
    },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  // The file's officer is the one who gets the alert: a supervisor assigns it.
  const supervisor = await apiToken(request, 'supervisor');
  const officerId = await userIdOf(request, supervisor, 'officer');
  const assigned = await request.post(`/api/v1/cases/${file.id}/assignment`, {
    headers: { Authorization: `Bearer ${supervisor}` },
    data: { officerId, version: file.version },
  });
  expect(assigned.ok(), await assigned.text()).toBeTruthy();
  return file;
}

test('a citizen reports a sighting from a phone; the officer sees the right file on top, gets the alert live, and links it', async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(150_000);
  const photo = syntheticPng();
  const file = await createAssignedFile(request, photo);

  // The file's officer is signed in, with the bell live.
  await signIn(page, 'officer');
  const unread = page.getByTestId('notifications-unread');
  await expect(unread).toHaveText(/^\d+$/);
  const before = Number(await unread.textContent());

  // A citizen on a phone, no account; the page speaks Chinese by default.
  const phone = await browser.newContext({
    ...devices['Pixel 5'],
    geolocation: SEEN,
    permissions: ['geolocation'],
  });
  const citizen = await phone.newPage();
  await citizen.goto('/report');
  await expect(citizen.getByText('报告您看到的儿童')).toBeVisible();
  await citizen
    .getByTestId('photo-input')
    .setInputFiles({ name: 'seen.png', mimeType: 'image/png', buffer: photo });
  await expect(citizen.getByRole('img', { name: '照片 1' })).toBeVisible();
  await citizen.getByRole('button', { name: '使用我的位置' }).click();
  await expect(citizen.getByText('已获取位置')).toBeVisible();
  // A place of its own, so that a retry of this journey does not find the first attempt's sighting.
  const place = `太和县人民广场 ${Date.now().toString(36)}`;
  await citizen.getByLabel('地点（街道、商店、车站等）').fill(place);
  await citizen.getByRole('checkbox', { name: '在乞讨' }).check();
  await citizen.getByLabel('估计年龄（岁）').fill('7');
  await citizen.getByRole('combobox', { name: '性别' }).click();
  await citizen.getByRole('option', { name: '男孩' }).click();
  await citizen
    .getByLabel('您看到了什么？')
    .fill('boy in a green jacket with a scar on his left cheek');
  await citizen.getByLabel('电话或其他联系方式').fill('+86 130 0000 0000');
  const submitted = citizen.waitForRequest(
    (r) =>
      r.url().endsWith('/api/v1/public/sightings') && r.method() === 'POST',
  );
  await citizen.getByRole('button', { name: '发送给警方' }).click();
  expect((await submitted).headers()['idempotency-key']).toMatch(
    /^[0-9a-f-]{36}$/,
  );
  const receipt = citizen.getByTestId('receipt');
  await expect(receipt).toHaveText(/^HW-[0-9A-Z-]+$/);
  const code = (await receipt.textContent())?.trim() ?? '';
  await citizen.getByRole('link', { name: '查询进展' }).click();
  await expect(citizen.getByTestId('report-status')).toHaveText('已收到');
  await phone.close();

  // Matching runs in the background; the file's officer is alerted over the live stream.
  await expect(async () =>
    expect(Number(await unread.textContent())).toBeGreaterThan(before),
  ).toPass({ timeout: 60_000 });
  // (Demo sightings may alert too: the menu must list this file's alert.)
  await expect(async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('notifications-bell').click();
    // A high-priority file may also have raised its own area alert: any alert naming the file will do.
    await expect(
      page.getByRole('menuitem', { name: new RegExp(file.caseNumber) }).first(),
    ).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await page.keyboard.press('Escape');

  // Triage: the sighting is in the queue with this file on top.
  await page.goto('/sightings');
  const row = page.getByRole('row').filter({ hasText: place }).first();
  await expect(row).toContainText(file.caseNumber);
  await row.getByRole('link').click();
  await expect(page.getByTestId('candidate').first()).toContainText(
    file.caseNumber,
  );
  for (const field of ['age', 'sex', 'place', 'photo'])
    await expect(page.getByTestId(`result-${field}`)).toHaveText('Match');

  // The contact is behind an audited button.
  await page.getByRole('button', { name: 'Show contact (audited)' }).click();
  await expect(page.getByTestId('reporter-contact')).toContainText(
    '+86 130 0000 0000',
  );

  await page.getByTestId('link-button').click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Link', exact: true })
    .click();
  await expect(page.getByTestId('sighting-status')).toHaveText('Linked');
  await expect(
    page.getByRole('link', { name: 'Open the file' }),
  ).toHaveAttribute('href', `/cases/${file.id}`);

  // The file is now "sighted", and the citizen's status is closed.
  const officer = await apiToken(request, 'officer');
  const after = await request.get(`/api/v1/cases/${file.id}`, {
    headers: { Authorization: `Bearer ${officer}` },
  });
  expect(((await after.json()) as { status: string }).status).toBe('sighted');
  const linked = await request.get(`/api/v1/sightings`, {
    params: { caseId: file.id },
    headers: { Authorization: `Bearer ${officer}` },
  });
  expect(((await linked.json()) as { total: number }).total).toBe(1);
  const status = await request.get(
    `/api/v1/public/sightings/${encodeURIComponent(code)}`,
  );
  expect(((await status.json()) as { status: string }).status).toBe('closed');
});

test('a refused report keeps the form, shows why, and sends nothing twice', async ({
  browser,
}) => {
  const phone = await browser.newContext({ ...devices['Pixel 5'] });
  const citizen = await phone.newPage();
  await citizen.addInitScript(() =>
    localStorage.setItem('homeward.language', 'en'),
  );
  const posts: string[] = [];
  citizen.on('request', (r) => {
    if (r.url().endsWith('/api/v1/public/sightings') && r.method() === 'POST')
      posts.push(r.headers()['idempotency-key'] ?? '');
  });
  // The first try fails on the network, the retry reaches the server with the same key.
  let failed = false;
  await citizen.route('**/api/v1/public/sightings', async (route) => {
    if (!failed) {
      failed = true;
      await route.abort('internetdisconnected');
    } else {
      await route.continue();
    }
  });
  await citizen.goto('/report');
  await citizen.getByRole('button', { name: 'Send to the police' }).click();
  await expect(citizen.getByTestId('report-problem')).toContainText(
    'We need to know where',
  );
  expect(posts).toHaveLength(0);
  // A tap on the map sets the place (tiles or not: offline it is a plain surface that still answers).
  await citizen.getByTestId('place-map').click();
  await expect(citizen.getByText('Position set')).toBeVisible();
  await expect(citizen.getByLabel('Latitude')).not.toHaveValue('');
  // Typed coordinates win over the tap.
  await citizen.getByLabel('Latitude').fill(String(SEEN.latitude));
  await citizen.getByLabel('Longitude').fill(String(SEEN.longitude));
  await citizen.getByRole('button', { name: 'Send to the police' }).click();
  await expect(citizen.getByTestId('receipt')).toHaveText(/^HW-/, {
    timeout: 20_000,
  });
  expect(posts.length).toBe(2);
  expect(new Set(posts).size).toBe(1);
  await phone.close();
});
