import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onShutdownSignal, startServices } from '../runtime/services';
import { ensureDemoStore } from '../seed/demo-store';
import { type LocalPostgres, startEmbeddedPostgres } from './embedded-postgres';

// Local mode (`npm start`): Postgres from DATABASE_URL or embedded under <repo>/.data/pg, migrate,
// seed the demo store once, serve the built SPA + API on HOST:PORT with the worker in-process.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const log = (line: string) => console.log(`[segflow] ${line}`);
const started = Date.now();

const embedded: LocalPostgres | null = process.env.DATABASE_URL
  ? null
  : await startEmbeddedPostgres(path.join(repoRoot, '.data'), log);
const databaseUrl = embedded?.url ?? String(process.env.DATABASE_URL);
log(embedded ? 'using the embedded Postgres under .data/pg' : 'using DATABASE_URL');

try {
  const services = await startServices({
    databaseUrl,
    host: process.env.HOST || '127.0.0.1',
    port: Number(process.env.PORT || 3000),
    webRoot: path.join(repoRoot, 'apps/web/dist'),
    beforeListen: async (pool) => {
      const seeded = await ensureDemoStore(pool);
      if (seeded)
        log(
          `seeded the demo store: ${seeded.customers} customers, ${seeded.orders} orders, ${seeded.carts} abandoned carts`,
        );
    },
  });
  onShutdownSignal(async (signal) => {
    log(`${signal}: stopping HTTP, worker and database`);
    await services.close();
    await embedded?.stop();
  });
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`open ${services.url}  (no sign-in yet; API docs at ${services.url}/api/docs)`);
} catch (error) {
  console.error('[segflow] failed to start:', error);
  await embedded?.stop();
  process.exit(1);
}
