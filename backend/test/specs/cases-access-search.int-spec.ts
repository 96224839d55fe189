import { BROAD_SEARCH_ESTIMATE } from '../../src/cases/cases.service';
import { nearKeys, searchTerms } from '../../src/cases/search-text';
import { fillSearchTerms } from '../../src/database/migrations/1764810000000-case-search-terms';
import { TAIHE_CASE } from '../support/case-fixtures';
import { createTestApp, type TestApp, USERS } from '../test-app';

const DAY = 86_400_000;

describe('cases: scope, NGO sharing, lab view, list filters and search', () => {
  let t: TestApp;
  let officer: string;
  let supervisor: string;
  let pudong: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-06-01T08:00:00Z');
    officer = await t.bearer(USERS.officer);
    supervisor = await t.bearer(USERS.supervisor);
    pudong = await t.bearer(USERS.pudongOfficer);
    const make = async (key: string, overrides: Record<string, unknown>, who = officer) => {
      const res = await t.http().post('/api/v1/cases').set('Authorization', who).send({ ...TAIHE_CASE, ...overrides });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      ids[key] = res.body.id;
    };
    await make('zhang', {});
    await make('wang', { child: { fullName: '王丽丽', otherNames: '丽丽', sex: 'female', estimatedAgeYears: 4 }, lastSeenAt: '2026-03-01T10:00:00Z' });
    await make('percent', { child: { fullName: '测试%儿童', sex: 'unknown', estimatedAgeYears: 10 } });
    await make('chen', { child: { fullName: '陈浩', sex: 'male', dateOfBirth: '2014-01-02' }, jurisdictionCode: '341222' });
    await make('pudong', { child: { fullName: '张小明', sex: 'male', estimatedAgeYears: 7 }, jurisdictionCode: '310115', lastSeenLat: 31.22, lastSeenLng: 121.54 }, pudong);
  });
  afterAll(() => t.close());

  const list = (query: string, who = officer) => t.http().get(`/api/v1/cases${query}${query ? '&' : '?'}pageSize=100`).set('Authorization', who);
  // Other features' demo seeds may add files of their own: look only at the files made here.
  const names = (res: { status: number; body: { items: { id: string; childName: string }[] } }) => {
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    const mine = new Set(Object.values(ids));
    return res.body.items.filter((i) => mine.has(i.id)).map((i) => i.childName);
  };

  it('hides another jurisdiction’s file: 404 on read, absent from the list (filtered in SQL)', async () => {
    const read = await t.http().get(`/api/v1/cases/${ids.pudong}`).set('Authorization', officer);
    expect(read.status).toBe(404);
    const all = await list('');
    expect(names(all).sort()).toEqual(['张小明', '王丽丽', '测试%儿童', '陈浩'].sort());
    expect(all.body.items.every((i: { jurisdiction: { code: string } }) => i.jurisdiction.code === '341222')).toBe(true);
    const theirs = await list('', pudong);
    expect(names(theirs)).toEqual(['张小明']);
    expect(theirs.body.items.every((i: { jurisdiction: { code: string } }) => i.jurisdiction.code === '310115')).toBe(true);
  });

  it('does not let admins read case content (403) and gives the lab a minimal view', async () => {
    expect((await list('', await t.bearer(USERS.admin))).status).toBe(403);
    const lab = await t.http().get(`/api/v1/cases/${ids.zhang}`).set('Authorization', await t.bearer(USERS.lab));
    expect(lab.status).toBe(200);
    expect(lab.body.view).toBe('minimal');
    expect(lab.body).not.toHaveProperty('reporter');
    expect(lab.body).not.toHaveProperty('lastSeen');
    expect(lab.body.child).toMatchObject({ fullName: '张小明', sex: 'male', distinguishingMarks: null });
  });

  it('shares a file with the NGO: a reduced view until the date, nothing after', async () => {
    const [ngoOrg] = await t.dataSource.query(`SELECT organisation_id AS id FROM users WHERE username = 'ngo'`);
    const ngo = await t.bearer(USERS.ngo);
    expect((await t.http().get(`/api/v1/cases/${ids.zhang}`).set('Authorization', ngo)).status).toBe(404);
    const share = await t.http().post(`/api/v1/cases/${ids.zhang}/sharing`).set('Authorization', supervisor)
      .send({ version: 1, organisationId: ngoOrg.id, sharedUntil: new Date(t.clock.now().getTime() + 10 * DAY).toISOString() });
    expect(share.status).toBe(200);
    expect(share.body.sharing).toMatchObject({ organisationId: ngoOrg.id, active: true });
    const reduced = await t.http().get(`/api/v1/cases/${ids.zhang}`).set('Authorization', ngo);
    expect(reduced.status).toBe(200);
    expect(reduced.body.view).toBe('reduced');
    expect(reduced.body.child.fullName).toBe('张小明');
    expect(reduced.body).not.toHaveProperty('reporter');
    expect(reduced.body).not.toHaveProperty('familyContacts');
    expect(JSON.stringify(reduced.body)).not.toContain('138 0000');
    expect((await list('', ngo)).body.items.map((i: { id: string }) => i.id)).toContain(ids.zhang);
    expect((await t.http().get(`/api/v1/cases/${ids.zhang}/timeline`).set('Authorization', ngo)).status).toBe(404);

    t.clock.advance(11 * DAY);
    const later = await t.bearer(USERS.ngo);
    expect((await t.http().get(`/api/v1/cases/${ids.zhang}`).set('Authorization', later)).status).toBe(404);
    expect((await list('', later)).body.items.map((i: { id: string }) => i.id)).not.toContain(ids.zhang);
    t.clock.set('2026-06-01T08:00:00Z');
  });

  it('refuses sharing with a police organisation or a date in the past (422)', async () => {
    const [police] = await t.dataSource.query(`SELECT organisation_id AS id FROM users WHERE username = 'officer'`);
    const { body: c } = await t.http().get(`/api/v1/cases/${ids.wang}`).set('Authorization', officer);
    const res = await t.http().post(`/api/v1/cases/${ids.wang}/sharing`).set('Authorization', supervisor).send({ version: c.version, organisationId: police.id, sharedUntil: '2027-01-01T00:00:00Z' });
    expect(res.status).toBe(422);
  });

  it('refuses a sort field outside the allow-list (400) naming the allowed fields', async () => {
    const res = await list('?sort=reporter');
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'sort' });
    expect(res.body.errors[0].message).toContain('createdAt, updatedAt, lastSeenAt');
    expect((await list('?sort=-lastSeenAt')).status).toBe(200);
  });

  it('filters by status, sex, age range, dates and jurisdiction', async () => {
    expect(names(await list('?sex=female'))).toEqual(['王丽丽']);
    expect(names(await list('?ageMin=10&ageMax=12&sort=childName'))).toEqual(['测试%儿童', '陈浩'].sort());
    expect(names(await list('?ageMax=5'))).toEqual(['王丽丽']);
    expect(names(await list('?lastSeenTo=2026-04-01T00:00:00Z'))).toEqual(['王丽丽']);
    expect(names(await list('?status=open,closed'))).toHaveLength(4);
    expect(names(await list('?status=rescued'))).toEqual([]);
    expect(names(await list('?jurisdictionCode=341221'))).toEqual([]);
    expect(names(await list('?jurisdictionCode=341200'))).toHaveLength(4);
    expect(names(await list('?createdFrom=2026-06-02T00:00:00Z'))).toEqual([]);
    expect((await list('?status=flying')).status).toBe(400);
  });

  it('finds the child by Chinese name, pinyin, initials, a similar-sounding name, and case number', async () => {
    const { body: c } = await t.http().get(`/api/v1/cases/${ids.zhang}`).set('Authorization', officer);
    const q = async (text: string) => names(await list(`?q=${encodeURIComponent(text)}`));
    expect(await q('张小明')).toEqual(['张小明']);
    expect(await q('小明')).toEqual(['张小明']);
    expect(await q('zhang xiao ming')).toEqual(['张小明']);
    expect(await q('zhangxiaoming')).toEqual(['张小明']);
    expect(await q('zxm')).toEqual(['张小明']);
    expect(await q('lili')).toEqual(['王丽丽']);
    // Same sound, different characters (张晓明) and a typo in pinyin: fuzzy.
    expect(await q('张晓明')).toEqual(['张小明']);
    expect(await q('zhangxiaomin')).toEqual(['张小明']);
    // The beginning of a given name; two letters swapped; a letter left out.
    expect(await q('xiaom')).toEqual(['张小明']);
    expect(await q('zhangxaioming')).toEqual(['张小明']);
    expect(await q('zhangxiaomng')).toEqual(['张小明']);
    expect(await q(c.caseNumber)).toEqual(['张小明']);
    const byYear = await list(`?q=${c.caseNumber.slice(0, 8)}`);
    expect(names(byYear)).toHaveLength(4);
    expect(byYear.body.items.every((i: { caseNumber: string }) => i.caseNumber.startsWith(c.caseNumber.slice(0, 8)))).toBe(true);
  });

  it('finds a renamed child by the new name only, and an export holds the rows the list shows', async () => {
    const { body: before } = await t.http().get(`/api/v1/cases/${ids.chen}`).set('Authorization', officer);
    const renamed = await t.http().patch(`/api/v1/cases/${ids.chen}`).set('Authorization', officer).send({ version: before.version, child: { fullName: '陈浩然', otherNames: '然然' } });
    expect(renamed.status).toBe(200);
    const q = async (text: string) => names(await list(`?q=${encodeURIComponent(text)}`));
    expect(await q('chenhaoran')).toEqual(['陈浩然']);
    expect(await q('ranran')).toEqual(['陈浩然']);
    // The old name is now only the beginning of the new one; the file is found through its new terms.
    expect(await q('陈浩')).toEqual(['陈浩然']);
    const exported = await t.http().get(`/api/v1/exports/cases?format=csv&q=${encodeURIComponent('zhangxaioming')}`).set('Authorization', await t.bearer(USERS.supervisor));
    expect(exported.status).toBe(200);
    expect(exported.text).toContain('张小明');
    expect(exported.text).not.toContain('王丽丽');
  });

  it('pages through the list: every page carries the total, pages join up to the whole list, past the end is empty', async () => {
    const page = (query: string) => t.http().get(`/api/v1/cases?${query}`).set('Authorization', officer);
    for (const filter of ['sort=caseNumber', 'q=zhang', 'q=xiaoming&status=open']) {
      const whole = await page(`${filter}&pageSize=100`);
      expect(whole.status).toBe(200);
      const total: number = whole.body.total;
      expect(whole.body.items).toHaveLength(total);
      const pages = Math.ceil(total / 2);
      const joined: string[] = [];
      for (let n = 1; n <= pages + 1; n++) {
        const res = await page(`${filter}&pageSize=2&page=${n}`);
        expect(res.body).toMatchObject({ total, page: n, pageSize: 2 });
        expect(res.body.items).toHaveLength(n <= pages ? Math.min(2, total - (n - 1) * 2) : 0);
        joined.push(...res.body.items.map((i: { id: string }) => i.id));
      }
      expect(joined).toEqual(whole.body.items.map((i: { id: string }) => i.id));
    }
    // A search that finds nothing says so on any page.
    expect((await page('q=zzzzqqqq&page=3')).body).toMatchObject({ total: 0, items: [] });
  });

  it('matches SQL and LIKE metacharacters literally', async () => {
    const before = Number((await t.dataSource.query('SELECT count(*)::int AS n FROM cases'))[0].n);
    const percent = await list(`?q=${encodeURIComponent('%')}`);
    expect(percent.body.items.map((i: { childName: string }) => i.childName)).toEqual(['测试%儿童']);
    expect((await list(`?q=${encodeURIComponent('_')}`)).body.total).toBe(0);
    expect((await list(`?q=${encodeURIComponent('\\')}`)).body.total).toBe(0);
    const injection = await list(`?q=${encodeURIComponent("'; DROP TABLE cases; --")}`);
    expect(injection.status).toBe(200);
    expect(injection.body.total).toBe(0);
    expect(Number((await t.dataSource.query('SELECT count(*)::int AS n FROM cases'))[0].n)).toBe(before);
  });

  it('gives files written before the search terms existed their terms (the migration backfill)', async () => {
    const [row] = await t.dataSource.query(
      `INSERT INTO cases (case_number, child_full_name, child_other_names, child_sex, child_birth_date_estimate, last_seen_at, last_seen_place,
                          priority, status, jurisdiction_id, jurisdiction_path)
       SELECT 'MC-2019-000001', '李想', '想想', 'male', date '2015-01-01', now(), '太和县', 'normal', 'open', id, path FROM jurisdictions WHERE code = '341222'
       RETURNING id, search_terms`,
    );
    expect(row.search_terms).toEqual([]);
    ids.li = row.id;
    await fillSearchTerms(t.dataSource);
    const [after] = await t.dataSource.query(`SELECT search_terms FROM cases WHERE id = $1`, [row.id]);
    expect(after.search_terms).toEqual(expect.arrayContaining(['lixiang', 'xiang', 'lx', 'xiangxiang', '~lixiang', '~ixiang', '~xiangxiang']));
    expect(names(await list(`?q=lixiang`))).toEqual(['李想']);
  });

  it('finds a name one typo away by its near keys, an index lookup', async () => {
    const [{ found }] = await t.dataSource.query(`SELECT array_agg(child_full_name) AS found FROM cases WHERE search_terms && $1::text[]`, [nearKeys('zhangxaioming')]);
    expect(found).toContain('张小明');
    expect(found).not.toContain('王丽丽');
  });

  it('lists a broad search newest first with the planner’s estimate as its total; ranked and exact otherwise', async () => {
    // 2,000 files of one name in Taihe: far more than BROAD_SEARCH_ESTIMATE, once the statistics know them.
    const files = 2 * BROAD_SEARCH_ESTIMATE;
    await t.dataSource.query(
      `INSERT INTO cases (case_number, child_full_name, search_pinyin, search_terms, child_sex, child_birth_date_estimate, last_seen_at, last_seen_place,
                          priority, status, jurisdiction_id, jurisdiction_path, created_at, updated_at)
       SELECT 'MC-2018-' || lpad(g::text, 6, '0'), '仝宽博', 'tong kuan bo tongkuanbo tkb', $1::text[], 'male', date '2016-01-01',
              now(), '太和县', 'normal', 'open', j.id, j.path, now() - g * interval '1 minute', now()
         FROM jurisdictions j, generate_series(1, $2::int) g WHERE j.code = '341222'`,
      [searchTerms('仝宽博'), files],
    );
    await t.dataSource.query('ANALYZE cases');
    try {
      const broad = await t.http().get('/api/v1/cases?q=kuanbo&pageSize=25').set('Authorization', officer);
      expect(broad.status).toBe(200);
      expect(broad.body.totalIsEstimate).toBe(true);
      expect(broad.body.total).toBeGreaterThan(BROAD_SEARCH_ESTIMATE);
      const created = broad.body.items.map((i: { createdAt: string }) => i.createdAt);
      expect(broad.body.items).toHaveLength(25);
      expect(created).toEqual([...created].sort().reverse());
      const second = await t.http().get('/api/v1/cases?q=kuanbo&pageSize=25&page=2').set('Authorization', officer);
      expect(second.body.items[0].createdAt < created[24]).toBe(true);
      // Past the end: no rows, still the estimate.
      const past = await t.http().get('/api/v1/cases?q=kuanbo&pageSize=100&page=100').set('Authorization', officer);
      expect(past.body).toMatchObject({ items: [], totalIsEstimate: true });
      // Sorted by a field, the same search is counted exactly; a narrow search stays ranked and exact.
      const sorted = await t.http().get('/api/v1/cases?q=kuanbo&sort=caseNumber').set('Authorization', officer);
      expect(sorted.body).toMatchObject({ total: files, totalIsEstimate: false });
      const narrow = await list('?q=zhangxiaoming');
      expect(names(narrow)).toEqual(['张小明']);
      expect(narrow.body.totalIsEstimate).toBe(false);
      // Another county's officer sees none of them, estimate or not: a first page shorter than a page is exact.
      expect((await t.http().get('/api/v1/cases?q=kuanbo').set('Authorization', pudong)).body).toMatchObject({ total: 0, items: [] });
    } finally {
      await t.dataSource.query(`DELETE FROM cases WHERE case_number LIKE 'MC-2018-%' AND child_full_name = '仝宽博'`);
    }
  });
});
