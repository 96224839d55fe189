import { ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { Problem } from '../common/problem';
import { AbilityFactory } from './ability.factory';
import type { Actor } from './actor';
import { ROUTE_POLICY, type RoutePolicy } from './authorize.decorator';

/**
 * The global guard: authenticates the bearer token (passport-jwt) and applies the route's policy.
 * A route without a policy is refused, so forgetting a decision fails closed.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly abilities: AbilityFactory,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) {
      throw new Problem(HttpStatus.FORBIDDEN, 'This route has no authorisation decision and is closed.', {
        code: 'NO_ROUTE_POLICY',
      });
    }
    if (policy.kind === 'public') return true;

    await super.canActivate(context);
    const request = context.switchToHttp().getRequest<Request>();
    const actor = request.user as Actor;
    const ability = this.abilities.createFor(actor);
    request.access = { actor, ability, ip: request.ip ?? null, requestId: request.requestId ?? null };

    const passwordChangeAllowed = policy.kind === 'signed-in' && policy.allowPendingPasswordChange;
    if (actor.mustChangePassword && !passwordChangeAllowed) {
      throw new Problem(HttpStatus.FORBIDDEN, 'Change your password before you continue.', {
        code: 'PASSWORD_CHANGE_REQUIRED',
      });
    }
    if (policy.kind === 'ability') {
      for (const [action, subject] of policy.checks) {
        if (!ability.can(action, subject)) {
          throw new Problem(HttpStatus.FORBIDDEN, `Your role may not ${action.replace('_', ' ')} ${subject} records.`, {
            code: 'FORBIDDEN_FOR_ROLE',
          });
        }
      }
    }
    return true;
  }

  // passport's default turns every failure into a bare 401; keep the strategy's problem when it has one.
  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) {
      throw new Problem(HttpStatus.UNAUTHORIZED, 'Sign in to continue.', { code: 'NOT_SIGNED_IN' });
    }
    return user;
  }
}
