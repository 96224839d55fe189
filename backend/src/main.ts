import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createApp } from './app';
import { ConfigurationError, loadConfig, type AppConfig } from './config/app-config';
import { startEmbeddedPostgres, type RunningEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoData } from './database/seed/demo-seed';

const logger = new Logger('Homeward');

function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(`\n${error.message}\n\nFix these environment variables and start again.\n`);
      process.exit(78);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfigOrExit();
  if (config.generatedSecrets.length) {
    logger.warn('='.repeat(78));
    logger.warn(`DEMO SECRETS IN USE: ${config.generatedSecrets.join(', ')} not set; generated values are kept in`);
    logger.warn(`${join(config.dataDir, 'demo-secrets.json')}. Never run real cases like this: set them in the environment.`);
    logger.warn('='.repeat(78));
  }

  let embedded: RunningEmbeddedPostgres | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(join(config.dataDir, 'postgres'));
    await embedded.createDatabase('homeward');
    databaseUrl = embedded.url('homeward');
    logger.log(`Embedded PostgreSQL running, data in ${join(config.dataDir, 'postgres')}`);
  }

  const app = await createApp(config, { databaseUrl });
  const dataSource = app.get<DataSource>(getDataSourceToken());
  await runMigrations(dataSource);
  // Demo data goes into the embedded database on its first start, into an external one only on request.
  const wantDemo = config.demoData ?? embedded !== null;
  const seeded = wantDemo ? await seedDemoData(dataSource) : false;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    await app.close().catch((e) => logger.error(e));
    await embedded?.stop().catch((e) => logger.error(e));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  await app.listen(config.port, config.host);
  const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const lines = [
    '',
    `Homeward is ready at ${address}  (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`,
    `  API ${address}/api/v1   OpenAPI ${address}/api/docs`,
    `  Database: ${embedded ? `embedded PostgreSQL in ${join(config.dataDir, 'postgres')}` : 'DATABASE_URL'}`,
  ];
  if (wantDemo) {
    lines.push(
      `  DEMO accounts${seeded ? ' (just created)' : ''}, password "${DEMO_PASSWORD}" for all, second factor not enforced for these demo users only:`,
      ...DEMO_ACCOUNTS.map((a) => `    ${a.username.padEnd(16)} ${a.description}`),
    );
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((error) => {
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
