import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isolatedDatabase,
  ledgerOf,
  linearGraph,
  publishWorkflow,
  startConfiguredWorker,
  testDeliveryConfig,
} from '../adapters/action-test-kit';
import { forgetStoreSettings } from '../adapters/store-settings';
import { buildApp } from '../app';
import { orderEvent } from '../testing/test-app';
import { waitFor } from '../testing/test-database';
import { startSmtpServer } from './smtp-test-server';

let db: Awaited<ReturnType<typeof isolatedDatabase>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let worker: { stop(): Promise<void> };
let app: FastifyInstance;
const storeId = 'mailstore';

beforeAll(async () => {
  db = await isolatedDatabase('smtp');
  smtp = await startSmtpServer((address, attempt) => {
    if (address.startsWith('bounce')) return 550;
    if (address.startsWith('busy')) return 451;
    if (address.startsWith('flaky') && attempt === 1) return 451;
    return null;
  });
  await db.pool.query(
    `INSERT INTO stores (id, name, settings) VALUES ($1, 'Mail Store', '{"teamEmail": "team@shop.test"}')`,
    [storeId],
  );
  forgetStoreSettings();
  worker = await startConfiguredWorker(db.pool, testDeliveryConfig({ smtpUrl: smtp.url }));
  app = await buildApp({ pool: db.pool });
  await publishWorkflow(
    app,
    storeId,
    linearGraph('trigger.order_created', [
      {
        type: 'action.send_email',
        config: {
          subject: 'Thank you, {{ customer.firstName }}',
          body: '<p>Hi {{ customer.firstName }}, your order {{ order.externalId }} of {{ order.total | money }}.</p><p>Code: {{ coupon.code }} ({{ coupon.percentOff }}% off)</p>',
          coupon: { percentOff: 30, expiresInDays: 30, prefix: 'VIP' },
        },
      },
      {
        type: 'action.notify_team',
        config: { subject: 'New order from {{ customer.email }}', body: 'Total {{ order.total | money }}' },
      },
    ]),
  );
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await app?.close();
  await smtp?.close();
  await db?.drop();
});

async function post(event: object) {
  const res = await app.inject({ method: 'POST', url: `/api/stores/${storeId}/events`, payload: event });
  expect(res.statusCode).toBe(202);
}

const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

describe('send_email over a real SMTP server', () => {
  it('renders the Liquid templates, creates the coupon and delivers once, with a working unsubscribe link', async () => {
    const event = orderEvent('mail-1', 12345);
    await post(event);
    const [mail] = await waitFor(async () =>
      mailsTo('mail-1@example.com').length > 0 ? mailsTo('mail-1@example.com') : undefined,
    );
    const { rows } = await db.pool.query(`SELECT code FROM coupons WHERE store_id = $1`, [storeId]);
    expect(rows).toHaveLength(1);
    expect(mail!.raw).toContain('Subject: Thank you, Ana');
    expect(mail!.raw).toContain(`Code: ${rows[0].code} (30% off)`);
    expect(mail!.raw).toContain(`your order ${event.order.externalId} of 123.45`);
    const email = await waitFor(async () => {
      const r = await db.pool.query(
        `SELECT status, attempts FROM emails WHERE to_address = 'mail-1@example.com'`,
      );
      return r.rows[0]?.status === 'sent' ? r.rows[0] : undefined;
    });
    expect(email.attempts).toBe(1);

    expect(mail!.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail!.raw).toMatch(/List-Unsubscribe:\s+<http:\/\/[^>]+\/api\/unsubscribe\//);
    const token = /\/api\/unsubscribe\/([\w.-]+)/.exec(mail!.raw)![1]!;
    expect((await app.inject({ url: `/api/unsubscribe/${token.slice(0, -2)}xx` })).statusCode).toBe(404);
    const res = await app.inject({ url: `/api/unsubscribe/${token}` });
    expect(res.statusCode).toBe(200);
    const oneClick = await app.inject({
      method: 'POST',
      url: `/api/unsubscribe/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(res.body).toContain('unsubscribed');
    const c = await db.pool.query(`SELECT accepts_marketing FROM customers WHERE external_id = 'mail-1'`);
    expect(c.rows[0].accepts_marketing).toBe(false);
    const audit = await db.pool.query(`SELECT action FROM audit_log WHERE store_id = $1`, [storeId]);
    expect(audit.rows).toEqual([{ action: 'customer.unsubscribed' }]);
  });

  it('skips customers who do not accept marketing, with the reason in the ledger (the team is still told)', async () => {
    const event = orderEvent('mail-1', 100); // mail-1 unsubscribed above; the event says nothing else…
    const quiet = { ...event, customer: { ...event.customer, acceptsMarketing: undefined } };
    await post(quiet);
    const ledger = await waitFor(async () => {
      const rows = await ledgerOf(db.pool, storeId, 'mail-1');
      return rows.length === 4 ? rows : undefined;
    });
    expect(ledger.find((l) => l.status === 'skipped')).toMatchObject({
      node_id: 'a1',
      result: { reason: 'the customer does not accept marketing email' },
    });
    await waitFor(async () => (mailsTo('team@shop.test').length === 2 ? true : undefined));
    expect(mailsTo('mail-1@example.com')).toHaveLength(1);
  });

  it('retries a temporary failure with backoff and delivers; dead-letters permanent failures and exhausted retries', async () => {
    await post(orderEvent('flaky', 100));
    await post(orderEvent('bounce', 100));
    await post(orderEvent('busy', 100));
    await waitFor(async () => (mailsTo('flaky@example.com').length === 1 ? true : undefined));
    const dead = await waitFor(async () => {
      const res = await app.inject({ url: `/api/stores/${storeId}/emails?status=dead` });
      const items = res.json().items as { to: string; attempts: number; lastError: string }[];
      return items.length === 2 ? items : undefined;
    });
    const byTo = Object.fromEntries(dead.map((d) => [d.to, d]));
    expect(byTo['bounce@example.com']).toMatchObject({ attempts: 1 });
    expect(byTo['busy@example.com']).toMatchObject({ attempts: 3 });
    expect(byTo['busy@example.com']!.lastError).toMatch(/451/);
    const flaky = await db.pool.query(
      `SELECT status, attempts FROM emails WHERE to_address = 'flaky@example.com'`,
    );
    expect(flaky.rows[0]).toEqual({ status: 'sent', attempts: 2 });
    expect(smtp.attempts.get('busy@example.com')).toBe(3);
  });

  it('never sends an email twice, even when its delivery job runs again', async () => {
    const { rows } = await db.pool.query(`SELECT id FROM emails WHERE to_address = 'mail-1@example.com'`);
    await db.pool.query(
      `SELECT graphile_worker.add_job('deliver_email', json_build_object('id', $1::text, 'attempt', 1))`,
      [rows[0].id],
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo('mail-1@example.com')).toHaveLength(1);
  });
});
