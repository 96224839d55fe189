import type { DataSource } from 'typeorm';

/**
 * Records a reunion needs, written straight into the tables: a rescued child (placed with the Taihe NGO
 * or not) and a kinship match between that child's sample and a file's family reference.
 */
const tag = () => Math.random().toString(36).slice(2, 10).toUpperCase();

export async function insertRescuedChild(
  dataSource: DataSource,
  options: { jurisdictionCode?: string; placedWithNgo?: boolean; caseId?: string | null; name?: string } = {},
): Promise<string> {
  const [j] = await dataSource.query(`SELECT id, path FROM jurisdictions WHERE code = $1`, [options.jurisdictionCode ?? '341222']);
  const [rescue] = await dataSource.query(
    `INSERT INTO rescues (occurred_at, place, jurisdiction_id, jurisdiction_path, suspects_detained)
     VALUES ('2026-05-10T02:00:00Z', '太和县城关镇火车站广场', $1, $2, 2) RETURNING id`,
    [j.id, j.path],
  );
  const ngo = options.placedWithNgo ?? true;
  const [child] = await dataSource.query(
    `INSERT INTO rescued_children (rescue_id, case_id, name, sex, estimated_age_years, placement_kind, placement_organisation_id, placement_shelter, placed_at, jurisdiction_path)
     VALUES ($1, $2, $3, 'male', 7, $4, (SELECT id FROM organisations WHERE kind = 'ngo' ORDER BY created_at LIMIT 1), $5, '2026-05-10T06:00:00Z', $6) RETURNING id`,
    [rescue.id, options.caseId ?? null, options.name ?? '小明', ngo ? 'ngo' : 'shelter', ngo ? null : '阜阳市救助站', j.path],
  );
  if (!ngo) await dataSource.query(`UPDATE rescued_children SET placement_organisation_id = NULL WHERE id = $1`, [child.id]);
  return child.id;
}

/** A match between a rescued child's sample and a mother's reference sample of a file, in the given status. */
export async function insertMatch(
  dataSource: DataSource,
  options: { caseId: string; rescuedChildId: string | null; status: 'candidate' | 'proposed' | 'confirmed' | 'rejected'; decidedAt?: string },
): Promise<string> {
  const [c] = await dataSource.query(`SELECT jurisdiction_id, jurisdiction_path FROM cases WHERE id = $1`, [options.caseId]);
  const sample = async (kind: 'child' | 'family_reference') => {
    const [row] = await dataSource.query(
      `INSERT INTO dna_samples (barcode, kind, donor_relationship, case_id, rescued_child_id, consent_given_by, consent_given_at, consent_scope,
                               collecting_organisation_id, jurisdiction_id, jurisdiction_path, retention_until, custody_state, created_by)
       VALUES ($1, $2, $3, $4, $5, 'the donor', '2026-05-01T00:00:00Z', 'search_for_missing_children',
               (SELECT id FROM organisations WHERE kind = 'lab' LIMIT 1), $6, $7, '2046-01-01', 'profiled', (SELECT id FROM users WHERE username = 'lab'))
       RETURNING id`,
      [
        `RU-${kind === 'child' ? 'C' : 'M'}-${tag()}`,
        kind,
        kind === 'child' ? null : 'mother',
        kind === 'child' ? null : options.caseId,
        kind === 'child' ? options.rescuedChildId : null,
        c.jurisdiction_id,
        c.jurisdiction_path,
      ],
    );
    return row.id as string;
  };
  const child = await sample('child');
  const reference = await sample('family_reference');
  const decided = options.status === 'confirmed' || options.status === 'rejected';
  const [match] = await dataSource.query(
    `INSERT INTO kinship_matches (child_sample_id, reference_sample_id, case_id, relationship, log10_lr, log10_lr_by_relationship, per_locus,
                                  inconsistent_loci, loci_compared, conclusion, frequency_table_id, frequency_table_version, model, status,
                                  proposed_by, proposed_at, decided_by, decided_at, jurisdiction_path, child_jurisdiction_path)
     VALUES ($1, $2, $3, 'parent_child', 9.2, '{"parent_child": 9.2}', '{}', 0, 23, 'supported',
             (SELECT id FROM dna_frequency_tables ORDER BY created_at LIMIT 1), 'v1', '{"mutation": null, "theta": 0.01, "policy": "x", "frequencyTable": "x"}', $4,
             (SELECT id FROM users WHERE username = 'lab'), '2026-05-20T00:00:00Z',
             $5, $6, $7, $7)
     RETURNING id`,
    [
      child,
      reference,
      options.caseId,
      options.status,
      decided ? (await dataSource.query(`SELECT id FROM users WHERE username = 'supervisor'`))[0].id : null,
      decided ? (options.decidedAt ?? '2026-05-21T03:00:00Z') : null,
      c.jurisdiction_path,
    ],
  );
  return match.id;
}
