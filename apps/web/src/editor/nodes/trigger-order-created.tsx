import { triggerDefinition } from './trigger-common';

/** Starts a run for every new order. */
export const orderCreatedNode = triggerDefinition({ icon: '◉', describe: () => 'When an order is placed' });
