import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { getTestPool } from './test-database';

/** The app over the test database, for `app.inject()`. Close it in `afterAll`. */
export async function buildTestApp(): Promise<FastifyInstance> {
  const app = await buildApp({
    pool: getTestPool(),
    logger: { level: process.env.TEST_LOG_LEVEL ?? 'silent' },
  });
  await app.ready();
  return app;
}

/** The DESIGN §4 graph: order created → lifetime spend > $5,000 → "VIP member" (+ email when available). */
export function vipGraph(options: { withEmail?: boolean } = {}) {
  const nodes: unknown[] = [
    { id: 't1', type: 'trigger.order_created', position: { x: 0, y: 0 }, config: {} },
    {
      id: 'c1',
      type: 'condition.if',
      position: { x: 0, y: 120 },
      config: { condition: { all: [{ field: 'customer.lifetimeSpend', op: 'gt', value: 500000 }] } },
    },
    { id: 'a1', type: 'action.assign_group', position: { x: 0, y: 240 }, config: { group: 'VIP member' } },
  ];
  const edges: unknown[] = [
    { id: 'e1', source: 't1', target: 'c1' },
    { id: 'e2', source: 'c1', sourceHandle: 'true', target: 'a1' },
  ];
  if (options.withEmail) {
    nodes.push({
      id: 'a2',
      type: 'action.send_email',
      position: { x: 0, y: 360 },
      config: {
        subject: 'Thank you, {{ customer.firstName }}',
        body: 'Your code: {{ coupon.code }}',
        coupon: { percentOff: 30, expiresInDays: 30 },
      },
    });
    edges.push({ id: 'e3', source: 'a1', target: 'a2' });
  }
  return { schemaVersion: 1, nodes, edges };
}

let counter = 0;

/** An `order.created` event for a customer (cents); ids are unique unless given. */
export function orderEvent(
  customerExternalId: string,
  total: number,
  overrides: { id?: string; orderId?: string; occurredAt?: string } = {},
) {
  counter += 1;
  const at = overrides.occurredAt ?? new Date().toISOString();
  const orderId = overrides.orderId ?? `o-${Date.now().toString(36)}-${counter}`;
  return {
    id: overrides.id ?? `evt-${orderId}`,
    type: 'order.created',
    occurredAt: at,
    customer: {
      externalId: customerExternalId,
      email: `${customerExternalId}@example.com`,
      firstName: 'Ana',
      lastName: 'Diaz',
      address: { country: 'US', state: 'TX', city: 'Austin', zip: '78701' },
      acceptsMarketing: true,
    },
    order: {
      externalId: orderId,
      total,
      currency: 'USD',
      status: 'paid',
      channel: 'web',
      createdAt: at,
      items: [
        {
          sku: 'IPH-15',
          productId: 'p-1',
          name: 'iPhone 15',
          category: 'Phones',
          brand: 'Apple',
          quantity: 1,
          unitPrice: total,
        },
      ],
    },
  };
}
