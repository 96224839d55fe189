import type { TestApp } from '../test-app';

/** A campaign over a jurisdiction (by code), inserted directly: reports read what the campaigns feature stores. */
export async function insertCampaign(t: TestApp, input: { name: string; jurisdictionCode: string; startsOn: string; endsOn: string; goals?: string }): Promise<string> {
  const [row] = await t.dataSource.query(
    `INSERT INTO campaigns (name, goals, jurisdiction_id, jurisdiction_path, starts_on, ends_on)
     SELECT $1, $2, id, path, $4, $5 FROM jurisdictions WHERE code = $3 RETURNING id`,
    [input.name, input.goals ?? null, input.jurisdictionCode, input.startsOn, input.endsOn],
  );
  return row.id;
}

export interface RescueChildInput {
  caseId?: string;
  name?: string;
  sex?: 'male' | 'female' | 'unknown';
  age?: number;
}

/** A rescue with its children, tagged to the campaign if one is given. Police notes hold `notes`. */
export async function insertRescue(
  t: TestApp,
  input: { place: string; jurisdictionCode: string; occurredAt: string; notes?: string; suspects?: number; campaignId?: string; children: RescueChildInput[] },
): Promise<string> {
  const [rescue] = await t.dataSource.query(
    `INSERT INTO rescues (occurred_at, place, jurisdiction_id, jurisdiction_path, agencies, suspects_detained, notes)
     SELECT $1, $2, id, path, ARRAY['太和县公安局'], $4, $5 FROM jurisdictions WHERE code = $3 RETURNING id, jurisdiction_path`,
    [input.occurredAt, input.place, input.jurisdictionCode, input.suspects ?? 0, input.notes ?? null],
  );
  for (const child of input.children) {
    await t.dataSource.query(
      `INSERT INTO rescued_children (rescue_id, case_id, name, sex, estimated_age_years, jurisdiction_path) VALUES ($1, $2, $3, $4, $5, $6)`,
      [rescue.id, child.caseId ?? null, child.name ?? null, child.sex ?? 'unknown', child.age ?? null, rescue.jurisdiction_path],
    );
  }
  if (input.campaignId) {
    await t.dataSource.query(`INSERT INTO campaign_records (campaign_id, record_type, record_id, origin) VALUES ($1, 'rescue', $2, 'manual') ON CONFLICT DO NOTHING`, [input.campaignId, rescue.id]);
  }
  return rescue.id;
}

/** Opens a file through the API with a reporter and a family contact (the fields no report or export may show). */
export async function createFileWithContacts(t: TestApp, auth: string, input: { fullName: string; jurisdictionCode?: string; lastSeenPlace?: string; reporterPhone: string; familyPhone: string }) {
  const res = await t
    .http()
    .post('/api/v1/cases')
    .set('Authorization', auth)
    .send({
      child: { fullName: input.fullName, sex: 'male', dateOfBirth: '2018-05-01' },
      lastSeenAt: new Date(t.clock.now().getTime() - 30 * 86_400_000).toISOString(),
      lastSeenPlace: input.lastSeenPlace ?? '太和县城关镇人民路菜市场',
      lastSeenLat: 33.1602,
      lastSeenLng: 115.622,
      jurisdictionCode: input.jurisdictionCode ?? '341222',
      reporter: { name: '张建国', relationship: '父亲', phone: input.reporterPhone, idNumber: '341222198001011234' },
      familyContacts: [{ name: '李秀英', relationship: '母亲', phone: input.familyPhone, address: '太和县旧县镇幸福村' }],
    });
  if (res.status !== 201) throw new Error(`createFileWithContacts: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; caseNumber: string };
}

/** A supervisor in another jurisdiction (by code), signing in with the demo password. */
export async function insertSupervisor(t: TestApp, username: string, jurisdictionCode: string): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO users (username, display_name, password_hash, role, organisation_id, jurisdiction_id, mfa_exempt)
     SELECT $1, $1, u.password_hash, 'supervisor', u.organisation_id, j.id, true FROM users u, jurisdictions j WHERE u.username = 'supervisor' AND j.code = $2`,
    [username, jurisdictionCode],
  );
}
