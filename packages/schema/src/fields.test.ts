import { describe, expect, it } from 'vitest';
import { fieldCatalog, fieldGroups, operatorsByType, resolveField } from './fields';
import { nodeCatalog } from './node-catalog';

describe('fieldCatalog', () => {
  it('has unique ids and covers every group', () => {
    const ids = fieldCatalog.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(fieldCatalog.map((f) => f.group))).toEqual(new Set(fieldGroups));
  });

  it('has every field of DESIGN §4', () => {
    const ids = new Set(fieldCatalog.map((f) => f.id));
    for (const id of [
      'customer.email',
      'customer.emailDomain',
      'customer.age',
      'customer.tags',
      'customer.lifetimeSpend',
      'customer.lastOrderAt',
      'purchase.sku',
      'purchase.brand',
      'segment',
      'order.total',
      'order.channel',
      'cart.total',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('offers only the operators of the field type', () => {
    expect(operatorsByType.date).toContain('within_last');
    expect(operatorsByType.purchase).toEqual(['has_purchased', 'has_not_purchased']);
  });

  it('makes every event field available under at least one trigger', () => {
    const carried = new Set(Object.values(nodeCatalog).flatMap((n) => [...n.eventFields]));
    for (const field of fieldCatalog.filter((f) => f.source === 'event')) expect(carried).toContain(field.id);
  });
});

describe('resolveField', () => {
  it('resolves custom attributes by prefix, with a safe key', () => {
    expect(resolveField('customer.attributes.income')?.id).toBe('customer.attributes');
    expect(resolveField('customer.attributes.')).toBeUndefined();
    expect(resolveField('customer.attributes.a b')).toBeUndefined();
    expect(resolveField('customer.attributes')).toBeUndefined();
    expect(resolveField('customer.nope')).toBeUndefined();
  });
});
