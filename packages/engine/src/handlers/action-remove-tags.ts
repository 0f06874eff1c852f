import type { NodeConfig } from '@segflow/schema';
import { portAction } from './action';

/** `action.remove_tags`: the `removeTags` port. */
export const actionRemoveTags = portAction<NodeConfig<'action.remove_tags'>>((actions, ctx, config) =>
  actions.removeTags(ctx, { tags: config.tags }),
);
