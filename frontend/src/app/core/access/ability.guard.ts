import { inject } from '@angular/core';
import type { CanMatchFn } from '@angular/router';
import { AbilityService } from './ability.service';
import type { AccessCheck } from './permissions';

/**
 * `canMatch: [abilityGuard], data: { can: ['read', 'AuditEvent'] }` (optionally `where`). A route
 * the user may not open does not match, so the router falls through to the not-found page: a deep
 * link never shows a blank page and never reveals whether the record exists.
 */
export const abilityGuard: CanMatchFn = (route) => {
  const check = route.data as AccessCheck | undefined;
  if (!check?.can) return true;
  return inject(AbilityService).allows(check);
};
