import type { AppAbility, Role } from './permissions';

/** The signed-in user behind a request, as loaded from the database for that request. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organisationId: string;
  organisationKind: string;
  jurisdictionId: string;
  jurisdictionCode: string;
  /** e.g. 'CN/340000/341200/341222/': the user sees this jurisdiction and everything below it. */
  jurisdictionPath: string;
  sessionId: string;
  mustChangePassword: boolean;
}

/** Who is asking, from where, and what they may do: passed from controllers to services. */
export interface AccessContext {
  actor: Actor;
  ability: AppAbility;
  ip: string | null;
  requestId: string | null;
}

/** For work done without a signed-in user (public endpoints, background jobs, sign-in itself). */
export interface SystemContext {
  actor: null;
  ip: string | null;
  requestId: string | null;
}
