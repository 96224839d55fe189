import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { createTestApp, type TestApp, USERS } from '../test-app';
import { phonePhoto, TAIHE_CASE } from '../support/case-fixtures';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('attachments in S3-compatible storage (s3rver)', () => {
  let s3: S3rver;
  let endpoint: string;
  let t: TestApp;
  const bucket = 'homeward-photos';

  beforeAll(async () => {
    const port = await freePort();
    s3 = new S3rver({ port, address: '127.0.0.1', silent: true, directory: mkdtempSync(join(tmpdir(), 's3rver-')), configureBuckets: [{ name: bucket, configs: [] }] });
    await s3.run();
    endpoint = `http://127.0.0.1:${port}`;
    t = await createTestApp({ env: { S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' } });
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
  });

  it('puts both renditions in the bucket, serves them back, and removes them on delete', async () => {
    const officer = await t.bearer(USERS.officer);
    const { body: c } = await t.http().post('/api/v1/cases').set('Authorization', officer).send(TAIHE_CASE);
    const up = await t.http().post('/api/v1/attachments').set('Authorization', officer).field('entityType', 'case').field('entityId', c.id).attach('file', await phonePhoto(800, 600), 'p.jpg');
    expect(up.status).toBe(201);
    const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const keys = async () => ((await client.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key);
    expect((await keys()).sort()).toEqual([expect.stringMatching(new RegExp(`${up.body.id}-display\\.jpg$`)), expect.stringMatching(new RegExp(`${up.body.id}-thumbnail\\.jpg$`))]);
    const got = await t.http().get(`/api/v1/attachments/${up.body.id}/thumbnail`).set('Authorization', officer);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(Number(got.headers['content-length'])).toBeGreaterThan(500);
    expect((await t.http().delete(`/api/v1/attachments/${up.body.id}`).set('Authorization', officer)).status).toBe(204);
    expect(await keys()).toEqual([]);
  });
});
