import type { StoreEvent } from '@segflow/schema';
import type { SqlExecutor } from '../db/named-statement';
import { customerByEmail, upsertCustomer } from './apply-customer';
import { ensureStats, upsertCart, upsertCustomerAndOrder } from './apply-order';

/** What applying an event changed: the customer it concerns and whether an order was new. */
export interface AppliedEvent {
  customerId: number;
  isNewOrder: boolean;
}

/** Applies one canonical event to the store's tables (customer, order + items + stats, cart). */
export async function applyEvent(tx: SqlExecutor, storeId: string, event: StoreEvent): Promise<AppliedEvent> {
  const at = new Date(event.occurredAt);
  switch (event.type) {
    case 'customer.created':
    case 'customer.updated': {
      const customerId = await upsertCustomer(tx, storeId, event.customer, at);
      await ensureStats(tx, storeId, customerId);
      return { customerId, isNewOrder: false };
    }
    case 'order.created':
    case 'order.status_changed': {
      return upsertCustomerAndOrder(tx, storeId, event.customer, at, event.order);
    }
    case 'cart.abandoned':
    case 'cart.converted': {
      const customerId = event.customer
        ? await upsertCustomer(tx, storeId, event.customer, at)
        : await customerByEmail(tx, storeId, event.email!, at);
      await ensureStats(tx, storeId, customerId);
      await upsertCart(
        tx,
        storeId,
        customerId,
        event.cart,
        event.type === 'cart.abandoned' ? 'abandoned' : 'converted',
        at,
      );
      return { customerId, isNewOrder: false };
    }
  }
}
