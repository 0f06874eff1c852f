import { triggerDefinition } from './trigger-common';

/** Starts a run when a customer's profile changes. */
export const customerUpdatedNode = triggerDefinition({
  icon: '✎',
  describe: () => 'When a customer is updated',
});
