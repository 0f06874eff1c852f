import type { NodeConfig } from '@segflow/schema';
import { portAction } from './action';

/** `action.assign_group`: the `assignGroup` port. */
export const actionAssignGroup = portAction<NodeConfig<'action.assign_group'>>((actions, ctx, config) =>
  actions.assignGroup(ctx, { group: config.group }),
);
