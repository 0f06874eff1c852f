import { describe, expect, it } from 'vitest';
import { EventBatchSchema, StoreEventSchema, storeEventTypes } from './events';

const designExample = {
  id: 'evt_1001',
  type: 'order.created',
  occurredAt: '2026-11-20T10:00:00Z',
  customer: {
    externalId: 'c-42',
    email: 'ana@example.com',
    firstName: 'Ana',
    lastName: 'Diaz',
    company: null,
    phone: null,
    gender: 'female',
    birthDate: '1990-04-02',
    address: { country: 'US', state: 'TX', city: 'Austin', zip: '78701' },
    acceptsMarketing: true,
    createdAt: '2025-01-03T09:00:00Z',
    attributes: { income: '75-100k' },
  },
  order: {
    externalId: 'o-9001',
    total: 129900,
    currency: 'USD',
    status: 'paid',
    channel: 'web',
    couponCode: null,
    createdAt: '2026-11-20T10:00:00Z',
    items: [
      {
        sku: 'IPH-15',
        productId: 'p-1',
        name: 'iPhone 15',
        category: 'Phones',
        brand: 'Apple',
        quantity: 1,
        unitPrice: 129900,
      },
    ],
  },
};

describe('StoreEventSchema', () => {
  it('accepts the DESIGN §5 example as is', () => {
    expect(StoreEventSchema.parse(designExample)).toEqual(designExample);
  });

  it('knows the six canonical event types', () => {
    expect(storeEventTypes).toHaveLength(6);
  });

  it('wants money in integer cents', () => {
    const fractional = { ...designExample, order: { ...designExample.order, total: 1299.0 + 0.5 } };
    expect(StoreEventSchema.safeParse(fractional).success).toBe(false);
  });

  it('needs a customer or an email on cart events', () => {
    const cart = { externalId: 'k', total: 100, items: [], recoveryUrl: 'https://shop.example.com/c/k' };
    const base = { id: 'e', type: 'cart.abandoned', occurredAt: '2026-01-01T00:00:00Z', cart };
    expect(StoreEventSchema.safeParse(base).success).toBe(false);
    expect(StoreEventSchema.safeParse({ ...base, email: 'a@b.co' }).success).toBe(true);
  });

  it('needs previousStatus on status changes', () => {
    const changed = { ...designExample, type: 'order.status_changed' };
    expect(StoreEventSchema.safeParse(changed).success).toBe(false);
    expect(StoreEventSchema.safeParse({ ...changed, previousStatus: 'pending' }).success).toBe(true);
  });
});

describe('EventBatchSchema', () => {
  it('takes 1 to 1,000 events', () => {
    expect(EventBatchSchema.safeParse({ events: [] }).success).toBe(false);
    expect(EventBatchSchema.safeParse({ events: Array(1000).fill(designExample) }).success).toBe(true);
    expect(EventBatchSchema.safeParse({ events: Array(1001).fill(designExample) }).success).toBe(false);
  });
});
