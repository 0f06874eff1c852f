import { conditionToSql } from '@segflow/engine';
import type { Condition } from '@segflow/schema';

/** FROM clause every segment query uses: the engine's aliases `c` and `s` (stats LEFT JOINed). */
export const CUSTOMERS_FROM = `customers c LEFT JOIN customer_stats s ON s.store_id = c.store_id AND s.customer_id = c.id`;

/** A store-scoped match: `WHERE` text (with `$1` = store id) and all parameters, in order. */
export interface MatchSql {
  where: string;
  params: unknown[];
}

/**
 * The WHERE clause of the customers a condition matches in a store: `c.store_id = $1 AND <tree>`.
 * `leading` are the parameters placed before the condition's (the store id first), so callers can
 * add their own placeholders after `params.length`.
 */
export function matchSql(
  storeId: string,
  condition: Condition,
  options: { now: Date; segmentIds?: readonly string[]; leading?: unknown[] },
): MatchSql {
  const leading = [storeId, ...(options.leading ?? [])];
  const compiled = conditionToSql(condition, {
    now: options.now,
    firstParamIndex: leading.length + 1,
    segmentIds: options.segmentIds,
  });
  return { where: `c.store_id = $1 AND ${compiled.sql}`, params: [...leading, ...compiled.params] };
}

/** Columns of a customer row as the API shows it in samples and member lists. */
export const CUSTOMER_COLUMNS = `c.id, c.external_id, c.email, c.first_name, c.last_name, c.company, c.gender, c.birth_date::text AS birth_date,
  c.country, c.state, c.city, c.zip, c.accepts_marketing, c.group_name, c.tags, c.created_at,
  COALESCE(s.lifetime_spend, 0)::float8 AS lifetime_spend, COALESCE(s.order_count, 0) AS order_count,
  COALESCE(s.average_order_value, 0)::float8 AS average_order_value, s.first_order_at, s.last_order_at`;

/** A row selected with {@link CUSTOMER_COLUMNS}. */
export interface CustomerRow {
  id: string;
  external_id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  gender: string | null;
  birth_date: string | null;
  country: string | null;
  state: string | null;
  city: string | null;
  zip: string | null;
  accepts_marketing: boolean;
  group_name: string | null;
  tags: string[];
  created_at: Date;
  lifetime_spend: number;
  order_count: number;
  average_order_value: number;
  first_order_at: Date | null;
  last_order_at: Date | null;
}

/** The compact customer shape of samples and member pages (money in cents). */
export function toMemberView(r: CustomerRow) {
  return {
    id: Number(r.id),
    externalId: r.external_id,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    company: r.company,
    gender: r.gender,
    birthDate: r.birth_date,
    country: r.country,
    state: r.state,
    city: r.city,
    zip: r.zip,
    acceptsMarketing: r.accepts_marketing,
    group: r.group_name,
    tags: r.tags,
    createdAt: r.created_at,
    lifetimeSpend: r.lifetime_spend,
    orderCount: r.order_count,
    averageOrderValue: r.average_order_value,
    firstOrderAt: r.first_order_at,
    lastOrderAt: r.last_order_at,
  };
}
