import { parseArgs } from 'node:util';
import { createEventFactory } from './event-factory';

// `pnpm simulate --rate 200 --duration 60 [--url http://127.0.0.1:3000] [--store demo]`: posts
// realistic events to a running app in small batches every 100 ms, with a progress line.
const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    duration: { type: 'string', default: '60' },
    url: {
      type: 'string',
      default: process.env.SEGFLOW_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`,
    },
    store: { type: 'string', default: 'demo' },
    customers: { type: 'string', default: '2500' },
  },
});
const rate = Number(values.rate);
const duration = Number(values.duration);
if (!(rate > 0) || !(duration > 0)) {
  console.error('--rate and --duration must be positive numbers');
  process.exit(2);
}
const endpoint = `${values.url}/api/stores/${values.store}/events`;
const next = createEventFactory({ knownCustomers: Number(values.customers), runId: Date.now().toString(36) });
const stats = { sent: 0, accepted: 0, duplicates: 0, rejected: 0, failed: 0 };
const started = Date.now();
const tickMs = 100;
let carry = 0;
const inflight = new Set<Promise<void>>();

async function post(events: Record<string, unknown>[]): Promise<void> {
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    if (res.status !== 202) {
      stats.failed += events.length;
      return;
    }
    const body = (await res.json()) as { accepted: string[]; duplicates: string[]; rejected: unknown[] };
    stats.accepted += body.accepted.length;
    stats.duplicates += body.duplicates.length;
    stats.rejected += body.rejected.length;
  } catch {
    stats.failed += events.length;
  }
}

while (Date.now() - started < duration * 1000) {
  const tickStart = Date.now();
  carry += (rate * tickMs) / 1000;
  const count = Math.floor(carry);
  carry -= count;
  if (count > 0) {
    const events = Array.from({ length: count }, next);
    stats.sent += count;
    const p = post(events).finally(() => inflight.delete(p));
    inflight.add(p);
  }
  const elapsed = (Date.now() - started) / 1000;
  process.stdout.write(
    `\rsimulate ${elapsed.toFixed(0)}/${duration}s: sent ${stats.sent} (${Math.round(stats.sent / Math.max(elapsed, 0.1))}/s), accepted ${stats.accepted}, rejected ${stats.rejected}, failed ${stats.failed}   `,
  );
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, tickMs - (Date.now() - tickStart))));
}
await Promise.all(inflight);
process.stdout.write('\n');
console.log(JSON.stringify({ endpoint, rate, duration, ...stats }));
process.exit(stats.failed > 0 ? 1 : 0);
