import { catalogPayload } from '@segflow/schema';
import { describe, expect, it } from 'vitest';
import { normalizeCatalog } from '../../catalog/catalog-model';
import { summarizeCondition } from './condition-summary';

const catalog = normalizeCatalog(catalogPayload());

describe('condition summary', () => {
  it('reads money in dollars: "Lifetime spend > $5,000"', () => {
    expect(
      summarizeCondition({ all: [{ field: 'customer.lifetimeSpend', op: 'gt', value: 500000 }] }, catalog),
    ).toBe('Lifetime spend > $5,000');
  });

  it('keeps cents when a money value has them', () => {
    expect(summarizeCondition({ field: 'customer.lifetimeSpend', op: 'lte', value: 129950 }, catalog)).toBe(
      'Lifetime spend ≤ $1,299.50',
    );
  });

  it('joins groups with and/or and parenthesises nested ones', () => {
    const text = summarizeCondition(
      {
        all: [
          { field: 'customer.state', op: 'in', value: ['TX', 'CA'] },
          {
            any: [
              { field: 'customer.orderCount', op: 'gte', value: 3 },
              { field: 'customer.tags', op: 'contains_any', value: ['vip'] },
            ],
          },
        ],
      },
      catalog,
    );
    expect(text).toBe(
      'State / region is one of Texas (TX), California (CA) and (Orders ≥ 3 or Tags has any of vip)'.replace(
        'Orders',
        labelOf('customer.orderCount'),
      ),
    );
  });

  it('writes not, ranges, days and presence in words', () => {
    expect(summarizeCondition({ not: { field: 'customer.acceptsMarketing', op: 'is_true' } }, catalog)).toBe(
      'not (Accepts marketing is true)',
    );
    expect(
      summarizeCondition(
        { field: 'customer.lifetimeSpend', op: 'between', value: [200000, 500000] },
        catalog,
      ),
    ).toBe('Lifetime spend between $2,000 and $5,000');
    expect(
      summarizeCondition({ field: 'customer.lastOrderAt', op: 'not_within_last', value: 90 }, catalog),
    ).toBe(`${labelOf('customer.lastOrderAt')} not within the last 90 days`);
    expect(summarizeCondition({ field: 'customer.company', op: 'is_set' }, catalog)).toBe('Company is set');
  });

  it('names custom attributes by their key', () => {
    expect(
      summarizeCondition({ field: 'customer.attributes.income', op: 'eq', value: '75-100k' }, catalog),
    ).toBe('Attribute “income” = 75-100k');
  });

  it('says so when there are no rules', () => {
    expect(summarizeCondition({ all: [] }, catalog)).toBe('No rules yet');
  });
});

function labelOf(id: string): string {
  return catalog.fieldById.get(id)!.label;
}
