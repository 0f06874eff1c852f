import { triggerDefinition } from './trigger-common';

/** Starts a run when a customer signs up. */
export const customerCreatedNode = triggerDefinition({
  icon: '✚',
  describe: () => 'When a customer signs up',
});
