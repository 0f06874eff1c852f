import { catalogPayload } from '@segflow/schema';
import { describe, expect, it } from 'vitest';
import { normalizeCatalog, resolveField } from '../../catalog/catalog-model';
import { coerceValue, operatorsForField, valueShape } from './operators';
import { centsToDollars, dollarsToCents } from './value-editor';

const catalog = normalizeCatalog(catalogPayload());
const ops = (id: string) => operatorsForField(resolveField(catalog, id));

describe('operators per field', () => {
  it('offers number comparisons for lifetime spend and marks it as money', () => {
    expect(resolveField(catalog, 'customer.lifetimeSpend')!.type).toBe('money');
    expect(ops('customer.lifetimeSpend')).toEqual(
      expect.arrayContaining(['gt', 'gte', 'lt', 'lte', 'between']),
    );
    expect(ops('customer.lifetimeSpend')).not.toContain('contains');
  });

  it('offers text operators for state and set operators for tags', () => {
    expect(ops('customer.state')).toEqual(expect.arrayContaining(['eq', 'in', 'not_in', 'starts_with']));
    expect(ops('customer.state')).not.toContain('gt');
    expect(ops('customer.tags')).toEqual(
      expect.arrayContaining(['contains_any', 'contains_all', 'contains_none']),
    );
    expect(ops('customer.tags')).not.toContain('eq');
  });

  it('offers only purchase operators for purchases and date operators for dates', () => {
    expect(ops('purchase.category')).toEqual(['has_purchased', 'has_not_purchased']);
    expect(ops('customer.lastOrderAt')).toEqual(expect.arrayContaining(['before', 'after', 'within_last']));
  });

  it('resolves any custom attribute key to the dynamic attribute field', () => {
    const field = resolveField(catalog, 'customer.attributes.income');
    expect(field?.dynamic).toBe(true);
    expect(field?.operators).toContain('eq');
  });

  it('groups fields by segmentation family with readable names', () => {
    const groups = new Set(catalog.fields.map((f) => f.group));
    expect(groups).toContain('Location');
    expect(groups).toContain('Behaviour');
  });
});

describe('values', () => {
  it('keeps a value whose shape still fits and resets one that does not', () => {
    expect(coerceValue(500000, 'gte')).toBe(500000);
    expect(coerceValue(500000, 'between')).toEqual([500000, null]);
    expect(coerceValue('TX', 'in')).toEqual(['TX']);
    expect(coerceValue(['TX', 'CA'], 'eq')).toBe('TX');
    expect(coerceValue('x', 'is_set')).toBeUndefined();
    expect(coerceValue(null, 'within_last')).toBe(30);
    expect(valueShape('not_within_last')).toBe('days');
  });

  it('types money in dollars and stores cents', () => {
    expect(dollarsToCents('5000')).toBe(500000);
    expect(dollarsToCents('$5,000.5')).toBe(500050);
    expect(dollarsToCents('0.29')).toBe(29);
    expect(dollarsToCents('')).toBeNull();
    expect(dollarsToCents('abc')).toBeNull();
    expect(centsToDollars(500000)).toBe('5000');
    expect(centsToDollars(129950)).toBe('1299.5');
  });
});
