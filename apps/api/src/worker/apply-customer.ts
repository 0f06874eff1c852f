import type { EventCustomer } from '@segflow/schema';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { customers } from '../db/schema/index';

/** The profile columns an event customer sets; keys absent from the event are left as they are. */
function profileColumns(c: EventCustomer): Partial<typeof customers.$inferInsert> {
  const out: Partial<typeof customers.$inferInsert> = {};
  const set = <K extends keyof typeof customers.$inferInsert>(key: K, value: unknown) => {
    if (value !== undefined) out[key] = value as never;
  };
  set('email', c.email);
  set('firstName', c.firstName);
  set('lastName', c.lastName);
  set('company', c.company);
  set('phone', c.phone);
  set('gender', c.gender);
  set('birthDate', c.birthDate);
  if (c.address !== undefined) {
    set('country', c.address?.country?.toUpperCase() ?? null);
    set('state', c.address?.state?.toUpperCase() ?? null);
    set('city', c.address?.city ?? null);
    set('zip', c.address?.zip ?? null);
  }
  set('acceptsMarketing', c.acceptsMarketing);
  set('tags', c.tags);
  return out;
}

/**
 * Upserts the event's customer and returns its id. Profile fields follow the newest event
 * (by `occurredAt`): a late, older event never overwrites newer data. Attributes merge.
 */
export async function upsertCustomer(
  tx: DbOrTx,
  storeId: string,
  c: EventCustomer,
  occurredAt: Date,
): Promise<number> {
  const profile = profileColumns(c);
  const attributes = c.attributes ?? {};
  const [row] = await tx
    .insert(customers)
    .values({
      storeId,
      externalId: c.externalId,
      ...profile,
      attributes,
      createdAt: c.createdAt ? new Date(c.createdAt) : occurredAt,
      sourceUpdatedAt: occurredAt,
    })
    .onConflictDoUpdate({
      target: [customers.storeId, customers.externalId],
      set: {
        ...profile,
        attributes: sql`${customers.attributes} || ${JSON.stringify(attributes)}::jsonb`,
        sourceUpdatedAt: occurredAt,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${customers.sourceUpdatedAt} IS NULL OR ${customers.sourceUpdatedAt} <= ${occurredAt.toISOString()}::timestamptz`,
    })
    .returning({ id: customers.id });
  if (row) return row.id;
  const [existing] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.storeId, storeId), eq(customers.externalId, c.externalId)));
  return existing!.id;
}

/** Finds a customer by email (case-insensitive) or creates a minimal one keyed `email:<address>`. */
export async function customerByEmail(
  tx: DbOrTx,
  storeId: string,
  email: string,
  occurredAt: Date,
): Promise<number> {
  const [found] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.storeId, storeId), sql`lower(${customers.email}) = lower(${email})`))
    .limit(1);
  if (found) return found.id;
  return upsertCustomer(tx, storeId, { externalId: `email:${email.toLowerCase()}`, email }, occurredAt);
}
