import { describe, expect, it } from 'vitest';
import { conditionToSql } from './to-sql';

const now = new Date('2026-06-15T12:00:00Z');

describe('conditionToSql', () => {
  it('parameterises every value and never interpolates it', () => {
    const evil = "x'); DROP TABLE customers; --";
    const { sql, params } = conditionToSql(
      {
        all: [
          { field: 'customer.firstName', op: 'eq', value: evil },
          { field: 'customer.attributes.income', op: 'contains', value: evil },
          { field: 'customer.tags', op: 'contains_any', value: [evil] },
        ],
      },
      { now },
    );
    expect(sql).not.toContain('DROP');
    expect(params).toEqual([evil, 'income', evil, [evil]]);
    expect(sql).toBe(
      "((NULLIF(c.first_name, '') = $1::text) AND (strpos(NULLIF(CASE WHEN jsonb_typeof(c.attributes -> $2::text) IN ('string', 'number', 'boolean') THEN c.attributes ->> $2::text END, ''), $3::text) > 0) AND (COALESCE(c.tags, '{}'::text[]) && $4::text[]))",
    );
  });

  it('numbers placeholders from firstParamIndex', () => {
    const { sql, params } = conditionToSql(
      { field: 'customer.lifetimeSpend', op: 'gt', value: 500000 },
      { now, firstParamIndex: 3 },
    );
    expect(sql).toBe('(s.lifetime_spend > $3::bigint)');
    expect(params).toEqual([500000]);
  });

  it('turns relative days into an instant computed from now', () => {
    const { params } = conditionToSql(
      { field: 'customer.lastOrderAt', op: 'within_last', value: 30 },
      { now },
    );
    expect(params).toEqual(['2026-05-16T12:00:00.000Z']);
  });

  it('folds case on both sides for email, domain, state and country', () => {
    const { sql, params } = conditionToSql(
      { field: 'customer.state', op: 'in', value: ['TX', 'ca'] },
      { now },
    );
    expect(sql).toContain(`lower((NULLIF(c.state, '')) COLLATE "C")`);
    expect(params).toEqual([['tx', 'ca']]);
  });

  it('uses EXISTS over order_items for purchases, a quantity sum with minCount', () => {
    const plain = conditionToSql(
      { field: 'purchase.sku', op: 'has_purchased', value: 'IPH-15', withinDays: 7 },
      { now },
    );
    expect(plain.sql).toBe(
      'EXISTS (SELECT 1 FROM order_items oi WHERE oi.store_id = c.store_id AND oi.customer_id = c.id AND oi.sku = ANY($1::text[]) AND oi.ordered_at >= $2::timestamptz)',
    );
    expect(plain.params).toEqual([['IPH-15'], '2026-06-08T12:00:00.000Z']);
    const counted = conditionToSql(
      { field: 'purchase.brand', op: 'has_not_purchased', value: ['Apple'], minCount: 2 },
      { now },
    );
    expect(counted.sql).toMatch(
      /^\(NOT \(\(SELECT COALESCE\(SUM\(oi\.quantity\), 0\) FROM order_items oi .* >= \$2::numeric\)\)$/,
    );
  });

  it('uses segment_memberships for segments, and a constant for ids that cannot be members', () => {
    const id = '11111111-1111-4111-8111-111111111111';
    const member = conditionToSql({ field: 'segment', op: 'in_segment', value: id }, { now });
    expect(member.sql).toContain(
      'FROM segment_memberships sm WHERE sm.store_id = c.store_id AND sm.customer_id = c.id AND sm.segment_id = $1::uuid',
    );
    expect(conditionToSql({ field: 'segment', op: 'in_segment', value: 'seg-x' }, { now }).sql).toBe('FALSE');
    expect(
      conditionToSql({ field: 'segment', op: 'not_in_segment', value: id }, { now, segmentIds: [] }).sql,
    ).toBe('TRUE');
  });

  it('keeps empty groups two-valued and refuses event fields', () => {
    expect(conditionToSql({ not: { any: [] } }, { now }).sql).toBe('TRUE');
    expect(conditionToSql({ not: { all: [] } }, { now }).sql).toBe('FALSE');
    expect(() => conditionToSql({ field: 'order.total', op: 'gt', value: 1 }, { now })).toThrow(
      /event field/,
    );
  });

  it('emits bare sargable comparisons at positive polarity and pushes not down by De Morgan', () => {
    const spend = { field: 'customer.lifetimeSpend', op: 'gt', value: 100 } as const;
    const created = { field: 'customer.createdAt', op: 'within_last', value: 30 } as const;
    expect(conditionToSql({ all: [spend, created] }, { now }).sql).toBe(
      '((s.lifetime_spend > $1::bigint) AND (c.created_at >= $2::timestamptz))',
    );
    // not(all) = any(not …): each negated leaf is two-valued.
    expect(conditionToSql({ not: { all: [spend, created] } }, { now }).sql).toBe(
      '((NOT COALESCE((COALESCE(s.lifetime_spend, 0) > $1::bigint), false)) OR (NOT COALESCE((c.created_at >= $2::timestamptz), false)))',
    );
    // not(not x) = x.
    expect(conditionToSql({ not: { not: spend } }, { now }).sql).toBe('(s.lifetime_spend > $1::bigint)');
    // not(any) = all(not …); purchases and segments negate with a plain NOT (EXISTS is two-valued).
    const bought = { field: 'purchase.sku', op: 'has_purchased', value: 'A' } as const;
    expect(conditionToSql({ not: { any: [bought, { not: bought }] } }, { now }).sql).toMatch(
      /^\(\(NOT EXISTS .*\) AND EXISTS \(.*\)\)$/,
    );
    expect(
      conditionToSql({ not: { field: 'purchase.sku', op: 'has_not_purchased', value: 'A' } }, { now }).sql,
    ).toMatch(/^EXISTS /);
  });

  it('keeps the zero default of stats columns when 0 itself matches', () => {
    const sql = (op: string, value: unknown) =>
      conditionToSql({ field: 'customer.orderCount', op, value } as never, { now }).sql;
    expect(sql('gte', 5)).toBe('(s.order_count >= $1::bigint)');
    expect(sql('lt', 3)).toBe('((s.order_count < $1::bigint) OR s.order_count IS NULL)');
    expect(sql('eq', 0)).toBe('((s.order_count = $1::bigint) OR s.order_count IS NULL)');
    expect(sql('between', [1, 2])).toBe('(s.order_count BETWEEN $1::bigint AND $2::bigint)');
    expect(sql('between', [0, 2])).toBe(
      '((s.order_count BETWEEN $1::bigint AND $2::bigint) OR s.order_count IS NULL)',
    );
  });

  it('compares stats columns as bigint for integer values (index-friendly) and as numeric otherwise', () => {
    const sql = (value: unknown) =>
      conditionToSql({ field: 'customer.averageOrderValue', op: 'gt', value } as never, { now }).sql;
    expect(sql(50000)).toBe('(s.average_order_value > $1::bigint)');
    // A fraction keeps numeric: an integer cast would round it and change the verdict.
    expect(sql(49999.5)).toBe('(s.average_order_value > $1::numeric)');
    expect(
      conditionToSql({ field: 'customer.orderCount', op: 'between', value: [1, 2.5] } as never, { now }).sql,
    ).toBe('(s.order_count BETWEEN $1::numeric AND $2::numeric)');
  });

  it('negates is_set / is_not_set without COALESCE', () => {
    expect(conditionToSql({ not: { field: 'customer.company', op: 'is_set' } }, { now }).sql).toBe(
      "(NULLIF(c.company, '') IS NULL)",
    );
    expect(conditionToSql({ not: { field: 'customer.tags', op: 'is_not_set' } }, { now }).sql).toBe(
      "(cardinality(COALESCE(c.tags, '{}'::text[])) > 0)",
    );
  });

  it('reads the email domain after the last @ without a regular expression, folds with lower() under "C"', () => {
    const domain = conditionToSql({ field: 'customer.emailDomain', op: 'eq', value: 'X.com' }, { now });
    expect(domain.sql).toBe(
      `(lower((CASE WHEN strpos(c.email, '@') > 0 THEN NULLIF(split_part(c.email, '@', -1), '') END) COLLATE "C") = $1::text)`,
    );
    expect(domain.params).toEqual(['x.com']);
  });
});
