import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../testing/test-app';
import { closeTestPool, createTestStore, getTestPool } from '../testing/test-database';
import { splitCsvLine } from './csv-line';
import { importStream } from './import-stream';

let app: FastifyInstance;
let storeId: string;

beforeAll(async () => {
  app = await buildTestApp();
  storeId = await createTestStore();
});
afterAll(async () => {
  await app.close();
  await closeTestPool();
});

const upload = (body: string, type: string, kind = 'customers') =>
  app.inject({
    method: 'POST',
    url: `/api/stores/${storeId}/customers/import?kind=${kind}`,
    headers: { 'content-type': type },
    payload: body,
  });

const customersCsv = [
  'external_id,email,first_name,last_name,state,country,accepts_marketing,tags,attr.income,created_at',
  'im-1,ana@example.com,Ana,"Diaz, Jr.",tx,us,yes,vip;texas,75-100k,2025-01-03T09:00:00Z',
  'im-2,bo@example.com,Bo,Li,CA,US,no,,,',
  ',nobody@example.com,No,Id,,,,,,',
  'im-3,broken,"unterminated,,,,,,,,',
  'im-4,x@example.com,X,Y,,,,,,not-a-date',
  'im-5,too,few',
].join('\n');

describe('POST /customers/import', () => {
  it('imports CSV customers line by line and reports each rejected line with its number and reason', async () => {
    const res = await upload(customersCsv, 'text/csv');
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ lines: 6, imported: 2, rejectedCount: 4 });
    expect(report.rejected.map((r: { line: number }) => r.line)).toEqual([4, 5, 6, 7]);
    expect(report.rejected[0].reason).toMatch(/^externalId/);
    expect(report.rejected[1].reason).toBe('unterminated quoted field');
    expect(report.rejected[2].reason).toMatch(/^createdAt/);
    expect(report.rejected[3].reason).toBe('expected 10 fields, found 3');
    const ana = (await app.inject({ url: `/api/stores/${storeId}/customers/im-1` })).json();
    expect(ana).toMatchObject({
      lastName: 'Diaz, Jr.',
      state: 'TX',
      country: 'US',
      acceptsMarketing: true,
      tags: ['vip', 'texas'],
      attributes: { income: '75-100k' },
    });
  });

  it('imports NDJSON orders for known customers (stats and coupon redemption included), rejecting the rest whole', async () => {
    await getTestPool().query(
      `INSERT INTO coupons (store_id, code, percent_off, expires_at) VALUES ($1, 'WELCOME-1', 10, now() + interval '1 day')`,
      [storeId],
    );
    const lines = [
      {
        externalId: 'o-1',
        customerExternalId: 'im-1',
        total: 12000,
        createdAt: '2026-01-01T00:00:00Z',
        couponCode: 'welcome-1',
        items: [{ sku: 'A', quantity: 1, unitPrice: 12000 }],
      },
      {
        externalId: 'o-2',
        customerExternalId: 'im-1',
        total: 3000,
        createdAt: '2026-02-01T00:00:00Z',
        items: [],
      },
      {
        externalId: 'o-3',
        customerExternalId: 'ghost',
        total: 1,
        createdAt: '2026-02-01T00:00:00Z',
        items: [],
      },
      {
        externalId: 'o-4',
        customerExternalId: 'im-2',
        total: -5,
        createdAt: '2026-02-01T00:00:00Z',
        items: [],
      },
      {
        externalId: 'o-5',
        customerExternalId: 'im-2',
        total: 100,
        createdAt: '2026-02-01T00:00:00Z',
        items: [{ sku: 'B', quantity: 'two', unitPrice: 1 }],
      },
    ].map((l) => JSON.stringify(l));
    const res = await upload([...lines, '{not json', '[1]'].join('\n'), 'application/x-ndjson', 'orders');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ lines: 7, imported: 2, rejectedCount: 5 });
    expect(res.json().rejected).toEqual([
      { line: 3, reason: 'unknown customer "ghost" (import customers first)' },
      { line: 4, reason: expect.stringMatching(/^total/) },
      { line: 5, reason: expect.stringMatching(/^items\.0\.quantity/) },
      { line: 6, reason: 'not valid JSON' },
      { line: 7, reason: 'expected a JSON object' },
    ]);
    const ana = (await app.inject({ url: `/api/stores/${storeId}/customers/im-1` })).json();
    expect(ana.stats).toMatchObject({ lifetimeSpend: 15000, orderCount: 2 });
    const orphan = await getTestPool().query(
      `SELECT count(*)::int AS n FROM orders WHERE store_id = $1 AND external_id IN ('o-4', 'o-5')`,
      [storeId],
    );
    expect(orphan.rows[0].n).toBe(0);
    const coupon = await getTestPool().query(`SELECT redeemed_order_id FROM coupons WHERE store_id = $1`, [
      storeId,
    ]);
    expect(coupon.rows[0].redeemed_order_id).toBe('o-1');
    // Importing the same orders again counts nothing twice.
    await upload(lines.slice(0, 2).join('\n'), 'application/x-ndjson', 'orders');
    expect((await app.inject({ url: `/api/stores/${storeId}/customers/im-1` })).json().stats.orderCount).toBe(
      2,
    );
  });

  it('updates only the keys a line carries, in bulk or line by line (duplicates in one upload)', async () => {
    const lines = [
      { externalId: 'im-2', firstName: 'Bob' },
      { externalId: 'dup', email: 'd@example.com', tags: ['a'] },
      { externalId: 'dup', firstName: 'Dee', attributes: { k: 1 } },
    ].map((l) => JSON.stringify(l));
    const res = await upload(lines.slice(0, 1).join('\n'), 'application/x-ndjson');
    expect(res.json()).toMatchObject({ imported: 1, rejectedCount: 0 });
    const bo = (await app.inject({ url: `/api/stores/${storeId}/customers/im-2` })).json();
    expect(bo).toMatchObject({ firstName: 'Bob', lastName: 'Li', email: 'bo@example.com', state: 'CA' });
    expect((await upload(lines.slice(1).join('\n'), 'application/x-ndjson')).json()).toMatchObject({
      imported: 2,
    });
    const dup = (await app.inject({ url: `/api/stores/${storeId}/customers/dup` })).json();
    expect(dup).toMatchObject({
      email: 'd@example.com',
      firstName: 'Dee',
      tags: ['a'],
      attributes: { k: 1 },
    });
  });

  it('answers 415 for other content types and 400 for a bad kind, never a 500', async () => {
    expect((await upload('a', 'text/plain')).statusCode).toBe(415);
    expect((await upload('a', 'text/csv', 'widgets')).statusCode).toBe(400);
  });

  it('streams large files with progress callbacks', async () => {
    const rows = Array.from({ length: 1_200 }, (_, i) =>
      JSON.stringify({ externalId: `bulk-${i}`, email: `b${i}@example.com` }),
    );
    const seen: number[] = [];
    const report = await importStream(getTestPool(), storeId, Readable.from([rows.join('\n')]), {
      format: 'ndjson',
      kind: 'customers',
      progressEvery: 500,
      onProgress: (r) => seen.push(r.lines),
    });
    expect(report).toMatchObject({ lines: 1_200, imported: 1_200, rejectedCount: 0 });
    expect(seen).toEqual([500, 1_000, 1_200]);
  }, 90_000);
});

describe('splitCsvLine', () => {
  it('handles quotes, escaped quotes and empty fields', () => {
    expect(splitCsvLine('a,"b, c","d ""e""",,f')).toEqual(['a', 'b, c', 'd "e"', '', 'f']);
    expect(splitCsvLine('"open')).toBeNull();
  });
});
