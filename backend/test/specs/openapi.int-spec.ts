import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../test-app';

const COMMITTED = join(__dirname, '..', '..', '..', 'docs', 'api', 'openapi.json');

/**
 * The dashboard's API types are generated from docs/api/openapi.json. This keeps that file equal to
 * what the server serves; `npm run api:update` rewrites it (and the generated types) after a change.
 */
describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ seed: false })));
  afterAll(() => t.close());

  it('matches the committed docs/api/openapi.json', async () => {
    const served = (await t.http().get('/api/docs-json')).body;
    const text = `${JSON.stringify(served, null, 2)}\n`;
    if (process.env['UPDATE_OPENAPI']) writeFileSync(COMMITTED, text);
    expect(JSON.parse(readFileSync(COMMITTED, 'utf8'))).toEqual(served);
  });
});
