import { parseArgs } from 'node:util';
import { migrateDatabase } from '../db/migrate';
import { createPool } from '../db/pool';
import { seedStore } from './seed-store';

// `pnpm seed --customers N [--orders-per-customer A] [--store NAME]`: seeds a (bigger) store into
// DATABASE_URL with COPY batches. A: average orders per customer (default about 2.5).
const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '2000' },
    'orders-per-customer': { type: 'string' },
    store: { type: 'string', default: 'demo' },
  },
});
const ordersPerCustomer = values['orders-per-customer'] ? Number(values['orders-per-customer']) : undefined;
if (ordersPerCustomer !== undefined && !(ordersPerCustomer > 0 && ordersPerCustomer <= 100)) {
  console.error('--orders-per-customer must be a number above 0 and at most 100');
  process.exit(2);
}
const customers = Number(values.customers);
if (!Number.isInteger(customers) || customers < 1) {
  console.error('--customers must be a positive integer');
  process.exit(2);
}
const name = values.store ?? 'demo';
const storeId =
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'demo';
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set (start the app once with `npm start`, or point it at a Postgres).');
  process.exit(2);
}
const pool = createPool({ connectionString: url, max: 2 });
const started = Date.now();
await migrateDatabase(pool);
const summary = await seedStore(pool, {
  storeId,
  name: storeId === 'demo' ? 'Demo Store' : name,
  customers,
  ...(ordersPerCustomer ? { ordersPerCustomer } : {}),
  batchSize: 10_000,
  onProgress: (done, total) => {
    const rate = Math.round(done / ((Date.now() - started) / 1000));
    process.stdout.write(
      `\rseed ${storeId}: ${done}/${total} customers (${Math.round((done / total) * 100)}%, ${rate}/s)`,
    );
  },
});
process.stdout.write('\n');
console.log(JSON.stringify({ store: storeId, ...summary, seconds: (Date.now() - started) / 1000 }));
await pool.end();
