import type { Role } from '../../src/access/permissions';
import type { TestApp } from '../test-app';

/** Who makes a request in the matrix: each role's demo user, or nobody signed in. */
export type Who = 'anonymous' | Role;
export const EVERYONE: Who[] = ['anonymous', 'admin', 'supervisor', 'officer', 'lab_technician', 'ngo_caseworker'];

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The status each caller gets; `others` covers every signed-in role not named. */
export type Expectation = Partial<Record<Who, number>> & { others?: number };

/** One request to make as every caller, and what each must get. */
export interface RouteCase {
  /** The route as Nest declares it, e.g. 'GET /api/v1/users/:id' — ties the case to a discovered route. */
  route: `${Method} /${string}`;
  /** What the case shows, e.g. 'a Taihe user (in the supervisor's scope)'. */
  label: string;
  /** The concrete path; may differ per caller (e.g. a fresh record for each). */
  path: string | ((who: Who) => string);
  body?: unknown | ((who: Who) => unknown);
  expect: Expectation;
}

export interface MatrixContext {
  t: TestApp;
  /** Authorization header values per signed-in role (demo users). */
  auth: Record<Role, string>;
  /** The id of a demo user by username. */
  userId: (username: string) => Promise<string>;
}

/**
 * A feature's part of the matrix: creates the records it needs (in and out of the callers' scopes)
 * and returns the cases. Requests run in order, once per caller in EVERYONE.
 */
export type FeatureMatrix = (ctx: MatrixContext) => Promise<RouteCase[]>;

export function expected(expectation: Expectation, who: Who): number {
  const status = expectation[who] ?? (who === 'anonymous' ? 401 : expectation.others);
  if (status === undefined) throw new Error(`no expectation for ${who}`);
  return status;
}
