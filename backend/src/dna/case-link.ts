import type { EntityManager } from 'typeorm';

export interface LinkedCase {
  id: string;
  caseNumber: string;
  jurisdictionPath: string;
  status: string;
  assignedOfficerId: string | null;
}

/**
 * The DNA module's read-only view of missing-child files (issue 4 links samples and matches to them).
 * Plain SQL on the files table, so that the DNA module does not depend on the files module's classes.
 */
export async function findCase(
  manager: EntityManager,
  id: string,
): Promise<LinkedCase | null> {
  const rows: {
    id: string;
    case_number: string;
    jurisdiction_path: string;
    status: string;
    assigned_officer_id: string | null;
  }[] = await manager.query(
    `SELECT id, case_number, jurisdiction_path, status, assigned_officer_id FROM cases WHERE id = $1 AND deleted_at IS NULL`,
    [id],
  );
  const row = rows[0];
  return row
    ? {
        id: row.id,
        caseNumber: row.case_number,
        jurisdictionPath: row.jurisdiction_path,
        status: row.status,
        assignedOfficerId: row.assigned_officer_id,
      }
    : null;
}
