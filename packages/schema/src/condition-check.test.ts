import { describe, expect, it } from 'vitest';
import { checkCondition } from './condition-check';

const none = { eventFields: new Set<string>() };
const check = (raw: unknown) => checkCondition(raw, none).map((i) => [i.code, i.path, i.message]);

describe('checkCondition (segments and node conditions)', () => {
  it('accepts a valid tree', () => {
    expect(
      check({
        any: [
          { field: 'customer.state', op: 'eq', value: 'TX' },
          { not: { field: 'customer.tags', op: 'contains_any', value: ['vip'] } },
        ],
      }),
    ).toEqual([]);
  });

  it('explains a malformed tree where it is wrong instead of "Invalid input"', () => {
    expect(check({ all: [{ field: 'customer.state', op: 'equals', value: 'TX' }] })).toEqual([
      ['invalid_operator', ['all', 0, 'op'], 'Condition: Unknown operator "equals"'],
    ]);
    expect(check({ all: [{ op: 'eq', value: 1 }] })).toEqual([
      ['invalid_config', ['all', 0, 'field'], 'Condition: A comparison needs a field'],
    ]);
    expect(check({ all: [], any: [] })).toEqual([
      ['invalid_config', [], 'Condition: A group has only "all"; found all, any'],
    ]);
    expect(check({ not: 'x' })[0]?.[1]).toEqual(['not']);
    expect(check(null)).toHaveLength(1);
  });

  it('refuses event fields where there is no event (segments)', () => {
    expect(check({ field: 'order.total', op: 'gt', value: 1 })).toEqual([
      ['field_not_available', [], '"Order total" is not carried by this workflow\'s triggers'],
    ]);
  });

  it('allows an event field where the triggers carry it', () => {
    const issues = checkCondition(
      { field: 'order.total', op: 'gt', value: 1 },
      { eventFields: new Set(['order.total']) },
    );
    expect(issues).toEqual([]);
  });
});
