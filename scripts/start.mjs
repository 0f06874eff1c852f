#!/usr/bin/env node
// `npm start`: install (pinned pnpm, frozen lockfile), build the web app if it changed, then hand over to
// the API's local launcher, which picks Postgres (DATABASE_URL or embedded), migrates, seeds the demo
// store on first run and serves web + API on one port.
import { installDependencies, pnpm } from './lib/pnpm.mjs';
import { buildWebIfChanged } from './lib/web-build.mjs';

await installDependencies();
if ((await buildWebIfChanged()) !== 0) process.exit(1);

// The launcher handles SIGINT/SIGTERM itself (it stops HTTP, the worker and embedded Postgres);
// this process only waits for it and passes its exit code on.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {});
process.exit(await pnpm(['--filter', '@segflow/api', 'exec', 'tsx', 'src/local/start-local.ts']));
