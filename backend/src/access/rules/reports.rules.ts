import type { RuleSet } from './rule-builder';
import { inSubtreeOf } from './rule-builder';

/**
 * PDF reports and CSV/XLSX exports: documents that leave the system, so only police supervisors
 * make them (DESIGN: "exporting statistics and PDF reports"). Officers, NGO staff, laboratories and
 * administrators make none; officers see the same figures on screen.
 *
 * - Report: a supervisor requests one (its data is taken inside their own scope, kept on the job) and
 *   reads their own jobs, and those requested inside their area (a supervisor above, or a colleague of
 *   the same area). Printing children's full names instead of initials is a supervisor's choice that
 *   the service audits.
 * - Export: supervisors only. Which kinds they may export follows what they may read (a kind whose
 *   records the role cannot read is refused), and which columns is fixed per role in
 *   `exports/export-columns.ts`.
 */
export const reportsRules: RuleSet = ({ can }, actor) => {
  if (actor.role !== 'supervisor') return;
  can('create', 'Report');
  can('read', 'Report', { requestedById: actor.id });
  can('read', 'Report', { jurisdictionPath: inSubtreeOf(actor) });
  can('export', 'Export');
};
