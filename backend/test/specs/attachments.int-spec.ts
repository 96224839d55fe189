import exifr from 'exifr';
import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import { hammingDistance } from '../../src/attachments/attachments.service';
import { createTestApp, type TestApp, USERS } from '../test-app';
import { phonePhoto, TAIHE_CASE } from '../support/case-fixtures';

/** A valid PNG header announcing width × height, with one tiny IDAT: nothing to decode at that size. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(16))), chunk('IEND', Buffer.alloc(0))]);
}

/** A ZIP archive (local file header + end of central directory), named .jpg by the attacker. */
function zipFile(): Buffer {
  const header = Buffer.from('504b0304140000000000000000000000000000000000000000000500000068656c6c6f', 'hex');
  return Buffer.concat([header, Buffer.from('hello'), Buffer.from('504b0506000000000000000000000000000000000000', 'hex')]);
}

function describeAttachments(name: string, env: () => Record<string, string>, after: () => Promise<void> = async () => undefined) {
  describe(name, () => {
    let t: TestApp;
    let officer: string;
    let caseId: string;

    beforeAll(async () => {
      t = await createTestApp({ env: env() });
      officer = await t.bearer(USERS.officer);
      const res = await t.http().post('/api/v1/cases').set('Authorization', officer).send(TAIHE_CASE);
      caseId = res.body.id;
    });
    afterAll(async () => {
      await t.close();
      await after();
    });

    const upload = (file: Buffer, fileName = 'photo.jpg', who = officer, entityId = caseId) =>
      t.http().post('/api/v1/attachments').set('Authorization', who).field('entityType', 'case').field('entityId', entityId).attach('file', file, fileName);
    const rows = async () => Number((await t.dataSource.query('SELECT count(*)::int AS n FROM attachments'))[0].n);

    it('stores a display size and a thumbnail with no metadata, and offers the EXIF place and time', async () => {
      const original = await phonePhoto();
      expect((await exifr.gps(original)).latitude).toBeCloseTo(33.16, 3);
      const res = await upload(original);
      expect(res.status).toBe(201);
      expect(res.body.exif).toEqual({ lat: 33.16, lng: 115.62, takenAt: '2026-05-30T10:15:00.000Z' });
      expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(res.body.phash).toMatch(/^[0-9a-f]{16}$/);
      expect(res.body).toMatchObject({ originalType: 'image/jpeg', originalWidth: 2400, originalHeight: 1800, displayWidth: 1600, displayHeight: 1200 });
      for (const rendition of ['display', 'thumbnail']) {
        const got = await t.http().get(`/api/v1/attachments/${res.body.id}/${rendition}`).set('Authorization', officer).buffer(true).parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
        expect(got.status).toBe(200);
        expect(got.headers['content-type']).toBe('image/jpeg');
        expect(got.headers['content-disposition']).toMatch(/^inline; filename="photo-.+\.jpg"$/);
        expect(got.headers['x-content-type-options']).toBe('nosniff');
        expect(got.headers['cache-control']).toBe('no-store');
        const data = got.body as Buffer;
        const meta = await sharp(data).metadata();
        expect(meta.exif).toBeUndefined();
        expect(meta.xmp).toBeUndefined();
        expect(await exifr.gps(data).catch(() => undefined)).toBeUndefined();
        expect(await exifr.parse(data).catch(() => undefined)).toBeUndefined();
        expect(Math.max(meta.width!, meta.height!)).toBe(rendition === 'display' ? 1600 : 320);
      }
      const audits = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_type = 'Attachment' AND entity_id = $1 ORDER BY id`, [res.body.id]);
      expect(audits.map((a: { action: string }) => a.action)).toEqual(['attachment.create', 'attachment.read', 'attachment.read']);
    });

    it('lists the record’s photos, gives near-identical pictures close perceptual hashes, and deletes', async () => {
      const a = await upload(await phonePhoto(1200, 900));
      const b = await upload(await sharp(await phonePhoto(1200, 900)).resize(800).jpeg({ quality: 60 }).toBuffer());
      const other = await upload(await sharp({ create: { width: 600, height: 600, channels: 3, background: '#000' } }).composite([{ input: Buffer.from('<svg width="600" height="600"><rect x="0" y="0" width="300" height="600" fill="#fff"/></svg>') }]).png().toBuffer(), 'x.png');
      expect(hammingDistance(a.body.phash, b.body.phash)).toBeLessThanOrEqual(6);
      expect(hammingDistance(a.body.phash, other.body.phash)).toBeGreaterThan(12);
      const list = await t.http().get(`/api/v1/attachments?entityType=case&entityId=${caseId}`).set('Authorization', officer);
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([a.body.id, b.body.id, other.body.id]));
      const del = await t.http().delete(`/api/v1/attachments/${other.body.id}`).set('Authorization', officer);
      expect(del.status).toBe(204);
      expect((await t.http().get(`/api/v1/attachments/${other.body.id}/thumbnail`).set('Authorization', officer)).status).toBe(404);
    });

    it('refuses a .jpg that is really a ZIP (415) and writes nothing', async () => {
      const before = await rows();
      const res = await upload(zipFile(), 'child.jpg');
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('UNSUPPORTED_PHOTO_TYPE');
      expect(await rows()).toBe(before);
    });

    it('refuses a wrong content type: a text file (415) and a JSON body (415)', async () => {
      const before = await rows();
      expect((await upload(Buffer.from('just some text, not a photo'), 'note.jpg')).status).toBe(415);
      const json = await t.http().post('/api/v1/attachments').set('Authorization', officer).send({ entityType: 'case', entityId: caseId });
      expect(json.status).toBe(415);
      expect(json.body.code).toBe('MULTIPART_REQUIRED');
      expect(await rows()).toBe(before);
    });

    it('refuses a 30 MB photo (413) and writes nothing', async () => {
      const before = await rows();
      const big = Buffer.concat([await phonePhoto(200, 200), Buffer.alloc(30 * 1024 * 1024, 7)]);
      const res = await upload(big);
      expect(res.status).toBe(413);
      expect(await rows()).toBe(before);
    });

    it('refuses a 20,000 × 20,000 PNG from its header, without decoding it (422)', async () => {
      const before = await rows();
      const res = await upload(pngHeaderOnly(20_000, 20_000), 'huge.png');
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('PHOTO_TOO_MANY_PIXELS');
      expect(res.body.detail).toContain('20000 × 20000');
      expect(await rows()).toBe(before);
    });

    it('answers a record out of scope as missing (404), for upload and list', async () => {
      const pudong = await t.bearer(USERS.pudongOfficer);
      const before = await rows();
      expect((await upload(await phonePhoto(100, 100), 'p.jpg', pudong)).status).toBe(404);
      expect((await t.http().get(`/api/v1/attachments?entityType=case&entityId=${caseId}`).set('Authorization', pudong)).status).toBe(404);
      expect(await rows()).toBe(before);
    });

    it('keeps at most 100 photos per record (409)', async () => {
      const [one] = await t.dataSource.query(`SELECT * FROM attachments WHERE entity_id = $1 AND deleted_at IS NULL LIMIT 1`, [caseId]);
      const existing = Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM attachments WHERE entity_id = $1 AND deleted_at IS NULL`, [caseId]))[0].n);
      await t.dataSource.query(
        `INSERT INTO attachments (entity_type, entity_id, original_type, original_bytes, original_width, original_height, sha256, phash,
           display_key, display_type, display_width, display_height, display_bytes, thumbnail_key, thumbnail_type, thumbnail_bytes)
         SELECT 'case', $1, 'image/jpeg', 1, 1, 1, $2, $3, 'x', 'image/jpeg', 1, 1, 1, 'y', 'image/jpeg', 1 FROM generate_series(1, $4)`,
        [caseId, one.sha256, one.phash, 100 - existing],
      );
      const before = await rows();
      const res = await upload(await phonePhoto(100, 100));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('TOO_MANY_PHOTOS');
      expect(await rows()).toBe(before);
    });
  });
}

describeAttachments('attachments (local storage)', () => ({}));
