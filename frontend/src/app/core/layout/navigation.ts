import type { AccessCheck, Permission } from '@hw/core/access/permissions';
import { someoneInMyJurisdiction } from '@hw/core/access/permissions';
import type { MeDto } from '@hw/core/api/api';

/**
 * One entry per feature. The sidenav shows an entry when the signed-in user's CASL ability allows
 * `can` (see AccessCheck). `labelKey` lives in the feature's Transloco scope (`scope`), so a feature
 * adds its entry here and its label in `public/i18n/<scope>/*.json`, never in a shared file.
 */
export interface NavigationEntry {
  labelKey: string;
  icon: string;
  path: string;
  /** The Transloco scope holding `labelKey` (the feature's folder name). */
  scope: string;
  /** Omitted: every signed-in user. */
  can?: Permission;
  where?: (me: MeDto) => Record<string, unknown>;
}

export const NAVIGATION: readonly NavigationEntry[] = [
  { labelKey: 'home.nav', icon: 'home', path: '/', scope: 'home' },
  { labelKey: 'cases.nav', icon: 'folder', path: '/cases', scope: 'cases', can: ['read', 'Case'] },
  { labelKey: 'sightings.nav', icon: 'visibility_sighting', path: '/sightings', scope: 'sightings', can: ['read', 'Sighting'] },
  { labelKey: 'map.nav', icon: 'map', path: '/map', scope: 'map', can: ['read', 'Sighting'] },
  { labelKey: 'campaigns.nav', icon: 'flag', path: '/campaigns', scope: 'campaigns', can: ['read', 'Campaign'] },
  { labelKey: 'rescues.nav.rescues', icon: 'shield', path: '/rescues', scope: 'rescues', can: ['read', 'Rescue'] },
  { labelKey: 'rescues.nav.children', icon: 'people', path: '/rescued-children', scope: 'rescues', can: ['read', 'RescuedChild'] },
  { labelKey: 'reunions.nav.reunions', icon: 'family_restroom', path: '/reunions', scope: 'reunions', can: ['read', 'Reunion'] },
  { labelKey: 'reunions.nav.pending', icon: 'verified', path: '/reunions/awaiting-sign-off', scope: 'reunions', can: ['verify', 'Reunion'] },
  { labelKey: 'reunions.nav.followUps', icon: 'event', path: '/reunions/follow-ups', scope: 'reunions', can: ['read', 'Reunion'] },
  { labelKey: 'dna.nav.matches', icon: 'check_circle', path: '/dna/matches', scope: 'dna', can: ['read', 'KinshipMatch'] },
  { labelKey: 'dna.nav.samples', icon: 'inbox', path: '/dna/samples', scope: 'dna', can: ['read', 'DnaSample'] },
  { labelKey: 'dna.nav.import', icon: 'add', path: '/dna/import', scope: 'dna', can: ['create', 'DnaProfile'] },
  { labelKey: 'dna.nav.tables', icon: 'info', path: '/dna/frequency-tables', scope: 'dna', can: ['read', 'FrequencyTable'] },
  { labelKey: 'dna.nav.calculator', icon: 'key', path: '/dna/calculator', scope: 'dna', can: ['create', 'KinshipCalculation'] },
  { labelKey: 'reports.nav', icon: 'picture_as_pdf', path: '/reports', scope: 'reports', can: ['create', 'Report'] },
  { labelKey: 'admin.nav.users', icon: 'people', path: '/admin/users', scope: 'admin', can: ['read', 'User'], where: someoneInMyJurisdiction },
  { labelKey: 'admin.nav.organisations', icon: 'business', path: '/admin/organisations', scope: 'admin', can: ['create', 'Organisation'] },
  { labelKey: 'admin.nav.jurisdictions', icon: 'account_tree', path: '/admin/jurisdictions', scope: 'admin', can: ['create', 'Jurisdiction'] },
  { labelKey: 'admin.nav.audit', icon: 'history', path: '/admin/audit', scope: 'admin', can: ['read', 'AuditEvent'] },
];

/** The Transloco scopes the sidenav needs for its labels. */
export const NAVIGATION_SCOPES = [...new Set(NAVIGATION.map((entry) => entry.scope))];

/** The entries this user may open, in order. */
export function visibleNavigation(entries: readonly NavigationEntry[], allows: (check: AccessCheck) => boolean): NavigationEntry[] {
  return entries.filter((entry) => !entry.can || allows({ can: entry.can, where: entry.where }));
}
