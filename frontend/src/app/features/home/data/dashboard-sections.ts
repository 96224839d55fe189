import type { AccessCheck } from '@hw/core/access/permissions';
import { someoneInMyJurisdiction } from '@hw/core/access/permissions';
import type { MeDto } from '@hw/core/api/api';

export type Role = MeDto['user']['role'];
export type DashboardSection =
  'officer' | 'supervisor' | 'ngo' | 'lab' | 'admin';

/** The dashboard each role starts from. */
const SECTION_OF_ROLE: Record<Role, DashboardSection> = {
  officer: 'officer',
  supervisor: 'supervisor',
  ngo_caseworker: 'ngo',
  lab_technician: 'lab',
  admin: 'admin',
};

/** What a section's main list needs; without it the section would only show refusals. */
const SECTION_NEEDS: Record<DashboardSection, AccessCheck> = {
  officer: { can: ['read', 'Case'] },
  supervisor: { can: ['read', 'Statistics'] },
  ngo: { can: ['read', 'RescuedChild'] },
  lab: { can: ['read', 'DnaSample'] },
  admin: { can: ['read', 'User'], where: someoneInMyJurisdiction },
};

/**
 * The home dashboard for this user: the one of their role, if their abilities (the server's rules,
 * through /me) let them open what it shows. null leaves only the greeting.
 */
export function dashboardSection(
  role: Role,
  allows: (check: AccessCheck) => boolean,
): DashboardSection | null {
  const section = SECTION_OF_ROLE[role] as DashboardSection | undefined;
  return section && allows(SECTION_NEEDS[section]) ? section : null;
}
