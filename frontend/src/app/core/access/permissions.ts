import type { MeDto } from '@hw/core/api/api';

/** A CASL action on a subject type, exactly as the server's rules name them: `['read', 'AuditEvent']`. */
export type Permission = readonly [action: string, subject: string];

/**
 * What a navigation entry or a route needs. `can` is checked as CASL does for a subject type
 * ("on at least one record"). `where` narrows it to a sample record built from the signed-in user,
 * for subjects that everybody may read a little of (everyone reads their own User record, but only
 * admins and supervisors may read other people's).
 */
export interface AccessCheck {
  can: Permission;
  where?: (me: MeDto) => Record<string, unknown>;
}

/** A record of another person in the signed-in user's own jurisdiction. */
export const someoneInMyJurisdiction = (me: MeDto): Record<string, unknown> => ({
  id: '',
  jurisdictionPath: me.jurisdiction.path,
});
