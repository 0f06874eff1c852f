import type { CustomerFacts } from '@segflow/engine';
import type { StoreEvent } from '@segflow/schema';
import type { StoreSettings } from '../adapters/store-settings';
import type { IssuedCoupon } from '../coupons/coupon-code';

/** What templates see: `customer`, `order`, `cart`, `coupon`, `store`, `unsubscribe_url`. */
export function templateVariables(input: {
  customer: CustomerFacts;
  event: StoreEvent | null;
  store: Pick<StoreSettings, 'id' | 'name' | 'currency'>;
  coupon?: IssuedCoupon | null;
  unsubscribeUrl?: string | null;
}): Record<string, unknown> {
  const { customer, event } = input;
  return {
    customer: {
      ...customer,
      name: [customer.firstName, customer.lastName].filter(Boolean).join(' '),
      createdAt: customer.createdAt?.toISOString() ?? null,
      firstOrderAt: customer.firstOrderAt?.toISOString() ?? null,
      lastOrderAt: customer.lastOrderAt?.toISOString() ?? null,
    },
    order: event && 'order' in event ? event.order : null,
    cart: event && 'cart' in event ? event.cart : null,
    event: event ? { id: event.id, type: event.type, occurredAt: event.occurredAt } : null,
    coupon: input.coupon ?? null,
    store: { id: input.store.id, name: input.store.name, currency: input.store.currency },
    unsubscribe_url: input.unsubscribeUrl ?? null,
  };
}
