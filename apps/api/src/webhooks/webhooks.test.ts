import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
import { checkWebhookUrl, isPrivateAddress } from './ssrf-guard';

let db: Awaited<ReturnType<typeof isolatedDatabase>>;
let worker: { stop(): Promise<void> };
let app: FastifyInstance;
let receiver: Server;
let base: string;
const received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
const hits = new Map<string, number>();

beforeAll(async () => {
  db = await isolatedDatabase('hooks');
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const n = (hits.get(path) ?? 0) + 1;
      hits.set(path, n);
      received.push({ path, headers: req.headers, body });
      if (path === '/flaky' && n === 1) return res.writeHead(503).end();
      if (path === '/gone') return res.writeHead(410).end();
      if (path === '/slow') return void setTimeout(() => res.writeHead(200).end(), 3_000);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  await db.pool.query(
    `INSERT INTO stores (id, name, settings) VALUES ('hooks', 'Hooks', '{"allowPrivateWebhookTargets": true}'), ('strict', 'Strict', '{}')`,
  );
  forgetStoreSettings();
  worker = await startConfiguredWorker(db.pool, testDeliveryConfig());
  app = await buildApp({ pool: db.pool });
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await app?.close();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
  await db?.drop();
});

const hookGraph = (path: string) =>
  linearGraph('trigger.order_created', [
    {
      type: 'action.http_request',
      config: {
        url: `${base}${path}`,
        body: {
          email: '{{ customer.email }}',
          total: '{{ order.total }}',
          text: 'Total: {{ order.total | money }}',
          fixed: [1, true],
        },
      },
    },
  ]);

async function deliveries(storeId: string, status: string) {
  const res = await app.inject({ url: `/api/stores/${storeId}/webhook-deliveries?status=${status}` });
  return res.json().items as {
    url: string;
    attempts: number;
    lastError: string | null;
    responseStatus: number | null;
  }[];
}

describe('action.http_request over a real HTTP receiver', () => {
  it('POSTs the templated JSON body signed per Standard Webhooks with the store secret', async () => {
    await publishWorkflow(app, 'hooks', hookGraph('/ok'));
    await app.inject({ method: 'POST', url: '/api/stores/hooks/events', payload: orderEvent('wh-1', 4200) });
    const hit = await waitFor(async () => received.find((r) => r.path === '/ok'));
    expect(JSON.parse(hit.body)).toEqual({
      email: 'wh-1@example.com',
      total: 4200,
      text: 'Total: 42.00',
      fixed: [1, true],
    });
    const { rows } = await db.pool.query(
      `SELECT settings->>'webhookSecret' AS secret FROM stores WHERE id = 'hooks'`,
    );
    const key = Buffer.from(String(rows[0].secret).replace(/^whsec_/, ''), 'base64');
    const id = String(hit.headers['webhook-id']);
    const ts = String(hit.headers['webhook-timestamp']);
    const expected = createHmac('sha256', key).update(`${id}.${ts}.${hit.body}`).digest('base64');
    expect(hit.headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(id).toMatch(/^msg_/);
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
    await waitFor(async () => ((await deliveries('hooks', 'sent')).length === 1 ? true : undefined));
  });

  it('retries a 5xx with backoff (same webhook-id), dead-letters a 410 at once and a timeout after the last try', async () => {
    await publishWorkflow(app, 'hooks', hookGraph('/flaky'));
    await publishWorkflow(app, 'hooks', hookGraph('/gone'));
    await publishWorkflow(app, 'hooks', hookGraph('/slow'));
    await app.inject({ method: 'POST', url: '/api/stores/hooks/events', payload: orderEvent('wh-2', 1) });
    const dead = await waitFor(async () => {
      const list = await deliveries('hooks', 'dead');
      return list.length === 2 ? list : undefined;
    }, 30_000);
    const byPath = Object.fromEntries(dead.map((d) => [new URL(d.url).pathname, d]));
    expect(byPath['/gone']).toMatchObject({ attempts: 1, responseStatus: 410, lastError: 'HTTP 410' });
    expect(byPath['/slow']).toMatchObject({ attempts: 3, lastError: 'timed out after 1000 ms' });
    const flaky = received.filter((r) => r.path === '/flaky');
    expect(flaky).toHaveLength(2);
    expect(flaky[0]!.headers['webhook-id']).toBe(flaky[1]!.headers['webhook-id']);
  });

  it('refuses private and loopback targets unless the store allows them, with a clear recorded reason', async () => {
    await publishWorkflow(app, 'strict', hookGraph('/ok'));
    await app.inject({ method: 'POST', url: '/api/stores/strict/events', payload: orderEvent('wh-3', 1) });
    const [row] = await waitFor(async () => {
      const rows = await ledgerOf(db.pool, 'strict', 'wh-3');
      return rows.length === 1 ? rows : undefined;
    });
    expect(row).toMatchObject({
      status: 'failed',
      result: {
        reason: expect.stringMatching(/^refused: 127\.0\.0\.1 resolves to the private address 127\.0\.0\.1/),
      },
    });
    expect(await deliveries('strict', 'pending')).toEqual([]);
  });
});

describe('the SSRF guard', () => {
  it('classifies addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      '::ffff:10.0.0.1',
      '0.0.0.0',
      '100.64.0.1',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700::1111', '172.32.0.1'])
      expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses bad URLs, other schemes, credentials and private hosts with reasons', async () => {
    expect(await checkWebhookUrl('not a url', false)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^invalid URL/),
    });
    expect(await checkWebhookUrl('ftp://example.com/x', false)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/only http/),
    });
    expect(await checkWebhookUrl('http://u:p@example.com/', false)).toMatchObject({ ok: false });
    expect(await checkWebhookUrl('http://[::1]:80/', false)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/private address ::1/),
    });
    expect(await checkWebhookUrl('http://localhost/', false)).toMatchObject({ ok: false });
    expect(await checkWebhookUrl('http://10.0.0.1/', true)).toMatchObject({ ok: true });
  });
});
