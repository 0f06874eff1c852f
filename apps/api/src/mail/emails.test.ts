import { describe, expect, it } from 'vitest';
import { ledgerOf, linearGraph, publishWorkflow } from '../adapters/action-test-kit';
import { orderEvent } from '../testing/test-app';
import { getTestPool, waitFor } from '../testing/test-database';
import { useTestPipeline } from '../testing/test-pipeline';
import { renderEmail } from './templates';

const t = useTestPipeline();

const preview = (payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/stores/${t.storeId}/emails/preview`, payload });

describe('Liquid templates', () => {
  it('escape variables in HTML, not in the subject or the text part; unknown variables render empty', async () => {
    const out = await renderEmail(
      {
        subject: 'Hi {{ customer.firstName }}{{ nope.nothing }}',
        body: '<b>{{ customer.firstName }}</b><br>{{ x }}',
      },
      { customer: { firstName: 'A&<B>' } },
    );
    expect(out).toEqual({ subject: 'Hi A&<B>', html: '<b>A&amp;&lt;B&gt;</b><br>', text: 'A&<B>' });
  });

  it('refuse unknown filters and broken tags with the field named', async () => {
    await expect(renderEmail({ subject: '{{ x | shout }}', body: 'b' }, {})).rejects.toThrow(
      /^subject: .*shout/,
    );
    await expect(renderEmail({ subject: 's', body: '{% if x %}never closed' }, {})).rejects.toThrow(
      /^body: /,
    );
  });
});

describe('email outbox without SMTP_URL', () => {
  it('captures the rendered email (with the coupon) instead of sending it, listed at GET /emails', async () => {
    await publishWorkflow(
      t.app,
      t.storeId,
      linearGraph('trigger.order_created', [
        {
          type: 'action.send_email',
          config: {
            subject: '{{ store.name }}: thanks',
            body: 'Code {{ coupon.code }}',
            coupon: { amountOff: 500, expiresInDays: 3 },
          },
        },
        { type: 'action.send_email', config: { subject: 'Broken {{ x | nosuchfilter }}', body: 'b' } },
        { type: 'action.notify_team', config: { subject: 'New order', body: 'b' } },
      ]),
    );
    await t.app.inject({
      method: 'POST',
      url: `/api/stores/${t.storeId}/events`,
      payload: orderEvent('cap-1', 100),
    });
    const items = await waitFor(async () => {
      const res = await t.app.inject({ url: `/api/stores/${t.storeId}/emails?q=cap-1` });
      return res.json().items.length === 1 ? res.json().items : undefined;
    });
    const coupon = await getTestPool().query(
      'SELECT code, amount_off::int FROM coupons WHERE store_id = $1',
      [t.storeId],
    );
    expect(items[0]).toMatchObject({
      status: 'captured',
      kind: 'marketing',
      subject: `Test store ${t.storeId}: thanks`,
    });
    expect(items[0].html).toContain(`Code ${coupon.rows[0].code}`);
    expect(items[0].html).toContain('/api/unsubscribe/');
    const ledger = await waitFor(async () => {
      const rows = await ledgerOf(getTestPool(), t.storeId, 'cap-1');
      return rows.length === 3 ? rows : undefined;
    });
    expect(ledger.find((l) => l.node_id === 'a3')).toMatchObject({
      status: 'skipped',
      result: { reason: 'the store has no team address (settings.teamEmail)' },
    });
    expect(ledger.find((l) => l.node_id === 'a2')).toMatchObject({
      status: 'failed',
      result: { reason: expect.stringMatching(/^template error: subject: .*nosuchfilter/) },
    });
    const run = await waitFor(async () => {
      const r = await getTestPool().query(`SELECT status FROM runs WHERE store_id = $1`, [t.storeId]);
      return r.rows[0]?.status === 'running' ? undefined : r.rows;
    });
    expect(run).toEqual([{ status: 'completed' }]);
  });
});

describe('POST /emails/preview', () => {
  it('renders subject, HTML and text for a chosen customer with a sample coupon', async () => {
    const res = await preview({
      subject: 'Hello {{ customer.firstName }}',
      body: '<p>{{ coupon.code }} for {{ customer.email }}</p>',
      customerId: 'cap-1',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      to: 'cap-1@example.com',
      subject: 'Hello Ana',
      acceptsMarketing: true,
    });
    expect(res.json().text).toMatch(/^PREVIEW-\w{12} for cap-1@example.com$/);
  });

  it('answers 400 for a bad template and 404 for an unknown customer, never a 500', async () => {
    const bad = await preview({ subject: '{% for %}', body: 'x', customerId: 'cap-1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^Template error in subject/);
    expect((await preview({ subject: 's', body: 'b', customerId: 'nobody' })).statusCode).toBe(404);
    expect((await preview({ subject: 's' })).statusCode).toBe(400);
  });
});
