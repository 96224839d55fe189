import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/**
 * One definition of how the server talks to PostgreSQL, used by the app, the TypeORM CLI and the
 * tests. Entities are registered by each feature module (autoLoadEntities); `synchronize` is never on:
 * the schema changes only through the migrations in ./migrations.
 */
export function dataSourceOptions(url: string, replicaUrls: string[] = []): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each' as const,
    extra: { max: 20, application_name: 'homeward' },
  };
  if (replicaUrls.length === 0) return { ...common, url };
  return {
    ...common,
    replication: { master: { url }, slaves: replicaUrls.map((u) => ({ url: u })) },
  };
}
