#!/usr/bin/env node
// `npm test`: install, typecheck, lint, unit + integration tests (real Postgres), then the Playwright
// journeys in Chromium. Ends with one plain line `N passed, N failed` (typecheck and lint count as one
// check each).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './lib/chromium.mjs';
import { installDependencies, pnpm, root } from './lib/pnpm.mjs';
import { startTestPostgres } from './lib/test-postgres.mjs';
import { buildWebIfChanged } from './lib/web-build.mjs';

const totals = { passed: 0, failed: 0 };
const reports = join(root, 'test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

async function check(name, args) {
  console.log(`\n▶ ${name}`);
  const ok = (await pnpm(args)) === 0;
  totals[ok ? 'passed' : 'failed'] += 1;
  if (!ok) console.log(`✗ ${name} failed`);
}

async function vitest(env) {
  console.log('\n▶ unit and integration tests (vitest)');
  const out = join(reports, 'vitest.json');
  const code = await pnpm(
    ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    { env },
  );
  const report = readJson(out);
  totals.passed += report?.numPassedTests ?? 0;
  totals.failed += report?.numFailedTests ?? 0;
  if (code !== 0 && !report?.numFailedTests) totals.failed += 1; // a crash or a failed suite with no failed test
}

async function playwright(env) {
  console.log('\n▶ end-to-end journeys (Playwright, Chromium)');
  if ((await buildWebIfChanged()) !== 0) {
    totals.failed += 1;
    return;
  }
  const out = join(reports, 'playwright.json');
  const code = await pnpm(
    ['--filter', '@segflow/e2e', 'exec', 'playwright', 'test', '--reporter=list,json'],
    {
      env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
    },
  );
  const stats = readJson(out)?.stats;
  totals.passed += (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  totals.failed += stats?.unexpected ?? 0;
  if (code !== 0 && !stats?.unexpected) totals.failed += 1;
}

await installDependencies();
await ensureChromium();
let database = process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, stop: async () => {} } : null;
if (!database) {
  console.log('DATABASE_URL is not set: starting an embedded Postgres for the tests.');
  database = await startTestPostgres();
}
const env = { ...process.env, DATABASE_URL: database.url, CHROMIUM_PATH: '/usr/bin/chromium' };
try {
  await check('typecheck', ['-r', '--workspace-concurrency=1', 'typecheck']);
  await check('lint', ['exec', 'biome', 'check', '.']);
  await vitest(env);
  if (existsSync(join(root, 'e2e/playwright.config.ts'))) await playwright(env);
} finally {
  await database.stop();
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
