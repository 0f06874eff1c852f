import { z } from 'zod';
import { defineNode, singleOutput, triggerBaseConfig } from '../node-definition';

/** Starts a run for every `cart.abandoned` event; conditions may read the cart. */
export const triggerCartAbandoned = defineNode({
  type: 'trigger.cart_abandoned',
  kind: 'trigger',
  label: 'Cart abandoned',
  description: 'When a shopper leaves a cart without checking out',
  category: 'Carts',
  icon: 'shopping-cart',
  configSchema: z.strictObject({ ...triggerBaseConfig }),
  defaultConfig: { reentry: 'once' },
  handles: singleOutput,
  eventFields: ['cart.total', 'cart.itemCount'],
});
