import { createReadStream, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { migrateDatabase } from '../db/migrate';
import { createPool } from '../db/pool';
import { importStream } from './import-stream';

// `pnpm run import <file> [--store demo] [--kind customers|orders]`: CSV (.csv) or NDJSON (.ndjson/.jsonl)
// into DATABASE_URL, line by line, with a progress line and the rejected lines at the end (exit 0:
// rejected lines are part of the report). pnpm has a built-in `import`: run it as `pnpm run import`.
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { store: { type: 'string', default: 'demo' }, kind: { type: 'string' } },
});
const file = positionals[0];
if (!file || !existsSync(file)) {
  console.error('usage: pnpm import <file.csv|file.ndjson> [--store demo] [--kind customers|orders]');
  process.exit(2);
}
const kind = (values.kind ?? (/order/i.test(file) ? 'orders' : 'customers')) as 'customers' | 'orders';
if (kind !== 'customers' && kind !== 'orders') {
  console.error('--kind must be customers or orders');
  process.exit(2);
}
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set (start the app once with `npm start`, or point it at a Postgres).');
  process.exit(2);
}
const pool = createPool({ connectionString: url, max: 2 });
await migrateDatabase(pool);
const storeId = values.store ?? 'demo';
const exists = await pool.query('SELECT 1 FROM stores WHERE id = $1', [storeId]);
if (exists.rowCount === 0) {
  console.error(`store ${storeId} does not exist`);
  process.exit(2);
}
const started = Date.now();
const report = await importStream(pool, storeId, createReadStream(file), {
  format: /\.csv$/i.test(file) ? 'csv' : 'ndjson',
  kind,
  progressEvery: 500,
  onProgress: (r) => {
    const rate = Math.round(r.lines / Math.max(0.001, (Date.now() - started) / 1000));
    process.stdout.write(
      `\rimport ${kind}: ${r.lines} lines, ${r.imported} imported, ${r.rejectedCount} rejected (${rate}/s)`,
    );
  },
});
process.stdout.write('\n');
for (const r of report.rejected) console.log(`line ${r.line}: ${r.reason}`);
console.log(
  JSON.stringify({
    store: storeId,
    kind,
    lines: report.lines,
    imported: report.imported,
    rejected: report.rejectedCount,
  }),
);
await pool.end();
process.exit(0);
