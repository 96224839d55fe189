import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { adminQuery, TEST_ADMIN_URL_ENV, TEST_TEMPLATE_ENV, withDatabase } from './database';

/**
 * Starts a throwaway embedded PostgreSQL (or uses the server in DATABASE_URL) and migrates a template
 * database that every spec file clones. Never touches the demo database in .data/.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl: string;
  if (process.env['DATABASE_URL']) {
    adminUrl = withDatabase(process.env['DATABASE_URL'], 'postgres');
  } else {
    const server = await startEmbeddedPostgres(mkdtempSync(join(tmpdir(), 'homeward-test-pg-')));
    (globalThis as { __HOMEWARD_PG__?: unknown }).__HOMEWARD_PG__ = server;
    adminUrl = server.url('postgres');
  }
  const template = `hw_template_${process.pid}`;
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${template}`);
  await adminQuery(adminUrl, `CREATE DATABASE ${template}`);
  const dataSource = new DataSource({ ...dataSourceOptions(withDatabase(adminUrl, template)), entities: [] });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.env[TEST_ADMIN_URL_ENV] = adminUrl;
  process.env[TEST_TEMPLATE_ENV] = template;
}
