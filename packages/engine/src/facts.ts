import type { StoreEvent } from '@segflow/schema';

/** One purchased line, as conditions see it; `orderedAt` is the order's `createdAt`. */
export interface PurchaseFact {
  sku: string | null;
  productId: string | null;
  category: string | null;
  brand: string | null;
  quantity: number;
  /** Cents. */
  unitPrice: number;
  orderedAt: Date;
}

/**
 * What conditions read about a customer: the customer row, its stats, and, only when the plan
 * needs them (`plan.needs`), its purchases and segment ids. Money is integer cents; instants are
 * UTC `Date`s; `birthDate` is an ISO date (`YYYY-MM-DD`) because a birthday has no time zone.
 * A customer without orders has `lifetimeSpend` 0, `orderCount` 0, `averageOrderValue` 0 and
 * null first/last order dates.
 */
export interface CustomerFacts {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  phone: string | null;
  gender: string | null;
  birthDate: string | null;
  country: string | null;
  state: string | null;
  city: string | null;
  zip: string | null;
  acceptsMarketing: boolean | null;
  group: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  createdAt: Date | null;
  lifetimeSpend: number;
  orderCount: number;
  averageOrderValue: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  purchases?: PurchaseFact[];
  segmentIds?: string[];
}

/** What a predicate needs besides the customer: the clock's now and the triggering event, if any. */
export interface EvalContext {
  now: Date;
  event: StoreEvent | null;
}
