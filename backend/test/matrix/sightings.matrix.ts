import { randomUUID } from 'node:crypto';
import { createCase, freshAddress, PUDONG, TAIHE } from '../support/sightings-fixtures';
import type { FeatureMatrix, Who } from './route-matrix';

const MISSING = '00000000-0000-4000-8000-000000000000';

/** Sightings (public and police), matching actions and notifications. */
export const sightingsMatrix: FeatureMatrix = async ({ t, auth }) => {
  const report = (lat = TAIHE.lat, lng = TAIHE.lng, description = 'matrix') => ({ latitude: lat, longitude: lng, description, reporterContact: '13800000000' });
  const submit = async (lat: number, lng: number, description: string) => {
    const res = await t.http().post('/api/v1/public/sightings').set('X-Forwarded-For', freshAddress()).set('Idempotency-Key', randomUUID()).send(report(lat, lng, description));
    const [row] = await t.dataSource.query('SELECT id FROM sightings WHERE description = $1', [description]);
    return { id: row.id as string, receipt: res.body.receipt as string };
  };
  const taihe = await submit(TAIHE.lat, TAIHE.lng, 'matrix taihe');
  const pudong = await submit(PUDONG.lat, PUDONG.lng, 'matrix pudong');
  // A fresh Taihe sighting per caller for the actions that close one.
  const fresh = new Map<string, string>();
  const perCaller = async (who: Who, action: string) => {
    const key = `${action}:${who}`;
    if (!fresh.has(key)) fresh.set(key, (await submit(TAIHE.lat, TAIHE.lng, `matrix ${key}`)).id);
    return fresh.get(key)!;
  };
  const actions = ['triage', 'dismiss', 'duplicate', 'link'];
  for (const who of ['anonymous', 'admin', 'supervisor', 'officer', 'lab_technician', 'ngo_caseworker'] as Who[]) for (const a of actions) await perCaller(who, a);
  const file = await createCase(t, auth.officer, { fullName: '矩阵' });
  const [{ id: notificationId }] = await t.dataSource.query(
    `INSERT INTO notifications (recipient_id, kind, title_key, body_key, created_at)
     SELECT id, 'case_alert', 't', 'b', now() FROM users WHERE username = 'officer' RETURNING id`,
  );
  const police = { officer: 200, supervisor: 200, others: 403 };

  return [
    { route: 'POST /api/v1/public/sightings', label: 'a report with a fresh key', path: '/api/v1/public/sightings', body: () => report(TAIHE.lat, TAIHE.lng, `matrix public ${randomUUID()}`), expect: { anonymous: 400, others: 400 } },
    { route: 'GET /api/v1/public/sightings/:receipt', label: 'a real receipt', path: `/api/v1/public/sightings/${taihe.receipt}`, expect: { anonymous: 200, others: 200 } },
    { route: 'GET /api/v1/public/map', label: 'the tile address', path: '/api/v1/public/map', expect: { anonymous: 200, others: 200 } },
    { route: 'GET /api/v1/sightings', label: 'the queue (filtered by scope)', path: '/api/v1/sightings', expect: police },
    { route: 'POST /api/v1/sightings', label: 'an officer logs one', path: '/api/v1/sightings', body: () => report(TAIHE.lat, TAIHE.lng, `matrix logged ${randomUUID()}`), expect: { officer: 201, supervisor: 201, others: 403 } },
    { route: 'GET /api/v1/sightings/:id', label: 'a Taihe sighting', path: `/api/v1/sightings/${taihe.id}`, expect: police },
    { route: 'GET /api/v1/sightings/:id', label: 'a Pudong sighting', path: `/api/v1/sightings/${pudong.id}`, expect: { officer: 404, supervisor: 404, others: 403 } },
    { route: 'GET /api/v1/sightings/:id', label: 'a missing id', path: `/api/v1/sightings/${MISSING}`, expect: { officer: 404, supervisor: 404, others: 403 } },
    { route: 'GET /api/v1/sightings/:id/reporter-contact', label: 'a Taihe sighting', path: `/api/v1/sightings/${taihe.id}/reporter-contact`, expect: police },
    { route: 'GET /api/v1/sightings/:id/reporter-contact', label: 'a Pudong sighting', path: `/api/v1/sightings/${pudong.id}/reporter-contact`, expect: { officer: 404, supervisor: 404, others: 403 } },
    { route: 'POST /api/v1/sightings/:id/triage', label: 'a fresh Taihe sighting', path: (who: Who) => `/api/v1/sightings/${fresh.get(`triage:${who}`)}/triage`, body: {}, expect: police },
    { route: 'POST /api/v1/sightings/:id/triage', label: 'a Pudong sighting', path: `/api/v1/sightings/${pudong.id}/triage`, body: {}, expect: { officer: 404, supervisor: 404, others: 403 } },
    { route: 'POST /api/v1/sightings/:id/dismiss', label: 'a fresh Taihe sighting', path: (who: Who) => `/api/v1/sightings/${fresh.get(`dismiss:${who}`)}/dismiss`, body: { reason: 'an adult' }, expect: police },
    { route: 'POST /api/v1/sightings/:id/duplicate', label: 'a fresh Taihe sighting', path: (who: Who) => `/api/v1/sightings/${fresh.get(`duplicate:${who}`)}/duplicate`, body: { ofSightingId: taihe.id }, expect: police },
    { route: 'POST /api/v1/sightings/:id/link', label: 'a fresh Taihe sighting to a Taihe file', path: (who: Who) => `/api/v1/sightings/${fresh.get(`link:${who}`)}/link`, body: { caseId: file.id }, expect: police },
    { route: 'GET /api/v1/notifications', label: 'own notifications', path: '/api/v1/notifications', expect: { others: 200 } },
    { route: 'POST /api/v1/notifications/read-all', label: 'own notifications', path: '/api/v1/notifications/read-all', expect: { others: 200 } },
    { route: 'POST /api/v1/notifications/:id/read', label: "the officer's notification", path: `/api/v1/notifications/${notificationId}/read`, expect: { officer: 200, others: 404 } },
    { route: 'GET /api/v1/notifications/stream', label: 'without Accept: text/event-stream (406; the stream itself is tested in notifications.int-spec)', path: '/api/v1/notifications/stream', expect: { anonymous: 401, others: 406 } },
  ];
};
