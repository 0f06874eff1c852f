import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../db/migrate';
import { createPool } from '../db/pool';

const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates a fresh database for this run, migrates it, hands its URL to tests, drops it at the end. */
export default async function setup(project: TestProject) {
  const name = `segflow_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = createPool({ connectionString: adminUrl, max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabase(adminUrl, name);
  const pool = createPool({ connectionString: url, max: 2 });
  await migrateDatabase(pool);
  await pool.end();
  project.provide('testDatabaseUrl', url);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}
