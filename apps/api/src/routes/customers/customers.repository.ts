import { and, desc, eq, gt, ilike, or, sql, asc } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { customerStats, customers, orders } from '../../db/schema/index';
import { AppError } from '../../errors';

type CustomerRow = typeof customers.$inferSelect;
type StatsRow = typeof customerStats.$inferSelect | null;

/** The API's customer shape: profile, `group`, `tags`, `attributes` and `stats`. */
export function toCustomerView(c: CustomerRow, s: StatsRow) {
  return {
    id: c.id,
    externalId: c.externalId,
    email: c.email,
    firstName: c.firstName,
    lastName: c.lastName,
    company: c.company,
    phone: c.phone,
    gender: c.gender,
    birthDate: c.birthDate,
    address: { country: c.country, state: c.state, city: c.city, zip: c.zip },
    country: c.country,
    state: c.state,
    city: c.city,
    zip: c.zip,
    acceptsMarketing: c.acceptsMarketing,
    group: c.groupName,
    tags: c.tags,
    attributes: c.attributes,
    createdAt: c.createdAt,
    stats: {
      lifetimeSpend: s?.lifetimeSpend ?? 0,
      orderCount: s?.orderCount ?? 0,
      averageOrderValue: s?.averageOrderValue ?? 0,
      firstOrderAt: s?.firstOrderAt ?? null,
      lastOrderAt: s?.lastOrderAt ?? null,
    },
  };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** What customer search filters by; every filter is optional and they combine with AND. */
export interface CustomerSearch {
  q?: string;
  tag?: string;
  group?: string;
  attribute?: { key: string; value: string };
  limit: number;
  cursor?: number;
}

/** Customer search and profiles, scoped by store. */
export function createCustomerRepository(db: Db) {
  return {
    /**
     * Customers matching `q` (email or name) and the optional filters (a tag, a group, an attribute
     * `key=value` compared as text), by id, paged with a numeric cursor.
     */
    async search(storeId: string, input: CustomerSearch) {
      const q = input.q?.trim();
      const pattern = q ? `%${escapeLike(q)}%` : undefined;
      const rows = await db
        .select({ c: customers, s: customerStats })
        .from(customers)
        .leftJoin(
          customerStats,
          and(eq(customerStats.storeId, customers.storeId), eq(customerStats.customerId, customers.id)),
        )
        .where(
          and(
            eq(customers.storeId, storeId),
            input.cursor !== undefined ? gt(customers.id, input.cursor) : undefined,
            input.tag ? sql`${customers.tags} @> ARRAY[${input.tag}]::text[]` : undefined,
            input.group ? eq(customers.groupName, input.group) : undefined,
            input.attribute
              ? sql`${customers.attributes} ->> ${input.attribute.key} = ${input.attribute.value}`
              : undefined,
            pattern
              ? or(
                  ilike(customers.email, pattern),
                  ilike(
                    sql`coalesce(${customers.firstName}, '') || ' ' || coalesce(${customers.lastName}, '')`,
                    pattern,
                  ),
                  eq(customers.externalId, q!),
                )
              : undefined,
          ),
        )
        .orderBy(asc(customers.id))
        .limit(input.limit + 1);
      const items = rows.slice(0, input.limit).map(({ c, s }) => toCustomerView(c, s));
      const last = items.at(-1);
      return { items, nextCursor: rows.length > input.limit && last ? String(last.id) : null };
    },
    /** One profile by numeric id or external id, with stats and the latest orders. */
    async get(storeId: string, idOrExternal: string) {
      const byId = /^\d{1,15}$/.test(idOrExternal) ? eq(customers.id, Number(idOrExternal)) : undefined;
      const where = byId
        ? or(byId, eq(customers.externalId, idOrExternal))
        : eq(customers.externalId, idOrExternal);
      const [row] = await db
        .select({ c: customers, s: customerStats })
        .from(customers)
        .leftJoin(
          customerStats,
          and(eq(customerStats.storeId, customers.storeId), eq(customerStats.customerId, customers.id)),
        )
        .where(and(eq(customers.storeId, storeId), where))
        .orderBy(sql`${customers.id}::text = ${idOrExternal} DESC`)
        .limit(1);
      if (!row) throw new AppError('customer_not_found', `Customer ${idOrExternal} does not exist`);
      const recentOrders = await db
        .select({
          id: orders.id,
          externalId: orders.externalId,
          total: orders.total,
          status: orders.status,
          channel: orders.channel,
          createdAt: orders.createdAt,
        })
        .from(orders)
        .where(and(eq(orders.storeId, storeId), eq(orders.customerId, row.c.id)))
        .orderBy(desc(orders.createdAt))
        .limit(20);
      return { ...toCustomerView(row.c, row.s), recentOrders };
    },
  };
}

/** The customer repository's interface. */
export type CustomerRepository = ReturnType<typeof createCustomerRepository>;
