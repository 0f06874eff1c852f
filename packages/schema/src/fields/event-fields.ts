import type { FieldDefinition, FieldGroup } from '../fields';

type Def = Omit<FieldDefinition, 'source' | 'group'> & { group?: FieldGroup };
const ev = (d: Def): FieldDefinition => ({ group: 'event', ...d, source: 'event' });

/** Fields of the triggering event: usable only under triggers that carry them (never in segments). */
export const eventFields: readonly FieldDefinition[] = [
  ev({
    id: 'order.total',
    label: 'Order total',
    type: 'number',
    valueKind: 'money',
    description: 'Total of the triggering order, in cents',
  }),
  ev({
    id: 'order.itemCount',
    label: 'Order item count',
    type: 'number',
    valueKind: 'integer',
    description: 'Sum of item quantities in the order',
  }),
  ev({
    id: 'order.status',
    valuesFromData: true,
    label: 'Order status',
    type: 'string',
    valueKind: 'text',
    suggestions: ['pending', 'paid', 'fulfilled', 'cancelled', 'refunded'],
    description: 'Status of the order',
  }),
  ev({
    id: 'order.previousStatus',
    label: 'Previous order status',
    type: 'string',
    valueKind: 'text',
    description: 'Status before the change',
  }),
  ev({
    group: 'technographic',
    id: 'order.channel',
    valuesFromData: true,
    label: 'Order channel',
    type: 'string',
    valueKind: 'text',
    suggestions: ['web', 'mobile', 'pos', 'marketplace'],
    description: 'Where the order was placed (technographic)',
  }),
  ev({
    id: 'order.couponCode',
    valuesFromData: true,
    label: 'Order coupon',
    type: 'string',
    valueKind: 'text',
    description: 'Coupon code used on the order',
  }),
  ev({
    id: 'order.skus',
    valuesFromData: true,
    label: 'Order SKUs',
    type: 'set',
    valueKind: 'tags',
    description: 'SKUs in the order',
  }),
  ev({
    id: 'order.productIds',
    valuesFromData: true,
    label: 'Order products',
    type: 'set',
    valueKind: 'tags',
    description: 'Product ids in the order',
  }),
  ev({
    id: 'order.categories',
    valuesFromData: true,
    label: 'Order categories',
    type: 'set',
    valueKind: 'tags',
    description: 'Categories in the order',
  }),
  ev({
    id: 'order.brands',
    valuesFromData: true,
    label: 'Order brands',
    type: 'set',
    valueKind: 'tags',
    description: 'Brands in the order',
  }),
  ev({
    id: 'cart.total',
    label: 'Cart total',
    type: 'number',
    valueKind: 'money',
    description: 'Total of the cart, in cents',
  }),
  ev({
    id: 'cart.itemCount',
    label: 'Cart item count',
    type: 'number',
    valueKind: 'integer',
    description: 'Sum of item quantities in the cart',
  }),
];
