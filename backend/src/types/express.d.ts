import type { AccessContext } from '../access/actor';

declare global {
  namespace Express {
    interface Request {
      /** Set by requestIdMiddleware; echoed in X-Request-Id and in problem details. */
      requestId?: string;
      /** Set by AccessGuard on signed-in routes. */
      access?: AccessContext;
    }
  }
}

export {};
