import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Role } from '../src/access/permissions';
import { configureApp } from '../src/app';
import { AppModule } from '../src/app.module';
import { Clock, FakeClock } from '../src/common/clock';
import { loadConfig } from '../src/config/app-config';
import { DEMO_PASSWORD, seedDemoData } from '../src/database/seed/demo-seed';
import { createThrowawayDatabase } from './database';

/** The demo accounts that seedDemoData creates, by role, for tests. */
export const USERS = {
  admin: 'admin',
  supervisor: 'supervisor',
  officer: 'officer',
  lab: 'lab',
  ngo: 'ngo',
  pudongOfficer: 'officer.pudong',
} as const;
export const ROLE_USERS: Record<Role, string> = {
  admin: USERS.admin,
  supervisor: USERS.supervisor,
  officer: USERS.officer,
  lab_technician: USERS.lab,
  ngo_caseworker: USERS.ngo,
};
export { DEMO_PASSWORD };

export interface TestApp {
  app: NestExpressApplication;
  dataSource: DataSource;
  clock: FakeClock;
  /** supertest bound to the app; set `X-Forwarded-For` via `.set()` when a test needs distinct addresses. */
  http: () => ReturnType<typeof request>;
  /** Signs in and returns the access token (demo users need no second factor). */
  login: (username: string, password?: string) => Promise<string>;
  /** Signs in and returns the Authorization header value. */
  bearer: (username: string) => Promise<string>;
  close: () => Promise<void>;
}

export interface TestAppOptions {
  /** Seed the demo organisations and users (default true). */
  seed?: boolean;
  /** Also run the features' demo seeds (default false: tests make their own records, and counts stay theirs). */
  demoFeatures?: boolean;
  /** Extra environment for loadConfig, e.g. MFA_REQUIRED_ROLES. */
  env?: Record<string, string>;
}

/**
 * A complete API (every module, real PostgreSQL, real guards) on its own throwaway database, with a
 * clock the test can move. Each test file makes one in beforeAll and closes it in afterAll.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createThrowawayDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'integration-test-secret-not-for-production-use',
    DATA_ENCRYPTION_KEY: '0f'.repeat(32),
    HOMEWARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'homeward-test-data-')),
    TRUST_PROXY: 'loopback',
    ...options.env,
  });
  const clock = new FakeClock(new Date());
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, database.url, join(tmpdir(), 'no-dashboard-in-tests'))],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error'] });
  configureApp(app, config);
  await app.init();
  const dataSource = app.get<DataSource>(getDataSourceToken());
  if (options.seed ?? true) await seedDemoData(dataSource, { features: options.demoFeatures ?? false });

  const http = () => request(app.getHttpServer());
  let addressCounter = 0;
  const login = async (username: string, password = DEMO_PASSWORD) => {
    // A distinct address per sign-in keeps tests clear of the per-address sign-in limit.
    const response = await http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', `10.99.${Math.floor(addressCounter / 250)}.${(addressCounter++ % 250) + 1}`)
      .send({ username, password });
    if (response.status !== 200 || !response.body.accessToken) {
      throw new Error(`login(${username}) failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body.accessToken as string;
  };
  return {
    app,
    dataSource,
    clock,
    http,
    login,
    bearer: async (username) => `Bearer ${await login(username)}`,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
