import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AccessContext, SystemContext } from './actor';

/** The caller of a signed-in route: actor, abilities, address and request id. */
export const Access = createParamDecorator((_data: unknown, context: ExecutionContext): AccessContext => {
  const request = context.switchToHttp().getRequest<Request>();
  if (!request.access) throw new Error('@Access() used on a route without a signed-in policy');
  return request.access;
});

/** Address and request id of a public route's caller. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): SystemContext => {
  const request = context.switchToHttp().getRequest<Request>();
  return { actor: null, ip: request.ip ?? null, requestId: request.requestId ?? null };
});
