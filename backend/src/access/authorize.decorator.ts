import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Action, Subject } from './permissions';

/** The authorisation decision of a route. Every route must have one; the global guard denies the rest. */
export type RoutePolicy =
  | { kind: 'public' }
  | { kind: 'signed-in'; allowPendingPasswordChange: boolean; allowPendingMfa?: false }
  | { kind: 'ability'; checks: [Action, Subject][] };

export const ROUTE_POLICY = 'homeward:route-policy';

/** Open to anyone, without an account (the citizen's sighting form, sign-in, health checks). */
export const Public = () => SetMetadata(ROUTE_POLICY, { kind: 'public' } satisfies RoutePolicy);

/**
 * Any signed-in user, for routes about the user themself (GET /me, changing one's password).
 * `allowPendingPasswordChange` keeps the route open to a user who must first change a reset password.
 */
export const SignedIn = (options: { allowPendingPasswordChange?: boolean } = {}) =>
  applyDecorators(
    SetMetadata(ROUTE_POLICY, {
      kind: 'signed-in',
      allowPendingPasswordChange: options.allowPendingPasswordChange ?? false,
    } satisfies RoutePolicy),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in, or the session has ended' }),
  );

/**
 * The role must be able to do `action` on `subject` at all (else 403). Whether it may on a given
 * record is decided by the service with the same abilities (else 404, as for a missing record).
 */
export const Authorize = (action: Action, subject: Subject, ...more: [Action, Subject][]) =>
  applyDecorators(
    SetMetadata(ROUTE_POLICY, { kind: 'ability', checks: [[action, subject], ...more] } satisfies RoutePolicy),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in, or the session has ended' }),
    ApiForbiddenResponse({ description: `The role may not ${action} ${subject}` }),
  );
