import type { NodeConfig } from '@segflow/schema';
import { portAction } from './action';

/** `action.add_tags`: the `addTags` port. */
export const actionAddTags = portAction<NodeConfig<'action.add_tags'>>((actions, ctx, config) =>
  actions.addTags(ctx, { tags: config.tags }),
);
