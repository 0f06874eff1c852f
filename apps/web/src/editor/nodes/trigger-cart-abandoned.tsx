import { triggerDefinition } from './trigger-common';

/** Starts a run when a cart is left without checkout. */
export const cartAbandonedNode = triggerDefinition({
  icon: '⊘',
  describe: () => 'When a cart is abandoned',
});
