// For the TypeORM CLI: `npx typeorm -d dist/backend/database/data-source.js migration:run|revert|show`.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

if (!process.env['DATABASE_URL']) {
  throw new Error('DATABASE_URL: set it to the PostgreSQL server whose schema you want to change');
}

export default new DataSource({ ...dataSourceOptions(process.env['DATABASE_URL']), entities: [] });
