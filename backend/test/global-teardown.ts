import { adminQuery, TEST_ADMIN_URL_ENV, TEST_TEMPLATE_ENV } from './database';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __HOMEWARD_PG__?: { stop(): Promise<void> } }).__HOMEWARD_PG__;
  if (server) {
    await server.stop();
    return;
  }
  const adminUrl = process.env[TEST_ADMIN_URL_ENV];
  if (adminUrl) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${process.env[TEST_TEMPLATE_ENV]} WITH (FORCE)`);
}
