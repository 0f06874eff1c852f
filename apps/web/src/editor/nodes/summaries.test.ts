import { catalogPayload } from '@segflow/schema';
import { describe, expect, it } from 'vitest';
import { normalizeCatalog } from '../../catalog/catalog-model';
import { definitionFor, nodeRegistry } from './registry';

const catalog = normalizeCatalog(catalogPayload());
const summary = (type: string, config: Record<string, unknown>) =>
  definitionFor(type).summarize(config, catalog);

describe('node card summaries', () => {
  it('has a web slice for every node type the catalog offers', () => {
    const missing = catalog.nodeTypes.map((t) => t.type).filter((type) => !(type in nodeRegistry));
    expect(missing).toEqual([]);
  });

  it('reads conditions in dollars', () => {
    expect(
      summary('condition.if', {
        condition: { all: [{ field: 'customer.lifetimeSpend', op: 'gt', value: 500000 }] },
      }),
    ).toBe('Lifetime spend > $5,000');
  });

  it('names switch cases and the otherwise path, and split shares', () => {
    const cases = [
      { id: 'p', label: 'Platinum', condition: { all: [] } },
      { id: 'g', label: 'Gold', condition: { all: [] } },
    ];
    expect(summary('condition.switch', { cases })).toBe('Platinum · Gold · otherwise');
    expect(summary('condition.split', { percentA: 20 })).toBe('A 20% · B 80%');
  });

  it('describes triggers with their re-entry policy', () => {
    expect(summary('trigger.order_created', { reentry: 'always' })).toBe(
      'When an order is placed, every time',
    );
    expect(summary('trigger.cart_abandoned', { reentry: { days: 7 } })).toBe(
      'When a cart is abandoned, at most every 7 days',
    );
    expect(summary('trigger.customer_created', { reentry: 'once' })).toBe(
      'When a customer signs up, once per customer',
    );
  });

  it('describes actions in a line', () => {
    expect(summary('action.assign_group', { group: 'VIP member' })).toBe('Group: VIP member');
    expect(summary('action.assign_group', { group: '' })).toBe('Choose a group');
    expect(summary('action.add_tags', { tags: ['Texas customer'] })).toBe('Add Texas customer');
    expect(summary('action.wait', { hours: 1 })).toBe('Wait 1 hour');
    expect(summary('action.wait', { days: 3 })).toBe('Wait 3 days');
    expect(summary('action.wait', { until: { weekday: 'monday', time: '09:00' } })).toBe(
      'Wait until monday 09:00',
    );
    expect(
      summary('action.send_email', {
        subject: 'Thanks',
        body: 'x',
        coupon: { percentOff: 30, expiresInDays: 30 },
      }),
    ).toBe('“Thanks” + 30% off, valid 30 days');
    expect(summary('action.create_coupon', { amountOff: 2000, expiresInDays: 14 })).toBe(
      '$20 off, valid 14 days',
    );
  });
});
