import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import type { Role } from '../../src/access/permissions';
import { ROUTE_POLICY } from '../../src/access/authorize.decorator';
import { API_PREFIX } from '../../src/app';
import { FEATURE_MATRICES } from '../matrix';
import { EVERYONE, expected, type RouteCase, type Who } from '../matrix/route-matrix';
import { createTestApp, ROLE_USERS, type TestApp } from '../test-app';

interface DiscoveredRoute {
  route: string;
  hasPolicy: boolean;
}

const UNPREFIXED = new Set(['/health/live', '/health/ready']);

/** Every route Nest registered, with whether it carries an authorisation decision. */
function discoverRoutes(t: TestApp): DiscoveredRoute[] {
  const discovery = new DiscoveryService(t.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const routes: DiscoveredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const controllerPaths = [Reflect.getMetadata(PATH_METADATA, metatype) ?? ''].flat() as string[];
    const prototype = Object.getPrototypeOf(instance);
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      const methodPaths = Reflect.getMetadata(PATH_METADATA, handler);
      if (methodPaths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const hasPolicy = !!(Reflect.getMetadata(ROUTE_POLICY, handler) ?? Reflect.getMetadata(ROUTE_POLICY, metatype));
      for (const controllerPath of controllerPaths) {
        for (const methodPath of [methodPaths].flat() as string[]) {
          const bare = `/${[controllerPath, methodPath].map((p) => p.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`;
          const path = UNPREFIXED.has(bare) ? bare : `/${API_PREFIX}${bare === '/' ? '' : bare}`;
          routes.push({ route: `${method} ${path}`, hasPolicy });
        }
      }
    }
  }
  return routes;
}

describe('role × route matrix', () => {
  let t: TestApp;
  let cases: RouteCase[];
  let auth: Record<Role, string>;

  beforeAll(async () => {
    t = await createTestApp();
    auth = Object.fromEntries(
      await Promise.all(Object.entries(ROLE_USERS).map(async ([role, username]) => [role, await t.bearer(username)])),
    ) as Record<Role, string>;
    const userId = async (username: string) =>
      (await t.dataSource.query('SELECT id FROM users WHERE username = $1', [username]))[0].id as string;
    cases = [];
    for (const matrix of FEATURE_MATRICES) cases.push(...(await matrix({ t, auth, userId })));
  }, 120_000);
  afterAll(() => t.close());

  it('finds an authorisation decision on every route', () => {
    const undecided = discoverRoutes(t).filter((r) => !r.hasPolicy).map((r) => r.route);
    expect(undecided).toEqual([]);
  });

  it('has at least one case for every route, and no case for a route that does not exist', () => {
    const discovered = new Set(discoverRoutes(t).map((r) => r.route));
    const covered = new Set(cases.map((c) => c.route));
    expect([...discovered].filter((r) => !covered.has(r)).sort()).toEqual([]);
    expect([...covered].filter((r) => !discovered.has(r)).sort()).toEqual([]);
  });

  it('gives every caller the expected status on every route', async () => {
    const mismatches: string[] = [];
    for (const c of cases) {
      for (const who of EVERYONE) {
        const [method, template] = c.route.split(' ');
        const path = typeof c.path === 'function' ? c.path(who) : c.path;
        const body = typeof c.body === 'function' ? (c.body as (w: Who) => unknown)(who) : c.body;
        let req = t.http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
        if (who !== 'anonymous') req = req.set('Authorization', auth[who]);
        const res = body === undefined ? await req : await req.send(body as object);
        const want = expected(c.expect, who);
        if (res.status !== want) {
          mismatches.push(`${template} [${c.label}] as ${who}: got ${res.status}, expected ${want} — ${JSON.stringify(res.body).slice(0, 160)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000);

  it('counts the routes it covers', () => {
    // Printed for the closing note of the foundation issue.
    const routes = new Set(cases.map((c) => c.route));
    console.log(`role × route matrix: ${routes.size} routes, ${cases.length} cases, ${cases.length * EVERYONE.length} requests`);
    expect(routes.size).toBeGreaterThan(0);
  });
});
