import { triggerDefinition } from './trigger-common';

/** Runs on demand, or as a backfill over existing customers. */
export const manualNode = triggerDefinition({ icon: '▶️', describe: () => 'When run manually or backfilled' });
