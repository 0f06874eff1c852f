#!/usr/bin/env node
// `pnpm bench [suite …] [-- suite options]`: runs every benchmark suite (or the ones named). Each
// prints JSON lines {"metric","value","unit",…} and writes them to bench/results/<suite>.json.
// Options after `--` go to the suites (e.g. `pnpm bench segments -- --customers 100000 --runs 2`).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pnpm, root } from './lib/pnpm.mjs';

/** suite → [package, script file inside it]. */
const suites = {
  engine: ['@segflow/engine', 'packages/engine', 'bench/engine-bench.ts'],
  pipeline: ['@segflow/api', 'apps/api', 'bench/pipeline-bench.ts'],
  backfill: ['@segflow/api', 'apps/api', 'bench/backfill-bench.ts'],
  segments: ['@segflow/api', 'apps/api', 'bench/segments-bench.ts'],
  canvas: ['@segflow/e2e', 'e2e', 'bench/canvas-bench.mjs'],
};

const args = process.argv.slice(2);
const split = args.indexOf('--');
const wanted = split >= 0 ? args.slice(0, split) : args;
const options = split >= 0 ? args.slice(split + 1) : [];
const unknown = wanted.filter((name) => !(name in suites));
if (unknown.length > 0) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
let failed = 0;
for (const name of wanted.length > 0 ? wanted : Object.keys(suites)) {
  const [pkg, dir, file] = suites[name];
  if (!existsSync(join(root, dir, file))) {
    console.error(`# ${name}: ${dir}/${file} does not exist yet, skipped`);
    continue;
  }
  console.error(`# ${name}`);
  const runner = file.endsWith('.mjs') ? 'node' : 'tsx';
  const code = await pnpm(['--filter', pkg, 'exec', runner, file, ...options], {
    env: { ...process.env, BENCH_RESULTS_DIR: join(root, 'bench/results') },
  });
  if (code !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
