// Playwright's web server: a fresh database `segflow_e2e` on DATABASE_URL's server, then the app's local
// launcher (migrate, seed the demo store, serve web + API + worker) on E2E_PORT.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = process.env.E2E_DATABASE ?? 'segflow_e2e';

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${database}`);
await admin.end();

const url = new URL(serverUrl);
url.pathname = `/${database}`;
const apiDir = fileURLToPath(new URL('../../apps/api', import.meta.url));
const tsx = fileURLToPath(new URL('../../apps/api/node_modules/.bin/tsx', import.meta.url));
const child = spawn(tsx, ['src/local/start-local.ts'], {
  cwd: apiDir,
  stdio: 'inherit',
  env: {
    ...process.env,
    DATABASE_URL: url.toString(),
    PORT: process.env.E2E_PORT ?? '3517',
    HOST: '127.0.0.1',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
