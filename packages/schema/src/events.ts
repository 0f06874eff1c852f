import { z } from 'zod';

const cents = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = z.string().max(1000);
const optionalText = text.nullable().optional();
const instant = z.iso.datetime({ offset: true });

/** Postal address of a customer: ISO 3166-1 alpha-2 country, ISO 3166-2 subdivision state. */
export const AddressSchema = z.object({
  country: optionalText,
  state: optionalText,
  city: optionalText,
  zip: optionalText,
});

/** The customer as a store event carries it (DESIGN §5). */
export const EventCustomerSchema = z.object({
  externalId: z.string().min(1).max(200),
  email: z.string().max(320).nullable().optional(),
  firstName: optionalText,
  lastName: optionalText,
  company: optionalText,
  phone: optionalText,
  gender: optionalText,
  birthDate: z.iso.date().nullable().optional(),
  address: AddressSchema.nullable().optional(),
  acceptsMarketing: z.boolean().optional(),
  tags: z.array(z.string().max(255)).max(250).optional(),
  createdAt: instant.optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
});
/** The customer as a store event carries it. */
export type EventCustomer = z.infer<typeof EventCustomerSchema>;

/** One line of an order or a cart; money in integer cents. */
export const LineItemSchema = z.object({
  sku: optionalText,
  productId: optionalText,
  name: optionalText,
  category: optionalText,
  brand: optionalText,
  quantity: z.number().int().min(0).max(1_000_000),
  unitPrice: cents,
});
/** One line of an order or a cart. */
export type LineItem = z.infer<typeof LineItemSchema>;

/** An order with its items; `createdAt` is when it was placed (purchase times use it). */
export const EventOrderSchema = z.object({
  externalId: z.string().min(1).max(200),
  total: cents,
  currency: z.string().length(3),
  status: z.string().min(1).max(50),
  channel: optionalText,
  couponCode: optionalText,
  createdAt: instant,
  items: z.array(LineItemSchema).max(1000),
});
/** An order with its items. */
export type EventOrder = z.infer<typeof EventOrderSchema>;

/** A cart; `recoveryUrl` brings the shopper back to it. */
export const EventCartSchema = z.object({
  externalId: z.string().min(1).max(200),
  total: cents,
  currency: z.string().length(3).optional(),
  items: z.array(LineItemSchema).max(1000),
  recoveryUrl: z.url().max(2000).nullable().optional(),
});
/** A cart. */
export type EventCart = z.infer<typeof EventCartSchema>;

const base = {
  /** The idempotency key of the event within its store. */
  id: z.string().min(1).max(200),
  occurredAt: instant,
};

/** `customer.created`. */
export const CustomerCreatedEventSchema = z.object({
  ...base,
  type: z.literal('customer.created'),
  customer: EventCustomerSchema,
});
/** `customer.updated`. */
export const CustomerUpdatedEventSchema = z.object({
  ...base,
  type: z.literal('customer.updated'),
  customer: EventCustomerSchema,
});
/** `order.created`: the customer and the full order. */
export const OrderCreatedEventSchema = z.object({
  ...base,
  type: z.literal('order.created'),
  customer: EventCustomerSchema,
  order: EventOrderSchema,
});
/** `order.status_changed`: the order in its new status and the status it left. */
export const OrderStatusChangedEventSchema = z.object({
  ...base,
  type: z.literal('order.status_changed'),
  customer: EventCustomerSchema,
  order: EventOrderSchema,
  previousStatus: z.string().min(1).max(50),
});

const cartEvent = <T extends string>(type: T) =>
  z
    .object({
      ...base,
      type: z.literal(type),
      customer: EventCustomerSchema.optional(),
      email: z.string().max(320).optional(),
      cart: EventCartSchema,
    })
    .refine((e) => e.customer !== undefined || e.email !== undefined, {
      message: 'A cart event needs a customer or an email',
      path: ['customer'],
    });

/** `cart.abandoned`: a customer (or just an email) and the cart. */
export const CartAbandonedEventSchema = cartEvent('cart.abandoned');
/** `cart.converted`: the cart became an order. */
export const CartConvertedEventSchema = cartEvent('cart.converted');

/** Any canonical store event, discriminated on `type`. */
export const StoreEventSchema = z.discriminatedUnion('type', [
  CustomerCreatedEventSchema,
  CustomerUpdatedEventSchema,
  OrderCreatedEventSchema,
  OrderStatusChangedEventSchema,
  CartAbandonedEventSchema,
  CartConvertedEventSchema,
]);
/** Any canonical store event. */
export type StoreEvent = z.infer<typeof StoreEventSchema>;
/** The `type` of a canonical store event. */
export type StoreEventType = StoreEvent['type'];

/** The six canonical event types, in DESIGN order. */
export const storeEventTypes = [
  'customer.created',
  'customer.updated',
  'order.created',
  'order.status_changed',
  'cart.abandoned',
  'cart.converted',
] as const satisfies readonly StoreEventType[];

/** A batch for `POST /events`: up to 1,000 events. */
export const EventBatchSchema = z.object({ events: z.array(StoreEventSchema).min(1).max(1000) });
/** A batch of events. */
export type EventBatch = z.infer<typeof EventBatchSchema>;
