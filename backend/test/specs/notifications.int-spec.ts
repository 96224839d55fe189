import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { createTestApp, type TestApp, USERS } from '../test-app';

/** The bell: own notifications only, unread count, read markers, and live delivery over SSE. */
describe('Notifications', () => {
  let t: TestApp;
  let officer: string;
  let officerId: string;
  let pudongId: string;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.bearer(USERS.officer);
    [{ id: officerId }] = await t.dataSource.query(`SELECT id FROM users WHERE username = 'officer'`);
    [{ id: pudongId }] = await t.dataSource.query(`SELECT id FROM users WHERE username = 'officer.pudong'`);
  });
  afterAll(() => t.close());

  const notify = (recipientIds: string[], dedupeKey: string | null = null) =>
    t.app.get(NotificationsService).notify({ recipientIds, kind: 'case_alert', titleKey: 'notifications.caseAlert.title', bodyKey: 'notifications.caseAlert.body', params: { caseNumber: 'MC-2026-000001' }, link: '/cases/x', dedupeKey });

  it('lists only the user’s own notifications with the unread count, and marks them read', async () => {
    await notify([officerId, pudongId]);
    await notify([officerId]);
    const list = await t.http().get('/api/v1/notifications').set('Authorization', officer);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, unread: 2 });
    const pudongList = await t.http().get('/api/v1/notifications').set('Authorization', await t.bearer(USERS.pudongOfficer));
    expect(pudongList.body.total).toBe(1);
    const foreign = pudongList.body.items[0].id;
    expect((await t.http().post(`/api/v1/notifications/${foreign}/read`).set('Authorization', officer)).status).toBe(404);
    const read = await t.http().post(`/api/v1/notifications/${list.body.items[0].id}/read`).set('Authorization', officer);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await t.http().get('/api/v1/notifications?unread=true').set('Authorization', officer)).body).toMatchObject({ total: 1, unread: 1 });
    expect((await t.http().post('/api/v1/notifications/read-all').set('Authorization', officer)).body).toEqual({ marked: 1 });
    expect((await t.http().get('/api/v1/notifications').set('Authorization', officer)).body.unread).toBe(0);
  });

  it('notifies each recipient once per dedupe key', async () => {
    expect(await notify([officerId], 'once:1')).toEqual([officerId]);
    expect(await notify([officerId], 'once:1')).toEqual([]);
  });

  it('delivers a new notification live over server-sent events (bearer header, no token in the URL)', async () => {
    const server = t.app.getHttpServer() as http.Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const events = await new Promise<{ event: string; data: Record<string, unknown> }[]>((resolve, reject) => {
        const received: { event: string; data: Record<string, unknown> }[] = [];
        const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/notifications/stream', headers: { Authorization: officer, Accept: 'text/event-stream' } }, (res) => {
          if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
          expect(res.headers['content-type']).toMatch(/text\/event-stream/);
          let buffer = '';
          res.on('data', (chunk: Buffer) => {
            buffer += chunk.toString('utf8');
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
              const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}');
              received.push({ event, data });
              // Once the stream is open, something happens elsewhere.
              if (event === 'unread') void notify([officerId]);
              if (event === 'notification') {
                req.destroy();
                resolve(received);
              }
            }
          });
        });
        req.on('error', (e) => (received.some((r) => r.event === 'notification') ? undefined : reject(e)));
        setTimeout(() => reject(new Error('no event within 15 s')), 15_000).unref();
      });
      expect(events[0]).toEqual({ event: 'unread', data: { unread: expect.any(Number) } });
      expect(events[events.length - 1]).toMatchObject({ event: 'notification', data: { kind: 'case_alert', params: { caseNumber: 'MC-2026-000001' } } });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses the stream without a token', async () => {
    expect((await t.http().get('/api/v1/notifications/stream')).status).toBe(401);
  });
});
