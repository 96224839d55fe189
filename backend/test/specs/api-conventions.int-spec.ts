import { createTestApp, type TestApp, USERS } from '../test-app';

/** The HTTP surface every feature shares: problem details, validation, limits, headers, health. */
describe('API conventions', () => {
  let t: TestApp;
  let officer: string;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.bearer(USERS.officer);
  });
  afterAll(() => t.close());

  const expectProblem = (body: Record<string, unknown>, status: number) => {
    expect(body).toMatchObject({ type: 'about:blank', status, title: expect.any(String), detail: expect.any(String), requestId: expect.any(String) });
  };

  it('answers a wrong password with a 401 problem', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ username: 'officer', password: 'not-the-password-at-all' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expectProblem(res.body, 401);
  });

  it('answers a malformed JSON body with a 400 problem', async () => {
    const res = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username": "officer",');
    expect(res.status).toBe(400);
    expectProblem(res.body, 400);
  });

  it('refuses an unknown field and names it', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ username: 'officer', password: 'x', isAdmin: true });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'isAdmin', message: 'unknown field: not accepted here' }]);
  });

  it('lists every invalid field of a body', async () => {
    const res = await t.http().post('/api/v1/organisations').set('Authorization', await t.bearer(USERS.admin)).send({ name: 1, kind: 'bank' });
    expect(res.status).toBe(400);
    expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['jurisdictionCode', 'kind', 'name']);
  });

  it('answers an oversized body with a 413 problem', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ username: 'a'.repeat(2 * 1024 * 1024), password: 'x' });
    expect(res.status).toBe(413);
    expectProblem(res.body, 413);
  });

  it('answers an out-of-scope id exactly as a missing one (404)', async () => {
    const pudong = await t.dataSource.query(`SELECT id FROM users WHERE username = 'officer.pudong'`);
    const outOfScope = await t.http().get(`/api/v1/users/${pudong[0].id}`).set('Authorization', officer);
    const missing = await t.http().get('/api/v1/users/00000000-0000-4000-8000-000000000000').set('Authorization', officer);
    expect(outOfScope.status).toBe(404);
    expect(missing.status).toBe(404);
    const strip = ({ instance, requestId, ...rest }: Record<string, unknown>) => (void instance, void requestId, rest);
    expect(strip(outOfScope.body)).toEqual(strip(missing.body));
  });

  it('answers a malformed id with a 400, not a 500', async () => {
    const res = await t.http().get('/api/v1/users/not-a-uuid').set('Authorization', officer);
    expect(res.status).toBe(400);
    expectProblem(res.body, 400);
  });

  it('refuses a request without a token (401) and an action the role never has (403)', async () => {
    expect((await t.http().get('/api/v1/users')).status).toBe(401);
    const res = await t.http().post('/api/v1/organisations').set('Authorization', officer).send({});
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN_FOR_ROLE');
  });

  it('puts a request id and security headers on every response', async () => {
    const res = await t.http().get('/health/live').set('X-Request-Id', 'client-supplied-id-123');
    expect(res.headers['x-request-id']).toBe('client-supplied-id-123');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const generated = await t.http().get('/health/live').set('X-Request-Id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports liveness and readiness with the database checked', async () => {
    expect((await t.http().get('/health/live')).status).toBe(200);
    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.database.status).toBe('up');
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.paths['/api/v1/auth/login']).toBeDefined();
    expect(res.body.paths['/api/v1/me']).toBeDefined();
  });
});
