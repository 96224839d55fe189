import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Records straight into the tables with chosen times, for figures counted by hand (statistics,
 * campaigns). Every helper returns the new row's id.
 */
export class StatisticsFixtures {
  private readonly jurisdictions = new Map<string, { id: string; path: string }>();
  private userId = '';
  private organisationId = '';
  private sequence = 0;

  constructor(private readonly dataSource: DataSource) {}

  async init(): Promise<this> {
    for (const j of await this.dataSource.query(`SELECT id, code, path FROM jurisdictions`)) this.jurisdictions.set(j.code, j);
    const [user] = await this.dataSource.query(`SELECT id, organisation_id FROM users WHERE username = 'officer'`);
    this.userId = user.id;
    this.organisationId = user.organisation_id;
    return this;
  }

  jurisdiction(code: string): { id: string; path: string } {
    const j = this.jurisdictions.get(code);
    if (!j) throw new Error(`no jurisdiction ${code}`);
    return j;
  }

  async file(input: {
    code: string;
    createdAt: string;
    status?: string;
    lastSeenAt?: string;
    foundAt?: string;
    reunitedAt?: string;
    closedAt?: string;
  }): Promise<string> {
    const j = this.jurisdiction(input.code);
    const status = input.status ?? 'open';
    const [row] = await this.dataSource.query(
      `INSERT INTO cases (case_number, child_full_name, child_sex, child_birth_date_estimate, last_seen_at, last_seen_place,
                          jurisdiction_id, jurisdiction_path, status, closure_reason, created_at, updated_at, found_at, reunited_at, closed_at)
       VALUES ($1, '统计儿童', 'male', '2018-01-01', $2, '太和县', $3, $4, $5, $6, $7, $7, $8, $9, $10) RETURNING id`,
      [
        `MC-2026-${String(randomInt(100000, 999999))}`,
        input.lastSeenAt ?? input.createdAt,
        j.id,
        j.path,
        status,
        status === 'closed' ? 'found by the family' : null,
        input.createdAt,
        input.foundAt ?? null,
        input.reunitedAt ?? null,
        input.closedAt ?? null,
      ],
    );
    return row.id;
  }

  async sighting(input: { code: string; at: string; status?: string }): Promise<string> {
    const j = this.jurisdiction(input.code);
    const receipt = `${String(++this.sequence).padStart(6, '0')}${'A'.repeat(22)}`.slice(0, 28);
    const [row] = await this.dataSource.query(
      `INSERT INTO sightings (receipt_code, source, status, seen_at, seen_at_source, latitude, longitude, location_source,
                              jurisdiction_id, jurisdiction_path, created_at, updated_at)
       VALUES ($1, 'officer', $2, $3, 'reporter', 33.16, 115.62, 'reporter', $4, $5, $3, $3) RETURNING id`,
      [receipt, input.status ?? 'new', input.at, j.id, j.path],
    );
    return row.id;
  }

  async rescue(input: { code: string; at: string; suspects: number; children: (string | null)[] }): Promise<string> {
    const j = this.jurisdiction(input.code);
    const [row] = await this.dataSource.query(
      `INSERT INTO rescues (occurred_at, place, jurisdiction_id, jurisdiction_path, suspects_detained, created_by)
       VALUES ($1, '太和县火车站广场', $2, $3, $4, $5) RETURNING id`,
      [input.at, j.id, j.path, input.suspects, this.userId],
    );
    for (const caseId of input.children) {
      await this.dataSource.query(
        `INSERT INTO rescued_children (rescue_id, case_id, jurisdiction_path, created_by) VALUES ($1, $2, $3, $4)`,
        [row.id, caseId, j.path, this.userId],
      );
    }
    return row.id;
  }

  async reunion(input: { code: string; caseId: string; on: string; status: 'verified' | 'pending_sign_off' }): Promise<string> {
    const [row] = await this.dataSource.query(
      `INSERT INTO reunions (case_id, reunited_on, place, evidence_kind, other_verification, verification_status, jurisdiction_path, logged_by)
       VALUES ($1, $2, '太和县', 'other', 'household registration checked', $3, $4, $5) RETURNING id`,
      [input.caseId, input.on, input.status, this.jurisdiction(input.code).path, this.userId],
    );
    return row.id;
  }

  /** A kinship match between two fresh samples, with its decision time. */
  async match(input: { code: string; caseId: string; status: 'confirmed' | 'proposed'; decidedAt: string | null }): Promise<string> {
    const j = this.jurisdiction(input.code);
    const sample = async (kind: 'child' | 'family_reference') => {
      const [s] = await this.dataSource.query(
        `INSERT INTO dna_samples (barcode, kind, case_id, donor_relationship, consent_given_by, consent_given_at, consent_scope,
                                  collecting_organisation_id, jurisdiction_id, jurisdiction_path, retention_until, custody_state, created_by)
         VALUES ($1, $2, $3, $4, 'donor', now(), 'search_for_missing_children', $5, $6, $7, '2040-01-01', 'profiled', $8) RETURNING id`,
        [`STAT-${++this.sequence}-${randomInt(1e9)}`, kind, kind === 'child' ? null : input.caseId, kind === 'child' ? null : 'mother', this.organisationId, j.id, j.path, this.userId],
      );
      return s.id as string;
    };
    const [table] = await this.dataSource.query(`SELECT id FROM dna_frequency_tables LIMIT 1`);
    const [row] = await this.dataSource.query(
      `INSERT INTO kinship_matches (child_sample_id, reference_sample_id, case_id, relationship, log10_lr, log10_lr_by_relationship, per_locus,
                                    inconsistent_loci, loci_compared, conclusion, frequency_table_id, frequency_table_version, model,
                                    status, decided_at, jurisdiction_path, child_jurisdiction_path)
       VALUES ($1, $2, $3, 'parent_child', 9, '{}', '[]', 0, 23, 'supported', $4, 'v1', '{}', $5, $6, $7, $7) RETURNING id`,
      [await sample('child'), await sample('family_reference'), input.caseId, table.id, input.status, input.decidedAt, j.path],
    );
    return row.id;
  }
}
